/** @module Test boards: a fresh document per test, with fixed times so exports are predictable. */
import * as Y from 'yjs';
import { initBoardDoc } from '../../shared/board';
import type { Language } from '../../shared/language';

export const CREATED_AT = Date.UTC(2025, 4, 12, 8, 0);
export const EXPORTED_AT = Date.UTC(2025, 4, 12, 9, 30);

export function newBoard(language: Language = 'en', title = 'The Andersson family'): Y.Doc {
  const doc = new Y.Doc();
  initBoardDoc(doc, { title, language, createdAt: CREATED_AT });
  return doc;
}

/** Copies everything each document has to the other, as a connected pair would. */
export function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}
