/** @module The board document's top-level maps (SPEC §4.3), its creation and its meta data. */
import type * as Y from 'yjs';
import { readNumber, readString } from './fields';
import { DEFAULT_LANGUAGE, isLanguage, type Language } from './language';
import { createScaleMap } from './scale-map';

export interface BoardInit {
  title: string;
  language: Language;
  createdAt: number;
}

export interface BoardMeta {
  title: string;
  template: 'mapping';
  createdAt: number;
  language: Language;
}

// The maps hold `unknown`: any client may write anything, so every read checks what it finds.
export function metaMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>('meta');
}

export function cardsMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>('cards');
}

export function scalesMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>('scales');
}

export function participantsMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>('participants');
}

/** Fills a new, empty board document; every mapping board starts with the safety scale. */
export function initBoardDoc(doc: Y.Doc, init: BoardInit): void {
  doc.transact(() => {
    const meta = metaMap(doc);
    meta.set('title', init.title);
    meta.set('template', 'mapping');
    meta.set('createdAt', init.createdAt);
    meta.set('language', init.language);
    scalesMap(doc).set('safety', createScaleMap('safety', init.language));
  });
}

/** The board's meta data, with sane defaults where a field is missing or of the wrong type. */
export function readBoardMeta(doc: Y.Doc): BoardMeta {
  const meta = metaMap(doc);
  const language = meta.get('language');
  return {
    title: readString(meta, 'title'),
    // 'mapping' is the only template so far; a board from a newer client still shows as one.
    template: 'mapping',
    createdAt: readNumber(meta, 'createdAt'),
    language: isLanguage(language) ? language : DEFAULT_LANGUAGE,
  };
}
