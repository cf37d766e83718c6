/** @module Writes a dragged marker's value often enough to look live, and no more often than that. */

/** ~30 writes a second: smooth for everyone watching, cheap for the server and the history. */
const RATING_WRITE_INTERVAL_MS = 33;

export interface RatingThrottle {
  /** A new value while dragging: written now, or at the end of the current interval. */
  push(value: number): void;
  /** The drag ended here: written at once unless it was the last value written. */
  flush(value: number): void;
  /** Drops a pending write (the marker is gone, or the component unmounts). */
  cancel(): void;
}

export interface ThrottleClock {
  now(): number;
  setTimeout(callback: () => void, delayMs: number): unknown;
  clearTimeout(timer: unknown): void;
}

const systemClock: ThrottleClock = {
  now: () => Date.now(),
  setTimeout: (callback, delayMs) => globalThis.setTimeout(callback, delayMs),
  clearTimeout: (timer) => globalThis.clearTimeout(timer as ReturnType<typeof setTimeout>),
};

/**
 * Leading and trailing throttle over snapped values: the first change goes out at once, later
 * ones at most every `intervalMs`, the latest always last. A value equal to the last one written
 * is never written again, so holding a marker still sends nothing.
 */
export function createRatingThrottle(
  write: (value: number) => void,
  lastWritten: number | undefined,
  intervalMs = RATING_WRITE_INTERVAL_MS,
  clock: ThrottleClock = systemClock,
): RatingThrottle {
  let written = lastWritten;
  let writtenAt = Number.NEGATIVE_INFINITY;
  let pending: number | undefined;
  let timer: unknown;

  const send = (value: number) => {
    pending = undefined;
    if (value === written) return;
    written = value;
    writtenAt = clock.now();
    write(value);
  };
  const clearTimer = () => {
    if (timer !== undefined) clock.clearTimeout(timer);
    timer = undefined;
  };

  return {
    push(value) {
      if (value === written && timer === undefined) return;
      const wait = writtenAt + intervalMs - clock.now();
      if (wait <= 0) {
        clearTimer();
        send(value);
        return;
      }
      pending = value;
      timer ??= clock.setTimeout(() => {
        timer = undefined;
        if (pending !== undefined) send(pending);
      }, wait);
    },
    flush(value) {
      clearTimer();
      send(value);
    },
    cancel() {
      clearTimer();
      pending = undefined;
    },
  };
}
