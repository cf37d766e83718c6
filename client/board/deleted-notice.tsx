/** @module After a card is deleted: a short notice with Undo, since the family's words are gone. */
import { useEffect, useSyncExternalStore } from 'react';
import { useSession } from './session';

/** Long enough to notice and press Undo; short enough not to linger over the board. */
const DELETED_NOTICE_MS = 8_000;

let deletedAt: number | null = null;
const listeners = new Set<() => void>();

/** Says that this person just deleted a card (from the map or the list). */
export function announceCardDeleted(): void {
  deletedAt = Date.now();
  for (const listener of listeners) listener();
}

function dismiss(): void {
  deletedAt = null;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function DeletedNotice() {
  const { undo, messages: m } = useSession();
  const shownAt = useSyncExternalStore(subscribe, () => deletedAt);
  useEffect(() => {
    if (shownAt === null) return;
    const timer = setTimeout(dismiss, DELETED_NOTICE_MS);
    return () => clearTimeout(timer);
  }, [shownAt]);
  if (shownAt === null || undo === null) return null;
  return (
    <div className="deleted-notice" role="status">
      <span>{m.cardDeleted}</span>
      <button
        type="button"
        aria-label={m.undoDelete}
        onClick={() => {
          // The deletion is this person's latest change: Undo brings the card back as it was.
          undo.undo();
          dismiss();
        }}
      >
        {m.undo}
      </button>
    </div>
  );
}
