/** @module Cards (sticky notes): add, list in board order, edit text by characters, move, delete. */
import { nanoid } from 'nanoid';
import * as Y from 'yjs';
import { cardsMap } from './board';
import { readNumber, readString } from './fields';
import { clampIndex, compareKeys, orderKeyAt } from './order';
import { isSectionId, SECTIONS, type SectionId } from './sections';

export interface CardView {
  id: string;
  section: SectionId;
  text: string;
  order: string;
  author: string;
  createdAt: number;
  voice?: 'child';
}

export interface NewCard {
  section: SectionId;
  /** The participant id of the person who wrote it. */
  author: string;
  text?: string;
  /** Position within the section; the end when omitted. */
  index?: number;
  createdAt?: number;
  voice?: 'child';
  id?: string;
}

/** Adds a card and returns its id. */
export function addCard(doc: Y.Doc, input: NewCard): string {
  requireSection(input.section);
  const cards = cardsMap(doc);
  const id = input.id ?? nanoid();
  if (cards.has(id)) throw new Error(`A card with the id "${id}" is already on this board.`);
  const keys = placedCards(doc, input.section).map((card) => card.order);
  const card = new Y.Map<unknown>([
    ['section', input.section],
    ['text', new Y.Text(input.text ?? '')],
    ['order', orderKeyAt(keys, clampIndex(input.index, keys.length))],
    ['author', input.author],
    ['createdAt', input.createdAt ?? Date.now()],
  ]);
  if (input.voice === 'child') card.set('voice', 'child');
  cards.set(id, card);
  return id;
}

/** The cards of one section in board order. */
export function listCards(doc: Y.Doc, section: SectionId): CardView[] {
  requireSection(section);
  return placedCards(doc, section).map(toView);
}

/** Every card, section by section in SECTIONS order, each section in board order. */
export function listAllCards(doc: Y.Doc): CardView[] {
  const cards = placements(doc);
  return SECTIONS.flatMap(({ id }) => cards.filter((card) => card.section === id).map(toView));
}

/** The card's shared text, for editors that bind to it directly. */
export function cardText(doc: Y.Doc, cardId: string): Y.Text | undefined {
  const card = cardsMap(doc).get(cardId);
  if (!(card instanceof Y.Map)) return undefined;
  const text = card.get('text');
  return text instanceof Y.Text ? text : undefined;
}

/** Types `text` at `index`; character edits let two people type in one card at once. */
export function insertCardText(doc: Y.Doc, cardId: string, index: number, text: string): void {
  const shared = requireText(doc, cardId);
  shared.insert(clampIndex(index, shared.length), text);
}

/** Erases `length` characters from `index`; a range past the end is cut to the text's length. */
export function deleteCardText(doc: Y.Doc, cardId: string, index: number, length: number): void {
  const shared = requireText(doc, cardId);
  const start = clampIndex(index, shared.length);
  const count = Math.min(shared.length - start, Math.max(0, Math.trunc(length) || 0));
  if (count > 0) shared.delete(start, count);
}

/**
 * Moves a card to `index` within `section`, counted in that section's list without the card
 * itself (so "index 0" is the top, whichever section the card came from).
 */
export function moveCard(doc: Y.Doc, cardId: string, section: SectionId, index: number): void {
  requireSection(section);
  const card = requireCard(doc, cardId);
  const inSection = placedCards(doc, section);
  const others = inSection.filter((other) => other.id !== cardId);
  const target = clampIndex(index, others.length);
  const sameSection = card.get('section') === section;
  // Already there: keep the key, so a drop in place sends nothing to the others.
  if (sameSection && inSection.findIndex((other) => other.id === cardId) === target) return;
  const keys = others.map((other) => other.order);
  const order = orderKeyAt(keys, target);
  doc.transact(() => {
    if (!sameSection) card.set('section', section);
    card.set('order', order);
  });
}

export function deleteCard(doc: Y.Doc, cardId: string): void {
  requireCard(doc, cardId);
  cardsMap(doc).delete(cardId);
}

/** Marks a card as the child's own words, or (undefined) unmarks it. */
export function setCardVoice(doc: Y.Doc, cardId: string, voice: 'child' | undefined): void {
  const card = requireCard(doc, cardId);
  if (card.get('voice') === voice) return;
  if (voice === 'child') card.set('voice', 'child');
  else card.delete('voice');
}

interface Placement {
  id: string;
  section: SectionId;
  order: string;
  card: Y.Map<unknown>;
  text: Y.Text;
}

/** Where a stored card sits, or undefined when it is not a card this client understands. */
function placement(id: string, value: unknown): Placement | undefined {
  if (!(value instanceof Y.Map)) return undefined;
  const section = value.get('section');
  const text = value.get('text');
  const order = value.get('order');
  if (!isSectionId(section) || !(text instanceof Y.Text) || typeof order !== 'string') {
    return undefined;
  }
  return { id, section, order, card: value, text };
}

/** Every listed card's placement in board order, without reading any text. */
function placements(doc: Y.Doc): Placement[] {
  const placed: Placement[] = [];
  for (const [id, value] of cardsMap(doc)) {
    const found = placement(id, value);
    if (found !== undefined) placed.push(found);
  }
  return placed.sort(byBoardOrder);
}

function placedCards(doc: Y.Doc, section: SectionId): Placement[] {
  return placements(doc).filter((placed) => placed.section === section);
}

function toView({ id, section, order, card, text }: Placement): CardView {
  const view: CardView = {
    id,
    section,
    text: text.toString(),
    order,
    // Author and time are bookkeeping: a card missing them still shows its words.
    author: readString(card, 'author'),
    createdAt: readNumber(card, 'createdAt'),
  };
  if (card.get('voice') === 'child') view.voice = 'child';
  return view;
}

/** Board order: `order` ascending, ties (from concurrent inserts) by card id. */
function byBoardOrder(a: Placement, b: Placement): number {
  return compareKeys(a.order, b.order) || compareKeys(a.id, b.id);
}

function requireSection(section: string): void {
  if (!isSectionId(section)) throw new Error(`There is no section called "${section}".`);
}

function requireCard(doc: Y.Doc, cardId: string): Y.Map<unknown> {
  const card = cardsMap(doc).get(cardId);
  if (!(card instanceof Y.Map)) throw new Error(`There is no card with the id "${cardId}".`);
  return card;
}

function requireText(doc: Y.Doc, cardId: string): Y.Text {
  requireCard(doc, cardId);
  const text = cardText(doc, cardId);
  if (text === undefined) throw new Error(`The card "${cardId}" has no text that can be edited.`);
  return text;
}
