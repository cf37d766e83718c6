/** @module Tests for creating a board document and reading its meta data. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  cardsMap,
  initBoardDoc,
  metaMap,
  participantsMap,
  readBoardMeta,
  scalesMap,
} from '../../shared/board';
import { listScales } from '../../shared/ratings';
import { CREATED_AT } from './boards';

describe('initBoardDoc', () => {
  it('writes the meta data and the safety scale in the board language, in one update', () => {
    const doc = new Y.Doc();
    let updates = 0;
    doc.on('update', () => updates++);
    initBoardDoc(doc, { title: 'Familjen Andersson', language: 'sv', createdAt: CREATED_AT });

    expect(updates).toBe(1);
    expect(metaMap(doc).toJSON()).toEqual({
      title: 'Familjen Andersson',
      template: 'mapping',
      createdAt: CREATED_AT,
      language: 'sv',
    });
    expect(listScales(doc)).toEqual([
      {
        id: 'safety',
        label: 'Grad av trygghet för barnet',
        low: 'vi är säkra på att oron kommer att hända om inget förändras',
        high: 'det finns tillräcklig trygghet för att avsluta ärendet',
        ratings: [],
      },
    ]);
    expect(scalesMap(doc).get('safety')).toBeInstanceOf(Y.Map);
  });

  it('words the safety scale in English on an English board', () => {
    const doc = new Y.Doc();
    initBoardDoc(doc, { title: 'Board', language: 'en', createdAt: CREATED_AT });
    expect(listScales(doc)[0]?.label).toBe('How safe is the child?');
  });
});

describe('readBoardMeta', () => {
  it('reads what initBoardDoc wrote', () => {
    const doc = new Y.Doc();
    initBoardDoc(doc, { title: 'Board', language: 'en', createdAt: CREATED_AT });
    expect(readBoardMeta(doc)).toEqual({
      title: 'Board',
      template: 'mapping',
      createdAt: CREATED_AT,
      language: 'en',
    });
  });

  it('falls back to defaults on an empty document', () => {
    expect(readBoardMeta(new Y.Doc())).toEqual({
      title: '',
      template: 'mapping',
      createdAt: 0,
      language: 'sv',
    });
  });

  it('ignores wrong-typed and unknown fields', () => {
    const doc = new Y.Doc();
    const meta = metaMap(doc);
    meta.set('title', 42);
    meta.set('template', 'three-houses');
    meta.set('createdAt', 'yesterday');
    meta.set('language', 'de');
    meta.set('retention', 'P90D');
    expect(readBoardMeta(doc)).toEqual({
      title: '',
      template: 'mapping',
      createdAt: 0,
      language: 'sv',
    });
  });
});

describe('top-level maps', () => {
  it('are the named maps of SPEC §4.3', () => {
    const doc = new Y.Doc();
    expect(metaMap(doc)).toBe(doc.getMap('meta'));
    expect(cardsMap(doc)).toBe(doc.getMap('cards'));
    expect(scalesMap(doc)).toBe(doc.getMap('scales'));
    expect(participantsMap(doc)).toBe(doc.getMap('participants'));
  });
});
