/** @module Tests for restoring a saved version as the live board. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { cardsMap, initBoardDoc, metaMap, participantsMap, scalesMap } from '../../shared/board';
import {
  addCard,
  cardText,
  deleteCard,
  deleteCardText,
  insertCardText,
  listAllCards,
  moveCard,
  setCardVoice,
} from '../../shared/cards';
import { type BoardExport, exportBoardJson } from '../../shared/export';
import { listParticipants, upsertParticipant } from '../../shared/participants';
import { addScale, removeRating, setRating, setRatingNotes } from '../../shared/ratings';
import { restoreBoard } from '../../shared/restore';
import { CREATED_AT, newBoard, sync } from './boards';
import { TestNetwork } from './network';
import {
  applyOperation,
  expectTidyBoard,
  type Intent,
  operation,
  PEOPLE,
  personId,
} from './operations';

function exported(doc: Y.Doc): BoardExport {
  return exportBoardJson(doc, { id: 'board', exportedAt: 0 });
}

/** A saved version: the document's state as the server stores it, loaded into a doc of its own. */
function snapshot(doc: Y.Doc): Y.Doc {
  const version = new Y.Doc();
  Y.applyUpdate(version, Y.encodeStateAsUpdate(doc));
  return version;
}

/** The board as it stood, field by field, including fields the export leaves out. */
function expectSameBoard(doc: Y.Doc, version: Y.Doc): void {
  expect(exported(doc)).toEqual(exported(version));
  expect(cardsMap(doc).toJSON()).toEqual(cardsMap(version).toJSON());
  expect(scalesMap(doc).toJSON()).toEqual(scalesMap(version).toJSON());
}

/** Meeting 1: two people, three cards, the safety scale with one marker and its notes. */
function firstMeeting(): Y.Doc {
  const doc = newBoard('sv', 'Familjen Andersson');
  upsertParticipant(doc, 'mother', { name: 'Lena', role: 'family', color: '#ee3333' });
  upsertParticipant(doc, 'worker', { name: 'Karin', role: 'worker', color: '#333333' });
  addCard(doc, { id: 'c1', section: 'past-harm', author: 'worker', text: 'Polis kallad i maj' });
  addCard(doc, { id: 'c2', section: 'past-harm', author: 'mother', text: 'Jag är rädd ibland' });
  setCardVoice(doc, 'c2', 'child');
  addCard(doc, { id: 'c3', section: 'strengths', author: 'mother', text: 'Morfar hämtar' });
  setRating(doc, 'safety', 'mother', { value: 6.5, name: 'Lena', role: 'family', at: 20 });
  setRatingNotes(doc, 'safety', 'mother', { why: 'Vi har en plan', nextStep: 'Samtal' });
  setRating(doc, 'safety', 'worker', { value: 3, name: 'Karin', role: 'worker', at: 21 });
  return doc;
}

/** Saves meeting 1, lets `edit` change the board, restores meeting 1 and checks it is back. */
function restoreAfter(edit: (doc: Y.Doc) => void): Y.Doc {
  const doc = firstMeeting();
  const version = snapshot(doc);
  edit(doc);
  expect(exported(doc)).not.toEqual(exported(version));
  restoreBoard(doc, version);
  expectSameBoard(doc, version);
  return doc;
}

