/**
 * @module Work deferred to the end of this event-loop turn, all of it in ONE callback. Every room
 * that changed in a turn flushes there together, so their store writes are issued back to back and
 * the SQLite store commits them as one transaction (a group commit; server/store/sqlite.ts).
 * Separate `setImmediate` callbacks would not do: Node runs the microtasks of each callback before
 * the next one starts, so every room's write would commit on its own.
 */

let queued: (() => void)[] = [];

/** Runs `callback` once this turn's I/O callbacks are done, together with the others queued. */
export function atEndOfTurn(callback: () => void): void {
  if (queued.length === 0) setImmediate(runQueued);
  queued.push(callback);
}

function runQueued(): void {
  const callbacks = queued;
  queued = [];
  for (const callback of callbacks) {
    try {
      callback();
    } catch (error) {
      // One failure must not keep the others from running; it still surfaces as it would have.
      queueMicrotask(() => {
        throw error;
      });
    }
  }
}
