/** @module Keeps the previous object while its key is unchanged, so memoised shapes skip a render. */
import { useRef } from 'react';

interface Kept<T> {
  key: string;
  value: T;
}

export function useStable<T>(value: T, key: string): T {
  const kept = useRef<Kept<T> | null>(null);
  if (kept.current === null || kept.current.key !== key) kept.current = { key, value };
  return kept.current.value;
}

/** The same idea for a list of things with ids: each keeps its old object while its key holds. */
export function useStableEach<T extends { id: string }>(
  values: readonly T[],
  key: (value: T) => string,
): T[] {
  const kept = useRef<{ values: readonly T[]; result: T[]; entries: Map<string, Kept<T>> }>({
    values: [],
    result: [],
    entries: new Map(),
  });
  // The same list as last render (a pan or a zoom): no keys to compute, the same array back.
  if (kept.current.values === values) return kept.current.result;
  const entries = new Map<string, Kept<T>>();
  const result = values.map((value) => {
    const valueKey = key(value);
    const previous = kept.current.entries.get(value.id);
    const entry =
      previous !== undefined && previous.key === valueKey ? previous : { key: valueKey, value };
    entries.set(value.id, entry);
    return entry.value;
  });
  kept.current = { values, result, entries };
  return result;
}
