/** @module Random board operations for fuzz tests: what people do, and what they expect to see. */
import fc from 'fast-check';
import { expect } from 'vitest';
import type * as Y from 'yjs';
import { cardsMap } from '../../shared/board';
import {
  addCard,
  deleteCard,
  deleteCardText,
  insertCardText,
  listAllCards,
  listCards,
  moveCard,
  setCardVoice,
} from '../../shared/cards';
import { addScale, setRating } from '../../shared/ratings';
import { isSectionId, SECTIONS } from '../../shared/sections';
import type { TestNetwork } from './network';

export const PEOPLE = 3;

const person = fc.nat(PEOPLE - 1);
const section = fc.constantFrom(...SECTIONS.map(({ id }) => id));
const position = fc.integer({ min: -1, max: 6 });
/** Which card: taken modulo the number of cards the person sees at that moment. */
const card = fc.nat(50);
const words = fc.string({ unit: fc.constantFrom('a', 'b', 'å', 'ö', ' ', '\n'), maxLength: 6 });
const pick = fc.nat(20);

function kind<K extends string>(name: K): fc.Arbitrary<K> {
  return fc.constant(name);
}

/** One thing a person or the network does; deliveries outnumber edits, as on a real board. */
export const operation = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: kind('add'),
      person,
      section,
      index: position,
      text: words,
      child: fc.boolean(),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({ kind: kind('type'), person, card, at: fc.nat(12), text: words }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: kind('erase'), person, card, at: fc.nat(12), length: fc.nat(4) }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ kind: kind('move'), person, card, section, index: position }),
  },
  { weight: 1, arbitrary: fc.record({ kind: kind('delete'), person, card }) },
  { weight: 1, arbitrary: fc.record({ kind: kind('voice'), person, card, child: fc.boolean() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: kind('rate'),
      person,
      halfSteps: fc.integer({ min: 0, max: 20 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: kind('add scale'),
      person,
      scale: fc.constantFrom('willingness' as const, 'capacity' as const),
    }),
  },
  { weight: 8, arbitrary: fc.record({ kind: kind('deliver'), from: person, to: person, pick }) },
  { weight: 1, arbitrary: fc.record({ kind: kind('duplicate'), from: person, to: person, pick }) },
  { weight: 1, arbitrary: fc.record({ kind: kind('reconnect'), from: person, to: person }) },
);
export type Operation = typeof operation extends fc.Arbitrary<infer T> ? T : never;

/** What the people did that everyone must see in the end, whatever the network did. */
export interface Intent {
  added: Set<string>;
  deleted: Set<string>;
  /** Each person's last safety rating: only they move their own marker. */
  safety: Map<string, number>;
}

export function personId(index: number): string {
  return `person-${index}`;
}

/** Applies one operation; `serial` makes card ids and times unique and repeatable. */
export function applyOperation(
  network: TestNetwork,
  operation: Operation,
  intent: Intent,
  serial: number,
): void {
  switch (operation.kind) {
    case 'deliver':
      network.deliver(operation.from, operation.to, operation.pick);
      return;
    case 'duplicate':
      network.duplicate(operation.from, operation.to, operation.pick);
      return;
    case 'reconnect':
      network.resync(operation.from, operation.to);
      return;
    case 'add': {
      const id = `card-${operation.person}-${serial}`;
      addCard(network.doc(operation.person), {
        id,
        section: operation.section,
        author: personId(operation.person),
        text: operation.text,
        index: operation.index,
        createdAt: serial,
        ...(operation.child ? { voice: 'child' as const } : {}),
      });
      intent.added.add(id);
      return;
    }
    case 'rate': {
      const value = operation.halfSteps / 2;
      const me = personId(operation.person);
      setRating(network.doc(operation.person), 'safety', me, {
        value,
        name: `Person ${operation.person}`,
        role: 'family',
        at: serial,
      });
      intent.safety.set(me, value);
      return;
    }
    case 'add scale':
      addScale(network.doc(operation.person), operation.scale);
      return;
    default:
      editCard(network.doc(operation.person), operation, intent);
  }
}

type CardOperation = Extract<Operation, { card: number }>;

function editCard(doc: Y.Doc, operation: CardOperation, intent: Intent): void {
  const cards = listAllCards(doc);
  const target = cards[operation.card % Math.max(1, cards.length)];
  if (target === undefined) return;
  switch (operation.kind) {
    case 'type':
      insertCardText(doc, target.id, operation.at, operation.text);
      break;
    case 'erase':
      deleteCardText(doc, target.id, operation.at, operation.length);
      break;
    case 'move':
      moveCard(doc, target.id, operation.section, operation.index);
      break;
    case 'delete':
      deleteCard(doc, target.id);
      intent.deleted.add(target.id);
      break;
    case 'voice':
      setCardVoice(doc, target.id, operation.child ? 'child' : undefined);
      break;
  }
}

/**
 * Every card is listed once, in a known section, in one consistent total order. With updates
 * still on their way a card may be missing from the list: Yjs applies the deletions in an update
 * at once but holds back its insertions until the updates they build on arrive, so a moved card
 * can briefly have neither its old nor its new section. Once everything has arrived, every
 * stored card is listed.
 */
export function expectTidyBoard(doc: Y.Doc, everythingArrived: boolean): void {
  const cards = listAllCards(doc);
  const ids = cards.map((each) => each.id);
  expect(new Set(ids).size).toBe(ids.length);
  if (everythingArrived) expect(ids.length).toBe(cardsMap(doc).size);
  const sectionOrder: string[] = SECTIONS.map(({ id }) => id);
  cards.forEach((after, index) => {
    expect(isSectionId(after.section)).toBe(true);
    const before = cards[index - 1];
    if (before === undefined) return;
    expect(sectionOrder.indexOf(before.section)).toBeLessThanOrEqual(
      sectionOrder.indexOf(after.section),
    );
    if (before.section !== after.section) return;
    const ascending =
      before.order < after.order || (before.order === after.order && before.id < after.id);
    expect(ascending).toBe(true);
  });
  for (const { id } of SECTIONS) {
    expect(listCards(doc, id)).toEqual(cards.filter((each) => each.section === id));
  }
}
