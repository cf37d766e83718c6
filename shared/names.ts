/** @module Sorting people by name the way the board's language does (Swedish Å, Ä, Ö come last). */
import type { Language } from './language';
import { compareKeys } from './order';

/** Compares by name in the board's language, then by id so the order is the same everywhere. */
export function byNameThenId(language: Language): (a: Named, b: Named) => number {
  const collator = new Intl.Collator(language);
  return (a, b) => collator.compare(a.name, b.name) || compareKeys(a.id, b.id);
}

export interface Named {
  name: string;
  id: string;
}
