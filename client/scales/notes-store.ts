/** @module Which scale's marker notes are open: lets a Konva marker open a DOM dialog. */
import { useSyncExternalStore } from 'react';

let openScaleId: string | null = null;
const listeners = new Set<() => void>();

function publish(next: string | null): void {
  if (openScaleId === next) return;
  openScaleId = next;
  for (const listener of listeners) listener();
}

/** Opens the notes of my marker on this scale (the "why here?" dialog). */
export function openMarkerNotes(scaleId: string): void {
  publish(scaleId);
}

export function closeMarkerNotes(): void {
  publish(null);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const snapshot = () => openScaleId;

/** The scale whose notes dialog is open, or null. */
export function useOpenMarkerNotes(): string | null {
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}
