/** @module Correcting one's name is not a change Undo takes back. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { writeWhoIAm } from '../../client/board/useMe';
import { UNDO_CAPTURE_MS } from '../../client/board/useUndo';
import { cardsMap, initBoardDoc, scalesMap } from '../../shared/board';
import { listScales, setRating } from '../../shared/ratings';

describe('writeWhoIAm', () => {
  it('keeps a corrected name when the person undoes their last marker move', () => {
    const doc = new Y.Doc();
    initBoardDoc(doc, { title: 'Familjen A', language: 'sv', createdAt: 1 });
    // The same undo manager the page makes: cards and scales, changes without an origin.
    const undo = new Y.UndoManager([cardsMap(doc), scalesMap(doc)], {
      captureTimeout: UNDO_CAPTURE_MS,
    });
    const me = { id: 'ingrid', name: 'Mormr Ingrid', role: 'network' as const, color: '#1d6a35' };
    writeWhoIAm(doc, me);
    setRating(doc, 'safety', me.id, { value: 3, name: me.name, role: me.role, at: 1 });
    undo.stopCapturing();
    setRating(doc, 'safety', me.id, { value: 3.5, name: me.name, role: me.role, at: 2 });
    undo.stopCapturing();

    writeWhoIAm(doc, { ...me, name: 'Mormor Ingrid' });
    undo.undo();

    const [rating] = listScales(doc)[0]?.ratings ?? [];
    expect(rating).toMatchObject({ value: 3, name: 'Mormor Ingrid' });
    expect(doc.getMap('participants').toJSON()).toMatchObject({
      ingrid: { name: 'Mormor Ingrid' },
    });
  });
});
