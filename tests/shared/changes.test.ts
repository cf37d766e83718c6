/** @module Tests for "what changed since": cards and markers between two exports of a board. */
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import {
  addCard,
  deleteCard,
  deleteCardText,
  insertCardText,
  moveCard,
  setCardVoice,
} from '../../shared/cards';
import { changesBetween, hasChanges } from '../../shared/changes';
import { type BoardExport, exportBoardJson } from '../../shared/export';
import { upsertParticipant } from '../../shared/participants';
import { addScale, removeRating, setRating } from '../../shared/ratings';
import { newBoard } from './boards';

function exported(doc: Y.Doc, exportedAt = 0): BoardExport {
  return exportBoardJson(doc, { id: 'board', exportedAt });
}

/** Meeting 1 of the Andersson family, in English. */
function firstMeeting(): Y.Doc {
  const doc = newBoard('en');
  upsertParticipant(doc, 'mother', { name: 'Lena', role: 'family', color: '#ee3333' });
  upsertParticipant(doc, 'worker', { name: 'Karin', role: 'worker', color: '#333333' });
  addCard(doc, { id: 'a', section: 'past-harm', author: 'worker', text: 'Police called in May' });
  addCard(doc, { id: 'b', section: 'past-harm', author: 'mother', text: 'I hide under the bed' });
  setCardVoice(doc, 'b', 'child');
  addCard(doc, { id: 'c', section: 'strengths', author: 'mother', text: 'Grandpa picks him up' });
  addCard(doc, { id: 'd', section: 'next-steps', author: 'worker', text: 'Meet the school' });
  setRating(doc, 'safety', 'mother', { value: 6.5, name: 'Lena', role: 'family', at: 20 });
  setRating(doc, 'safety', 'worker', { value: 3, name: 'Karin', role: 'worker', at: 21 });
  return doc;
}

describe('changesBetween', () => {
  it('finds nothing between a board and itself, even exported at another time', () => {
    const doc = firstMeeting();
    const changes = changesBetween(exported(doc, 1), exported(doc, 2));
    expect(changes).toEqual({ added: [], removed: [], moved: [], edited: [], ratings: [] });
    expect(hasChanges(changes)).toBe(false);
  });

  it('lists cards added and removed, section by section in board order', () => {
    const doc = firstMeeting();
    const before = exported(doc);
    addCard(doc, { id: 'z', section: 'next-steps', author: 'worker', text: 'Call dad' });
    addCard(doc, { id: 'y', section: 'past-harm', author: 'worker', text: 'Shouting', index: 0 });
    addCard(doc, { id: 'x', section: 'past-harm', author: 'mother', text: 'Door slammed' });
    deleteCard(doc, 'd');
    deleteCard(doc, 'b');
    const changes = changesBetween(before, exported(doc));
    expect(changes.added).toEqual([
      { id: 'y', section: 'past-harm', text: 'Shouting' },
      { id: 'x', section: 'past-harm', text: 'Door slammed' },
      { id: 'z', section: 'next-steps', text: 'Call dad' },
    ]);
    expect(changes.removed).toEqual([
      { id: 'b', section: 'past-harm', text: 'I hide under the bed', voice: 'child' },
      { id: 'd', section: 'next-steps', text: 'Meet the school' },
    ]);
    expect(changes.moved).toEqual([]);
    expect(changes.edited).toEqual([]);
    expect(hasChanges(changes)).toBe(true);
  });

  it('lists a card moved to another section, but not one only reordered within its section', () => {
    const doc = firstMeeting();
    const before = exported(doc);
    moveCard(doc, 'd', 'safety-goals', 0);
    moveCard(doc, 'b', 'past-harm', 0);
    const changes = changesBetween(before, exported(doc));
    expect(changes.moved).toEqual([
      {
        card: { id: 'd', section: 'safety-goals', text: 'Meet the school' },
        from: 'next-steps',
        to: 'safety-goals',
      },
    ]);
    expect(hasChanges(changes)).toBe(true);
  });

  it('lists an edited card with its text before and after, exactly as written', () => {
    const doc = firstMeeting();
    const before = exported(doc);
    insertCardText(doc, 'c', 20, ' every day\n  😊');
    deleteCardText(doc, 'a', 0, 7);
    moveCard(doc, 'a', 'complicating-factors', 0);
    const changes = changesBetween(before, exported(doc));
    expect(changes.edited).toEqual([
      {
        card: { id: 'a', section: 'complicating-factors', text: 'called in May' },
        before: 'Police called in May',
      },
      {
        card: { id: 'c', section: 'strengths', text: 'Grandpa picks him up every day\n  😊' },
        before: 'Grandpa picks him up',
      },
    ]);
    expect(changes.moved.map((move) => move.card.id)).toEqual(['a']);
  });

  it('lists markers that moved, appeared or went, scale by scale, and not those that stayed', () => {
    const doc = firstMeeting();
    addScale(doc, 'capacity');
    setRating(doc, 'capacity', 'worker', { value: 2, name: 'Karin', role: 'worker', at: 22 });
    const before = exported(doc);
    setRating(doc, 'safety', 'mother', { value: 7, name: 'Lena', role: 'family', at: 30 });
    setRating(doc, 'safety', 'worker', { value: 3, name: 'Karin', role: 'worker', at: 31 });
    upsertParticipant(doc, 'grandpa', { name: 'Bengt', role: 'network', color: '#33aa33' });
    setRating(doc, 'safety', 'grandpa', { value: 8, name: 'Bengt', role: 'network', at: 32 });
    removeRating(doc, 'capacity', 'worker');
    addScale(doc, 'willingness');
    setRating(doc, 'willingness', 'mother', { value: 9, name: 'Lena', role: 'family', at: 33 });
    const changes = changesBetween(before, exported(doc));
    expect(changes.ratings).toEqual([
      {
        scaleId: 'safety',
        scaleLabel: 'How safe is the child?',
        participant: 'grandpa',
        name: 'Bengt',
        after: 8,
      },
      {
        scaleId: 'safety',
        scaleLabel: 'How safe is the child?',
        participant: 'mother',
        name: 'Lena',
        before: 6.5,
        after: 7,
      },
      {
        scaleId: 'willingness',
        scaleLabel: 'Willingness to change',
        participant: 'mother',
        name: 'Lena',
        after: 9,
      },
      {
        scaleId: 'capacity',
        scaleLabel: 'Capacity to change',
        participant: 'worker',
        name: 'Karin',
        before: 2,
      },
    ]);
    expect(changes.added).toEqual([]);
    expect(hasChanges(changes)).toBe(true);
  });

  it('lists the markers of a scale that went, with the scale’s old label', () => {
    const doc = firstMeeting();
    const before = exported(doc);
    const after = { ...exported(doc), scales: [] };
    expect(changesBetween(before, after).ratings).toEqual([
      {
        scaleId: 'safety',
        scaleLabel: 'How safe is the child?',
        participant: 'worker',
        name: 'Karin',
        before: 3,
      },
      {
        scaleId: 'safety',
        scaleLabel: 'How safe is the child?',
        participant: 'mother',
        name: 'Lena',
        before: 6.5,
      },
    ]);
  });
});
