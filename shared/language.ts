/** @module The board languages and the shape of a bilingual UI label. */
export const LANGUAGES = ['sv', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** A piece of UI text in every board language. */
export type Label = Readonly<Record<Language, string>>;

export function isLanguage(value: unknown): value is Language {
  return value === 'sv' || value === 'en';
}

/** Swedish social services are the first users: a board without a language is Swedish. */
export const DEFAULT_LANGUAGE: Language = 'sv';

/** Locales for dates: en-GB writes the day first, as Swedish does ("12 May 2026", not "May 12"). */
export const DATE_LOCALE: Readonly<Record<Language, string>> = { sv: 'sv-SE', en: 'en-GB' };
