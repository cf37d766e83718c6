/** @module Redis stream entry ids ("<ms>-<seq>") compared as numbers, never as text. */

/** The position before every entry of a stream. */
export const STREAM_START = '0-0';

/** True when `a` comes after `b` in a stream. */
export function isAfter(a: string, b: string): boolean {
  const [aMs, aSeq] = parts(a);
  const [bMs, bSeq] = parts(b);
  return aMs === bMs ? aSeq > bSeq : aMs > bMs;
}

function parts(id: string): [bigint, bigint] {
  const [ms = '0', seq = '0'] = id.split('-');
  return [BigInt(ms), BigInt(seq)];
}
