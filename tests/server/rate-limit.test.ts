/** @module The token bucket behind the per-connection message limit, on a hand-driven clock. */
import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../../server/sync/rate-limit';

function bucket(refillPerSecond: number, capacity: number) {
  let nowMs = 1_000;
  const tokens = new TokenBucket(refillPerSecond, capacity, () => nowMs);
  return {
    tokens,
    advance(ms: number) {
      nowMs += ms;
    },
  };
}

const takeAll = (tokens: TokenBucket) => {
  let taken = 0;
  while (tokens.take()) taken += 1;
  return taken;
};

describe('token bucket', () => {
  it('allows a full burst at once, then nothing until time passes', () => {
    const { tokens } = bucket(10, 50);
    expect(takeAll(tokens)).toBe(50);
    expect(tokens.take()).toBe(false);
  });

  it('refills at its rate, never beyond its capacity', () => {
    const { tokens, advance } = bucket(10, 50);
    takeAll(tokens);
    advance(300);
    expect(takeAll(tokens)).toBe(3);
    advance(60_000);
    expect(takeAll(tokens)).toBe(50);
  });

  it('sustains exactly its rate: a sender at the rate is never refused, one above it is', () => {
    const { tokens, advance } = bucket(200, 1000);
    // 200 a second for a minute, in steps of 5 ms.
    for (let step = 0; step < 12_000; step++) {
      advance(5);
      expect(tokens.take()).toBe(true);
    }
    let refusedAt: number | undefined;
    // 400 a second: the saved-up burst lasts 1000 / (400 - 200) = 5 seconds.
    for (let step = 0; step < 4_000 && refusedAt === undefined; step++) {
      advance(2.5);
      if (!tokens.take()) refusedAt = step * 2.5;
    }
    expect(refusedAt).toBeGreaterThan(4_900);
    expect(refusedAt).toBeLessThan(5_100);
  });

  it('takes nothing when a cost is refused, and given-back tokens count again', () => {
    const { tokens } = bucket(1, 3);
    expect(tokens.take(4)).toBe(false);
    expect(tokens.take(3)).toBe(true);
    tokens.giveBack();
    expect(tokens.take()).toBe(true);
    expect(tokens.take()).toBe(false);
    tokens.giveBack(100);
    expect(takeAll(tokens)).toBe(3);
  });

  it('is not refilled by a clock that goes backwards', () => {
    const { tokens, advance } = bucket(10, 5);
    takeAll(tokens);
    advance(-10_000);
    expect(tokens.take()).toBe(false);
    // Back to where it was: still no time has passed since the last refill.
    advance(10_000);
    expect(tokens.take()).toBe(false);
    advance(100);
    expect(tokens.take()).toBe(true);
  });
});
