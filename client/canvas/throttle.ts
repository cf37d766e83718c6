/** @module At most one call per interval, the latest value always sent last (cursors, drags). */

export interface Throttled<T> {
  (value: T): void;
  /** Drops a pending trailing call (the gesture ended and something else will be sent). */
  cancel(): void;
}

/**
 * Calls `send` at once, then at most every `intervalMs`; a value arriving in between is held
 * and sent when the interval is over, so the others always see where the pointer stopped.
 */
export function throttle<T>(intervalMs: number, send: (value: T) => void): Throttled<T> {
  let last = Number.NEGATIVE_INFINITY;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending: { value: T } | undefined;
  const flush = () => {
    timer = undefined;
    if (pending === undefined) return;
    const { value } = pending;
    pending = undefined;
    last = Date.now();
    send(value);
  };
  const throttled = (value: T) => {
    const wait = last + intervalMs - Date.now();
    if (wait <= 0 && timer === undefined) {
      last = Date.now();
      send(value);
      return;
    }
    pending = { value };
    timer ??= setTimeout(flush, Math.max(0, wait));
  };
  throttled.cancel = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    pending = undefined;
  };
  return throttled;
}
