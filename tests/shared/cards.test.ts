/** @module Tests for cards: adding, board order, character edits, moving, deleting, child's words. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { cardsMap } from '../../shared/board';
import {
  addCard,
  cardText,
  deleteCard,
  deleteCardText,
  insertCardText,
  listAllCards,
  listCards,
  moveCard,
  setCardVoice,
} from '../../shared/cards';
import { SECTIONS, type SectionId } from '../../shared/sections';
import { newBoard, sync } from './boards';

function textsIn(doc: Y.Doc, section: SectionId): string[] {
  return listCards(doc, section).map((card) => card.text);
}

function idsIn(doc: Y.Doc, section: SectionId): string[] {
  return listCards(doc, section).map((card) => card.id);
}

describe('addCard', () => {
  it('stores a card exactly as SPEC §4.3 lays it out', () => {
    const doc = newBoard();
    const id = addCard(doc, {
      section: 'strengths',
      author: 'anna',
      text: 'Mamma hämtar på förskolan varje dag',
      createdAt: 1000,
      voice: 'child',
    });
    const card = cardsMap(doc).get(id);
    expect(card).toBeInstanceOf(Y.Map);
    if (!(card instanceof Y.Map)) return;
    expect([...card.keys()].sort()).toEqual(
      ['author', 'createdAt', 'order', 'section', 'text', 'voice'].sort(),
    );
    expect(card.get('section')).toBe('strengths');
    expect(card.get('text')).toBeInstanceOf(Y.Text);
    expect(card.get('text').toString()).toBe('Mamma hämtar på förskolan varje dag');
    expect(typeof card.get('order')).toBe('string');
    expect(card.get('author')).toBe('anna');
    expect(card.get('createdAt')).toBe(1000);
    expect(card.get('voice')).toBe('child');
  });

  it('gives each card its own id and leaves voice out unless it is the child speaking', () => {
    const doc = newBoard();
    const first = addCard(doc, { section: 'past-harm', author: 'anna' });
    const second = addCard(doc, { section: 'past-harm', author: 'anna' });
    expect(first).not.toBe(second);
    expect(first.length).toBeGreaterThanOrEqual(16);
    const card = cardsMap(doc).get(first);
    expect(card instanceof Y.Map && card.has('voice')).toBe(false);
    expect(listCards(doc, 'past-harm')[0]).toMatchObject({ text: '', author: 'anna' });
  });

  it('adds at the end of the section by default and at the requested position otherwise', () => {
    const doc = newBoard();
    addCard(doc, { section: 'next-steps', author: 'a', text: 'second' });
    addCard(doc, { section: 'next-steps', author: 'a', text: 'fourth' });
    addCard(doc, { section: 'next-steps', author: 'a', text: 'first', index: 0 });
    addCard(doc, { section: 'next-steps', author: 'a', text: 'third', index: 2 });
    addCard(doc, { section: 'next-steps', author: 'a', text: 'fifth', index: 99 });
    addCard(doc, { section: 'next-steps', author: 'a', text: 'zeroth', index: -5 });
    expect(textsIn(doc, 'next-steps')).toEqual([
      'zeroth',
      'first',
      'second',
      'third',
      'fourth',
      'fifth',
    ]);
  });

  it('uses a given id and refuses one that is taken', () => {
    const doc = newBoard();
    expect(addCard(doc, { id: 'card-1', section: 'strengths', author: 'a' })).toBe('card-1');
    expect(() => addCard(doc, { id: 'card-1', section: 'strengths', author: 'a' })).toThrow(
      'A card with the id "card-1" is already on this board.',
    );
  });

  it('refuses a section that is not on the board', () => {
    const doc = newBoard();
    const section = 'dreams' as SectionId;
    expect(() => addCard(doc, { section, author: 'a' })).toThrow(
      'There is no section called "dreams".',
    );
    expect(() => listCards(doc, section)).toThrow('There is no section called "dreams".');
    expect(cardsMap(doc).size).toBe(0);
  });
});

describe('listing cards', () => {
  it('lists every section in the order of SPEC §2, each in board order', () => {
    const doc = newBoard();
    addCard(doc, { section: 'next-steps', author: 'a', text: 'call school' });
    addCard(doc, { section: 'past-harm', author: 'a', text: 'bruise in March' });
    addCard(doc, { section: 'strengths', author: 'a', text: 'grandma helps' });
    addCard(doc, { section: 'past-harm', author: 'a', text: 'police called in May' });
    expect(listAllCards(doc).map((card) => [card.section, card.text])).toEqual([
      ['past-harm', 'bruise in March'],
      ['past-harm', 'police called in May'],
      ['strengths', 'grandma helps'],
      ['next-steps', 'call school'],
    ]);
    expect(listCards(doc, 'existing-safety')).toEqual([]);
  });

  it('skips what is not a card it understands, and still adds cards next to it', () => {
    const doc = newBoard();
    addCard(doc, { id: 'good', section: 'strengths', author: 'a', text: 'kept' });
    const cards = cardsMap(doc);
    cards.set('a string', 'hello');
    cards.set(
      'unknown section',
      new Y.Map<unknown>([
        ['section', 'dreams'],
        ['text', new Y.Text('x')],
        ['order', 'a5'],
      ]),
    );
    cards.set(
      'plain text',
      new Y.Map<unknown>([
        ['section', 'strengths'],
        ['text', 'x'],
        ['order', 'a5'],
      ]),
    );
    cards.set(
      'no order',
      new Y.Map<unknown>([
        ['section', 'strengths'],
        ['text', new Y.Text('x')],
      ]),
    );
    cards.set(
      'bad key',
      new Y.Map<unknown>([
        ['section', 'strengths'],
        ['text', new Y.Text('odd key')],
        ['order', '~~'],
      ]),
    );

    expect(listAllCards(doc).map((card) => card.id)).toEqual(['good', 'bad key']);
    // A card missing its author and time still shows its words.
    expect(listCards(doc, 'strengths')[1]).toEqual({
      id: 'bad key',
      section: 'strengths',
      text: 'odd key',
      order: '~~',
      author: '',
      createdAt: 0,
    });
    addCard(doc, { id: 'end', section: 'strengths', author: 'a' });
    moveCard(doc, 'good', 'strengths', 2);
    expect(idsIn(doc, 'strengths')).toEqual(['end', 'good', 'bad key']);
  });
});

describe('card text', () => {
  it('is typed and erased character by character', () => {
    const doc = newBoard();
    const id = addCard(doc, { section: 'danger-statements', author: 'a', text: 'If nothing' });
    insertCardText(doc, id, 10, ' changes');
    insertCardText(doc, id, 0, '» ');
    deleteCardText(doc, id, 0, 2);
    deleteCardText(doc, id, 10, 100);
    insertCardText(doc, id, 500, ', we are worried');
    expect(cardText(doc, id)?.toString()).toBe('If nothing, we are worried');
  });

  it('merges two people typing in the same card at the same time', () => {
    const mother = newBoard();
    const worker = new Y.Doc();
    sync(mother, worker);
    const id = addCard(mother, { section: 'strengths', author: 'mother', text: 'We eat together' });
    sync(mother, worker);

    insertCardText(mother, id, 15, ' every evening');
    insertCardText(worker, id, 0, 'Most days: ');
    deleteCardText(worker, id, 13, 4);
    sync(mother, worker);

    for (const doc of [mother, worker]) {
      expect(listCards(doc, 'strengths')[0]?.text).toBe('Most days: We together every evening');
    }
  });

  it('refuses to edit a card that is not there', () => {
    const doc = newBoard();
    expect(cardText(doc, 'gone')).toBeUndefined();
    expect(() => insertCardText(doc, 'gone', 0, 'x')).toThrow(
      'There is no card with the id "gone".',
    );
    expect(() => deleteCardText(doc, 'gone', 0, 1)).toThrow('There is no card with the id "gone".');
  });
});

describe('moveCard', () => {
  function boardWithFive(): Y.Doc {
    const doc = newBoard();
    for (const id of ['a', 'b', 'c', 'd', 'e'])
      addCard(doc, { id, section: 'strengths', author: 'x' });
    return doc;
  }

  it('counts the target position without the moved card', () => {
    const doc = boardWithFive();
    moveCard(doc, 'a', 'strengths', 2);
    expect(idsIn(doc, 'strengths')).toEqual(['b', 'c', 'a', 'd', 'e']);
    moveCard(doc, 'e', 'strengths', 0);
    expect(idsIn(doc, 'strengths')).toEqual(['e', 'b', 'c', 'a', 'd']);
    moveCard(doc, 'b', 'strengths', 4);
    expect(idsIn(doc, 'strengths')).toEqual(['e', 'c', 'a', 'd', 'b']);
  });

  it('moves a card to another section at the requested position', () => {
    const doc = boardWithFive();
    addCard(doc, { id: 'goal', section: 'safety-goals', author: 'x' });
    moveCard(doc, 'c', 'safety-goals', 0);
    moveCard(doc, 'd', 'safety-goals', 9);
    expect(idsIn(doc, 'strengths')).toEqual(['a', 'b', 'e']);
    expect(idsIn(doc, 'safety-goals')).toEqual(['c', 'goal', 'd']);
  });

  it('sends nothing when a card is dropped where it already is', () => {
    const doc = boardWithFive();
    let updates = 0;
    doc.on('update', () => updates++);
    moveCard(doc, 'c', 'strengths', 2);
    expect(updates).toBe(0);
    moveCard(doc, 'c', 'past-harm', 0);
    expect(updates).toBe(1);
  });

  it('refuses an unknown card or section', () => {
    const doc = boardWithFive();
    expect(() => moveCard(doc, 'zz', 'strengths', 0)).toThrow('There is no card with the id "zz".');
    expect(() => moveCard(doc, 'a', 'nowhere' as SectionId, 0)).toThrow(
      'There is no section called "nowhere".',
    );
  });
});

describe('cards added at the same spot at the same time', () => {
  /** Two people each add a card to the same empty section before either sees the other's. */
  function tiedBoard(): { left: Y.Doc; right: Y.Doc } {
    const left = newBoard();
    const right = new Y.Doc();
    sync(left, right);
    addCard(left, { id: 'left', section: 'strengths', author: 'l' });
    addCard(right, { id: 'right', section: 'strengths', author: 'r' });
    sync(left, right);
    return { left, right };
  }

  it('get the same order key and are listed by id, the same way everywhere', () => {
    const { left, right } = tiedBoard();
    const [first, second] = listCards(left, 'strengths');
    expect(first?.order).toBe(second?.order);
    expect(idsIn(left, 'strengths')).toEqual(['left', 'right']);
    expect(idsIn(right, 'strengths')).toEqual(['left', 'right']);
  });

  it('leave room for a card added or moved between them, placed right next to that spot', () => {
    const { left, right } = tiedBoard();
    addCard(left, { id: 'new', section: 'strengths', author: 'l', index: 1 });
    addCard(left, { id: 'moved', section: 'past-harm', author: 'l' });
    moveCard(left, 'moved', 'strengths', 1);
    sync(left, right);

    const ids = idsIn(right, 'strengths');
    expect(ids).toHaveLength(4);
    expect(ids).toEqual(idsIn(left, 'strengths'));
    // Neither card can go exactly between two equal keys; each goes one place off, not further.
    for (const id of ['new', 'moved']) expect(Math.abs(ids.indexOf(id) - 1)).toBeLessThanOrEqual(1);
    expect(ids.indexOf('right') - ids.indexOf('left')).toBeGreaterThan(0);
  });
});

