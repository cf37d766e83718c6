/** @module What changed between two exports of a board: cards added, removed, moved, edited, markers moved. */
import type { BoardExport, CardExport } from './export';
import type { SectionId } from './sections';

export interface CardRef {
  id: string;
  section: SectionId;
  text: string;
  voice?: 'child';
}

export interface RatingChange {
  scaleId: string;
  scaleLabel: string;
  participant: string;
  name: string;
  /** Absent when the marker appeared. */
  before?: number;
  /** Absent when the marker went (or its whole scale did). */
  after?: number;
}

export interface BoardChanges {
  added: CardRef[];
  removed: CardRef[];
  moved: { card: CardRef; from: SectionId; to: SectionId }[];
  /** `card.text` is the new text. */
  edited: { card: CardRef; before: string }[];
  /** Only where the value changed, appeared or went. */
  ratings: RatingChange[];
}

/**
 * The changes from `before` to `after`, e.g. from a saved version to the board now. Cards are
 * listed section by section in the table's order, each section in board order: removed cards as
 * they stood in `before`, the others as they stand in `after`. A card both moved and edited is in
 * both lists. Markers follow `after`'s scales and people, then those that only `before` had.
 */
export function changesBetween(before: BoardExport, after: BoardExport): BoardChanges {
  const old = cardsById(before);
  const now = cardsById(after);
  const changes: BoardChanges = { added: [], removed: [], moved: [], edited: [], ratings: [] };
  for (const card of now.values()) {
    const was = old.get(card.id);
    if (was === undefined) {
      changes.added.push(card);
      continue;
    }
    if (was.section !== card.section) {
      changes.moved.push({ card, from: was.section, to: card.section });
    }
    if (was.text !== card.text) changes.edited.push({ card, before: was.text });
  }
  for (const card of old.values()) {
    if (!now.has(card.id)) changes.removed.push(card);
  }
  changes.ratings = ratingChanges(before, after);
  return changes;
}

export function hasChanges(changes: BoardChanges): boolean {
  return (
    changes.added.length > 0 ||
    changes.removed.length > 0 ||
    changes.moved.length > 0 ||
    changes.edited.length > 0 ||
    changes.ratings.length > 0
  );
}

/** Every card of an export as a CardRef, in export order (a Map keeps insertion order). */
function cardsById(board: BoardExport): Map<string, CardRef> {
  const cards = new Map<string, CardRef>();
  for (const section of board.sections) {
    for (const card of section.cards) cards.set(card.id, cardRef(card, section.id));
  }
  return cards;
}

function cardRef(card: CardExport, section: SectionId): CardRef {
  const ref: CardRef = { id: card.id, section, text: card.text };
  if (card.voice === 'child') ref.voice = 'child';
  return ref;
}

/** Scale by scale (`after`'s order, then scales gone since), person by person likewise. */
function ratingChanges(before: BoardExport, after: BoardExport): RatingChange[] {
  const changes: RatingChange[] = [];
  const scaleIds = unique([...after.scales, ...before.scales].map((scale) => scale.id));
  for (const scaleId of scaleIds) {
    const was = before.scales.find((scale) => scale.id === scaleId);
    const now = after.scales.find((scale) => scale.id === scaleId);
    const scaleLabel = now?.label ?? was?.label ?? scaleId;
    const people = unique(
      [...(now?.ratings ?? []), ...(was?.ratings ?? [])].map((rating) => rating.participant),
    );
    for (const participant of people) {
      const old = was?.ratings.find((rating) => rating.participant === participant);
      const current = now?.ratings.find((rating) => rating.participant === participant);
      if (old?.value === current?.value) continue;
      changes.push({
        scaleId,
        scaleLabel,
        participant,
        name: current?.name ?? old?.name ?? '',
        ...(old === undefined ? {} : { before: old.value }),
        ...(current === undefined ? {} : { after: current.value }),
      });
    }
  }
  return changes;
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)];
}
