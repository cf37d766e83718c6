/** @module Tests for order keys: any position gets a key, even among tied or foreign keys. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clampIndex, compareKeys, orderKeyAt } from '../../shared/order';

/** Where a card with this key (and an id sorting after all others) would be listed. */
function positionOf(keys: readonly string[], key: string): number {
  return [...keys, key].sort(compareKeys).lastIndexOf(key);
}

describe('orderKeyAt', () => {
  it('gives the first key on an empty list', () => {
    expect(orderKeyAt([], 0)).toBe('a0');
  });

  it('places a key exactly at the requested gap when the neighbours differ', () => {
    const keys = ['a0', 'a1', 'a2'];
    for (let index = 0; index <= keys.length; index++) {
      expect(positionOf(keys, orderKeyAt(keys, index))).toBe(index);
    }
  });

  it('never throws between two equal keys and lands right next to the requested gap', () => {
    // Two clients inserted at the same spot at the same time: both got 'a1'.
    const keys = ['a0', 'a1', 'a1', 'a2'];
    const key = orderKeyAt(keys, 2);
    expect(key).not.toBe('a1');
    expect(Math.abs(positionOf(keys, key) - 2)).toBeLessThanOrEqual(1);
  });

  it('picks the nearer side of a run of tied keys', () => {
    const keys = ['a0', 'a1', 'a1', 'a1', 'a1', 'a2'];
    expect(positionOf(keys, orderKeyAt(keys, 2))).toBe(1);
    expect(positionOf(keys, orderKeyAt(keys, 4))).toBe(5);
  });

  it('handles a list made only of tied keys', () => {
    const keys = ['a1', 'a1', 'a1'];
    expect(positionOf(keys, orderKeyAt(keys, 1))).toBe(0);
    expect(positionOf(keys, orderKeyAt(keys, 2))).toBe(3);
  });

  it('steps around keys that another client wrote badly', () => {
    const keys = ['', 'a0', 'a5', 'not a key'];
    for (let index = 0; index <= keys.length; index++) {
      const key = orderKeyAt(keys, index);
      // Nothing sorts before '' and nothing valid after 'not a key': those two gaps have no
      // room, so the card goes into the gap next to them.
      expect(positionOf(keys, key)).toBe(Math.min(3, Math.max(1, index)));
    }
    // No valid key sorts after '~~', so a card asked for below it goes just above it.
    expect(positionOf(['~~'], orderKeyAt(['~~'], 1))).toBe(0);
  });

  it('lands in the requested gap, or within half a run of tied keys of it', () => {
    const sortedKeys = fc
      .array(fc.constantFrom('Zz', 'a0', 'a0V', 'a1', 'a2', 'b00'), { maxLength: 8 })
      .map((keys) => keys.sort(compareKeys));
    fc.assert(
      fc.property(sortedKeys, fc.nat(10), (keys, index) => {
        const wanted = clampIndex(index, keys.length);
        const key = orderKeyAt(keys, index);
        expect(keys).not.toContain(key);
        const tied = keys.filter((other) => other === keys[wanted - 1] && other === keys[wanted]);
        expect(Math.abs(positionOf(keys, key) - wanted)).toBeLessThanOrEqual(tied.length / 2);
        if (keys[wanted - 1] !== keys[wanted]) expect(positionOf(keys, key)).toBe(wanted);
      }),
    );
  });
});

describe('clampIndex', () => {
  it('keeps positions within the list and reads a missing position as the end', () => {
    expect(clampIndex(-3, 4)).toBe(0);
    expect(clampIndex(9, 4)).toBe(4);
    expect(clampIndex(2.7, 4)).toBe(2);
    expect(clampIndex(undefined, 4)).toBe(4);
    expect(clampIndex(Number.NaN, 4)).toBe(4);
  });
});
