/** @module Moving a card to another section from the list view: the move, focus after it, the news. */
import { useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { moveCard } from '../../shared/cards';
import type { SectionId } from '../../shared/sections';

/** moveCard clamps the index, so this puts the card at the end of its new section. */
const SECTION_END = Number.POSITIVE_INFINITY;

// The card re-mounts in its new section, so the old component cannot put focus back itself:
// it leaves word here for the new one, and the list's status line says where the card went.
let arrivingCard: string | null = null;
let status = '';
const listeners = new Set<() => void>();

/** Moves the card to the end of `section` and tells the list where it went. */
export function moveCardToSection(
  doc: Y.Doc,
  cardId: string,
  section: SectionId,
  announcement: string,
): void {
  arrivingCard = cardId;
  moveCard(doc, cardId, section, SECTION_END);
  announce(announcement);
}

/** True once, for the card that was just moved: it should take focus in its new place. */
export function takeArrivingCard(cardId: string): boolean {
  if (arrivingCard !== cardId) return false;
  arrivingCard = null;
  return true;
}

/** Sets the list's status line (read by screen readers, not shown). */
function announce(text: string): void {
  if (status === text) return;
  status = text;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const snapshot = () => status;

/** The list's status line as it is now. */
export function useListStatus(): string {
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}
