/** @module The language this person reads the board in: the board's, unless they switched. */
import { useState } from 'react';
import { isLanguage, type Language } from '../../shared/language';

export const languageStorageKey = (boardId: string) => `samkarta:language:${boardId}`;

export function useUiLanguage(boardId: string, boardLanguage: Language) {
  const [chosen, setChosen] = useState<Language | null>(() => {
    try {
      const stored = window.localStorage.getItem(languageStorageKey(boardId));
      return isLanguage(stored) ? stored : null;
    } catch {
      return null;
    }
  });
  const choose = (language: Language) => {
    setChosen(language);
    try {
      window.localStorage.setItem(languageStorageKey(boardId), language);
    } catch {
      // Storage off: the choice lasts for this page.
    }
  };
  return [chosen ?? boardLanguage, choose] as const;
}