describe('deleteCard and setCardVoice', () => {
  it('deletes a card and refuses one that is not there', () => {
    const doc = newBoard();
    const id = addCard(doc, { section: 'past-harm', author: 'a' });
    deleteCard(doc, id);
    expect(listAllCards(doc)).toEqual([]);
    expect(() => deleteCard(doc, id)).toThrow(`There is no card with the id "${id}".`);
  });

  it("marks and unmarks a card as the child's own words", () => {
    const doc = newBoard();
    const id = addCard(doc, { section: 'strengths', author: 'lisa', text: 'Pappa läser för mig' });
    setCardVoice(doc, id, 'child');
    expect(listCards(doc, 'strengths')[0]?.voice).toBe('child');
    setCardVoice(doc, id, undefined);
    expect(listCards(doc, 'strengths')[0]).not.toHaveProperty('voice');
    expect(() => setCardVoice(doc, 'gone', 'child')).toThrow(
      'There is no card with the id "gone".',
    );
  });
});

describe('one person arranging cards', () => {
  const sectionIndex = fc.nat(SECTIONS.length - 1);
  const operation = fc.oneof(
    fc.record({
      kind: fc.constant('add' as const),
      section: sectionIndex,
      index: fc.integer({ min: -1, max: 8 }),
    }),
    fc.record({
      kind: fc.constant('move' as const),
      card: fc.nat(),
      section: sectionIndex,
      index: fc.integer({ min: -1, max: 8 }),
    }),
    fc.record({ kind: fc.constant('delete' as const), card: fc.nat() }),
  );

  it('sees every card exactly where it was put', () => {
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 40 }), (operations) => {
        const doc = newBoard();
        // The expected board: card ids per section, in the order the person arranged them.
        const expected = new Map<SectionId, string[]>(SECTIONS.map(({ id }) => [id, []]));
        const place = (section: SectionId, index: number, id: string) => {
          const list = expected.get(section) ?? [];
          list.splice(Math.min(Math.max(index, 0), list.length), 0, id);
        };
        let next = 0;
        for (const operation of operations) {
          const all = [...expected.values()].flat();
          if (operation.kind === 'add') {
            const section = SECTIONS[operation.section]?.id ?? 'past-harm';
            const id = `card-${next++}`;
            addCard(doc, { id, section, author: 'me', index: operation.index });
            place(section, operation.index, id);
            continue;
          }
          const id = all[operation.card % Math.max(1, all.length)];
          if (id === undefined) continue;
          for (const list of expected.values())
            if (list.includes(id)) list.splice(list.indexOf(id), 1);
          if (operation.kind === 'delete') {
            deleteCard(doc, id);
          } else {
            const section = SECTIONS[operation.section]?.id ?? 'past-harm';
            moveCard(doc, id, section, operation.index);
            place(section, operation.index, id);
          }
        }
        for (const [section, ids] of expected) expect(idsIn(doc, section)).toEqual(ids);
      }),
      { numRuns: 150 },
    );
  });
});
