/** @module Keeps the previous object while its key is unchanged, so memoised shapes skip a render. */
import { useRef } from 'react';

export function useStable<T>(value: T, key: string): T {
  const kept = useRef<{ key: string; value: T } | null>(null);
  if (kept.current === null || kept.current.key !== key) kept.current = { key, value };
  return kept.current.value;
}

/** The same idea for a list of things with ids: each keeps its old object while its key holds. */
export function useStableEach<T extends { id: string }>(
  values: readonly T[],
  key: (value: T) => string,
): T[] {
  const kept = useRef(new Map<string, { key: string; value: T }>());
  const next = new Map<string, { key: string; value: T }>();
  const result = values.map((value) => {
    const valueKey = key(value);
    const previous = kept.current.get(value.id);
    const entry =
      previous !== undefined && previous.key === valueKey ? previous : { key: valueKey, value };
    next.set(value.id, entry);
    return entry.value;
  });
  kept.current = next;
  return result;
}
