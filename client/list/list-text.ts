/** @module Short texts the list view builds: card names, scale values read aloud, section choices. */

import type { Language } from '../../shared/language';
import { formatScaleValue, SCALE_MAX } from '../../shared/scales';
import { COLUMNS, type SectionId, sectionsOfColumn } from '../../shared/sections';
import type { Peer } from '../board/presence';

/** How much of a card's words its buttons repeat, so a screen reader says which card. */
const CARD_NAME_LENGTH = 40;

/**
 * A card's first words for an accessible name ("Delete card: Pappa dricker…"). Only the label
 * is shortened and put on one line; the card itself is never changed.
 */
export function cardName(text: string, emptyCard: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  if (oneLine === '') return emptyCard;
  // By code point, so an emoji at the cut is not broken in half.
  const characters = [...oneLine];
  if (characters.length <= CARD_NAME_LENGTH) return oneLine;
  return `${characters.slice(0, CARD_NAME_LENGTH).join('').trimEnd()}…`;
}

/** What a screen reader says for my marker: "4.5 of 10", or "Not placed". */
export function scaleValueText(
  value: number | undefined,
  language: Language,
  words: { outOf: string; notPlaced: string },
): string {
  if (value === undefined) return words.notPlaced;
  return `${formatScaleValue(value, language)} ${words.outOf} ${formatScaleValue(SCALE_MAX, language)}`;
}

/** The names of other people editing each card, from their presence (SPEC §4.3 `editing`). */
export function editorsByCard(peers: readonly Peer[]): ReadonlyMap<string, string[]> {
  const editors = new Map<string, string[]>();
  for (const peer of peers) {
    if (peer.self || peer.editing === undefined) continue;
    const names = editors.get(peer.editing) ?? [];
    names.push(peer.user.name);
    editors.set(peer.editing, names);
  }
  return editors;
}

export interface SectionChoiceGroup {
  /** The column's name, for an <optgroup>. */
  label: string;
  sections: { id: SectionId; label: string }[];
}

/** The seven sections a card can be moved to, by column, in board order and the UI language. */
export function sectionChoices(language: Language): SectionChoiceGroup[] {
  return COLUMNS.map((column) => ({
    label: column.label[language],
    sections: sectionsOfColumn(column.id).map((section) => ({
      id: section.id,
      label: section.label[language],
    })),
  }));
}
