/** @module Dates of the History panel in the reader's language, and the name a new version is offered. */
import { DATE_LOCALE, type Language } from '../../shared/language';

/** "23 nov. 14:05" / "23 Nov, 14:05"; the year only when it is not this year's. */
export function formatSavedAt(at: number, language: Language, now: number = Date.now()): string {
  const sameYear = new Date(at).getFullYear() === new Date(now).getFullYear();
  return new Intl.DateTimeFormat(DATE_LOCALE[language], {
    day: 'numeric',
    month: 'short',
    ...(sameYear ? {} : { year: 'numeric' }),
    hour: '2-digit',
    minute: '2-digit',
  }).format(at);
}

/** The day alone, as a version's name shows it: "23 nov" / "23 Nov". */
export function formatDay(at: number, language: Language): string {
  const day = new Intl.DateTimeFormat(DATE_LOCALE[language], { day: 'numeric', month: 'short' });
  // Swedish abbreviates with a full stop ("nov."), which reads oddly inside a name.
  return day.format(at).replace(/\.$/, '');
}

/** The name offered for the next version: "Möte 3 — 23 nov", the facilitator may change it. */
export function suggestedVersionLabel(
  savedBefore: number,
  at: number,
  meeting: (number: number, day: string) => string,
  language: Language,
): string {
  return meeting(savedBefore + 1, formatDay(at, language));
}
