/** @module Fractional order keys for cards: a key for any position, even among tied or foreign keys. */
import { generateKeyBetween } from 'fractional-indexing';

/** Compares order keys (or card ids) by UTF-16 code units, as fractional-indexing does. */
export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Clamps a requested position to 0…length; a missing or NaN position means "at the end". */
export function clampIndex(index: number | undefined, length: number): number {
  if (index === undefined || Number.isNaN(index)) return length;
  return Math.min(length, Math.max(0, Math.trunc(index)));
}

/**
 * An order key that sorts a new card at `index` among `keys` (ascending, ties allowed).
 *
 * Concurrent inserts at the same spot give two cards the same key, and fractional-indexing
 * cannot make a key between equal keys (nor next to a key another client wrote badly). So when
 * the requested gap has no room, the card goes into the nearest gap that has: right next to
 * where it was asked for, and the call never throws.
 */
export function orderKeyAt(keys: readonly string[], index: number): string {
  const wanted = clampIndex(index, keys.length);
  for (let distance = 0; distance <= keys.length; distance++) {
    for (const gap of distance === 0 ? [wanted] : [wanted - distance, wanted + distance]) {
      if (gap < 0 || gap > keys.length) continue;
      const key = keyInGap(keys[gap - 1] ?? null, keys[gap] ?? null);
      if (key !== undefined) return key;
    }
  }
  // Defensive: no gap took a key, which needs every neighbour key to be foreign garbage. Any
  // extension of the largest key sorts after it, so the card still lands at the end.
  return `${keys.at(-1) ?? ''}V`;
}

function keyInGap(before: string | null, after: string | null): string | undefined {
  if (before !== null && after !== null && before >= after) return undefined;
  // fractional-indexing rejects a neighbour key another client wrote badly; leaving that bound
  // out often still gives a key that fits the gap, so try that before giving up on the gap.
  const bounds: [string | null, string | null][] = [
    [before, after],
    [null, after],
    [before, null],
    [null, null],
  ];
  for (const [low, high] of bounds) {
    const key = generateOrUndefined(low, high);
    const fits =
      key !== undefined && (before === null || before < key) && (after === null || key < after);
    if (fits) return key;
  }
  return undefined;
}

function generateOrUndefined(low: string | null, high: string | null): string | undefined {
  try {
    return generateKeyBetween(low, high);
  } catch {
    return undefined;
  }
}