describe('restoreBoard', () => {
  it('brings back a card deleted since, under its old id and in its old place', () => {
    const doc = restoreAfter((live) => deleteCard(live, 'c1'));
    expect(listAllCards(doc).map((card) => card.id)).toEqual(['c1', 'c2', 'c3']);
  });

  it('removes a card added since', () => {
    restoreAfter((live) => addCard(live, { section: 'next-steps', author: 'worker', text: 'Ny' }));
  });

  it('undoes an edited text with one small splice, keeping the rest of the text object', () => {
    const doc = firstMeeting();
    const version = snapshot(doc);
    const text = cardText(doc, 'c1');
    insertCardText(doc, 'c1', 5, 'en ');
    deleteCardText(doc, 'c1', 0, 1);
    const deltas: unknown[] = [];
    text?.observe((event) => deltas.push(event.delta));
    restoreBoard(doc, version);
    expectSameBoard(doc, version);
    expect(cardText(doc, 'c1')).toBe(text);
    // "olis en kallad i maj" -> "Polis kallad i maj": one splice over the changed stretch.
    expect(deltas).toEqual([[{ delete: 7 }, { insert: 'Polis' }]]);
  });

  it('moves a card back to its section and its place, and restores the child’s voice', () => {
    restoreAfter((live) => {
      moveCard(live, 'c2', 'strengths', 0);
      moveCard(live, 'c3', 'strengths', 5);
      setCardVoice(live, 'c2', undefined);
    });
  });

  it('puts a moved marker back and brings back a removed one with its notes', () => {
    restoreAfter((live) => {
      setRating(live, 'safety', 'worker', { value: 5, name: 'Karin', role: 'worker', at: 30 });
      removeRating(live, 'safety', 'mother');
    });
  });

  it('removes a marker placed since and a scale added since', () => {
    restoreAfter((live) => {
      addScale(live, 'willingness');
      setRating(live, 'willingness', 'mother', { value: 8, name: 'Lena', role: 'family', at: 31 });
      setRating(live, 'safety', 'grandpa', { value: 7, name: 'Bengt', role: 'network', at: 32 });
    });
  });

  it('brings back a scale removed since, with its markers', () => {
    const doc = firstMeeting();
    addScale(doc, 'capacity');
    setRating(doc, 'capacity', 'worker', { value: 4, name: 'Karin', role: 'worker', at: 22 });
    const version = snapshot(doc);
    scalesMap(doc).delete('capacity');
    restoreBoard(doc, version);
    expectSameBoard(doc, version);
  });

  it('restores the optional fields of SPEC §4.3: what the version has is copied, the rest deleted', () => {
    const doc = firstMeeting();
    const c1 = cardsMap(doc).get('c1') as Y.Map<unknown>;
    const c3 = cardsMap(doc).get('c3') as Y.Map<unknown>;
    c1.set('pair', 'c3');
    c1.set('agree', new Y.Map<unknown>([['mother', true]]));
    c3.set('owner', 'Lena');
    c3.set('due', '2026-06-01');
    c3.set('status', 'open');
    (scalesMap(doc).get('safety') as Y.Map<unknown>).set('statement', 'c1');
    const version = snapshot(doc);
    (c1.get('agree') as Y.Map<unknown>).set('worker', false);
    c1.delete('pair');
    c3.set('status', 'done');
    c3.set('future', { kind: 'unknown to this client' });
    (scalesMap(doc).get('safety') as Y.Map<unknown>).set('hidden', true);
    restoreBoard(doc, version);
    expectSameBoard(doc, version);
    expect(c1.get('agree')).toBeInstanceOf(Y.Map);
    expect(c3.toJSON()).toMatchObject({ owner: 'Lena', due: '2026-06-01', status: 'open' });
    expect(c3.has('future')).toBe(false);
  });

  it('restores the title but keeps the language and creation time', () => {
    const doc = firstMeeting();
    const version = snapshot(doc);
    metaMap(doc).set('title', 'Andersson, möte 2');
    metaMap(version).set('language', 'en');
    metaMap(version).set('createdAt', 1);
    restoreBoard(doc, version);
    expect(metaMap(doc).toJSON()).toEqual({
      title: 'Familjen Andersson',
      template: 'mapping',
      language: 'sv',
      createdAt: CREATED_AT,
    });
  });

  it('keeps everyone who joined since and brings back those who took part then', () => {
    const doc = firstMeeting();
    const version = snapshot(doc);
    upsertParticipant(doc, 'grandpa', { name: 'Bengt', role: 'network', color: '#33aa33' });
    upsertParticipant(doc, 'mother', { name: 'Lena A.', role: 'family', color: '#ee3333' });
    participantsMap(doc).delete('worker');
    restoreBoard(doc, version);
    expect(listParticipants(doc).map(({ id, name }) => [id, name])).toEqual([
      ['grandpa', 'Bengt'],
      ['worker', 'Karin'],
      ['mother', 'Lena A.'],
    ]);
    const { participants: _now, ...board } = exported(doc);
    const { participants: _then, ...saved } = exported(version);
    expect(board).toEqual({
      ...saved,
      // Card authors are named as they are called now.
      sections: saved.sections.map((section) => ({
        ...section,
        cards: section.cards.map((card) =>
          card.author === 'mother' ? { ...card, authorName: 'Lena A.' } : card,
        ),
      })),
    });
  });

  it('is one transaction with the given origin, and changes nothing when the board is as saved', () => {
    const doc = firstMeeting();
    const version = snapshot(doc);
    const origins: unknown[] = [];
    doc.on('update', (_update: Uint8Array, origin: unknown) => origins.push(origin));
    restoreBoard(doc, version, 'restore');
    expect(origins).toEqual([]);
    deleteCard(doc, 'c1');
    moveCard(doc, 'c3', 'past-harm', 0);
    origins.length = 0;
    restoreBoard(doc, version, 'restore');
    expect(origins).toEqual(['restore']);
  });

  it('keeps what someone types into a card while it is being restored', () => {
    const doc = firstMeeting();
    const other = snapshot(doc);
    const version = snapshot(doc);
    insertCardText(doc, 'c3', 0, 'Inte längre: ');
    sync(doc, other);
    insertCardText(other, 'c3', cardText(other, 'c3')?.length ?? 0, ' varje dag');
    restoreBoard(doc, version);
    sync(doc, other);
    expect(exported(other)).toEqual(exported(doc));
    expect(listAllCards(doc).find((card) => card.id === 'c3')?.text).toBe(
      'Morfar hämtar varje dag',
    );
  });

  it('random edits, a saved version, more edits: restore gives back the version, and a concurrent editor converges', () => {
    const edits = fc.array(operation, { maxLength: 40 });
    fc.assert(
      fc.property(edits, edits, edits, (before, since, concurrent) => {
        const network = new TestNetwork(PEOPLE);
        initBoardDoc(network.doc(0), { title: 'Möte 1', language: 'sv', createdAt: CREATED_AT });
        network.flush();
        for (let index = 0; index < PEOPLE; index++) {
          upsertParticipant(network.doc(index), personId(index), {
            name: `Person ${index}`,
            role: 'family',
            color: '#000000',
          });
        }
        let intent: Intent = { added: new Set(), deleted: new Set(), safety: new Map() };
        const run = (operations: typeof before, from: number) => {
          for (const [serial, each] of operations.entries()) {
            applyOperation(network, each, intent, from + serial);
          }
        };
        run(before, 0);
        network.flush();
        const version = snapshot(network.doc(0));
        run(since, 1000);
        metaMap(network.doc(1)).set('title', 'Möte 2');
        network.flush();

        restoreBoard(network.doc(0), version);
        expectSameBoard(network.doc(0), version);
        expectTidyBoard(network.doc(0), true);

        // The others go on editing while the restore travels to them.
        intent = { added: new Set(), deleted: new Set(), safety: new Map() };
        run(
          concurrent.filter((each) => !('person' in each) || each.person !== 0),
          2000,
        );
        network.flush();
        const [first, ...others] = network.docs.map(exported);
        for (const other of others) expect(other).toEqual(first);
        for (const doc of network.docs) expectTidyBoard(doc, true);
        // Cards they added meanwhile are all there: the restore only undid what it knew of.
        const ids = new Set(listAllCards(network.doc(0)).map((card) => card.id));
        for (const id of intent.added) expect(ids.has(id) || intent.deleted.has(id)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});
