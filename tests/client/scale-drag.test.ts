/** @module Tests for the live marker throttle: ~30 writes a second, latest value last, no repeats. */
import { describe, expect, it } from 'vitest';
import { createRatingThrottle, type ThrottleClock } from '../../client/canvas/scale-drag';

/** A clock the test moves by hand, so timing is exact and the test is instant. */
function manualClock() {
  let now = 0;
  const timers = new Map<number, { at: number; callback: () => void }>();
  let nextId = 1;
  const clock: ThrottleClock = {
    now: () => now,
    setTimeout: (callback, delayMs) => {
      const id = nextId++;
      timers.set(id, { at: now + delayMs, callback });
      return id;
    },
    clearTimeout: (id) => {
      timers.delete(id as number);
    },
  };
  const advance = (ms: number) => {
    now += ms;
    for (const [id, timer] of [...timers].sort((a, b) => a[1].at - b[1].at)) {
      if (timer.at > now) continue;
      timers.delete(id);
      timer.callback();
    }
  };
  return { clock, advance, pending: () => timers.size };
}

function setup(lastWritten?: number) {
  const { clock, advance, pending } = manualClock();
  const writes: number[] = [];
  const throttle = createRatingThrottle((value) => writes.push(value), lastWritten, 33, clock);
  return { throttle, writes, advance, pending };
}

describe('createRatingThrottle', () => {
  it('writes the first change at once', () => {
    const { throttle, writes } = setup(5);
    throttle.push(5.5);
    expect(writes).toEqual([5.5]);
  });

  it('never writes the value that is already there', () => {
    const { throttle, writes, advance } = setup(5);
    throttle.push(5);
    advance(100);
    throttle.push(5);
    throttle.flush(5);
    expect(writes).toEqual([]);
  });

  it('sends at most one write per interval, and the latest value at its end', () => {
    const { throttle, writes, advance } = setup(0);
    throttle.push(1);
    advance(10);
    throttle.push(1.5);
    advance(10);
    throttle.push(2);
    expect(writes).toEqual([1]);
    advance(13);
    expect(writes).toEqual([1, 2]);
  });

  it('keeps to ~30 writes a second through a long drag', () => {
    const { throttle, writes, advance } = setup(0);
    // A pointer moving every 4 ms for a second, the value changing every time.
    for (let ms = 0; ms < 1000; ms += 4) {
      throttle.push((ms % 2 === 0 ? 1 : 0) + (ms / 4) * 0.0001);
      advance(4);
    }
    expect(writes.length).toBeGreaterThan(25);
    expect(writes.length).toBeLessThanOrEqual(31);
  });

  it('writes nothing late when the value came back to the written one', () => {
    const { throttle, writes, advance } = setup(0);
    throttle.push(1);
    throttle.push(1.5);
    throttle.push(1);
    advance(50);
    expect(writes).toEqual([1]);
  });

  it('flush writes the final value at once and drops the pending one', () => {
    const { throttle, writes, advance, pending } = setup(0);
    throttle.push(1);
    throttle.push(2);
    throttle.flush(3);
    expect(writes).toEqual([1, 3]);
    expect(pending()).toBe(0);
    advance(100);
    expect(writes).toEqual([1, 3]);
  });

  it('cancel drops a pending write', () => {
    const { throttle, writes, advance } = setup(0);
    throttle.push(1);
    throttle.push(2);
    throttle.cancel();
    advance(100);
    expect(writes).toEqual([1]);
  });
});
