/** @module Tests for scales and ratings: one marker per person per scale, with why and next step. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { scalesMap } from '../../shared/board';
import {
  addScale,
  listScales,
  removeRating,
  renameRatings,
  setRating,
  setRatingNotes,
} from '../../shared/ratings';
import type { ScaleId } from '../../shared/scales';
import { newBoard, sync } from './boards';

const ANNA = { name: 'Anna', role: 'family', at: 1000 };

function safetyRatings(doc: Y.Doc) {
  return listScales(doc).find((scale) => scale.id === 'safety')?.ratings ?? [];
}

describe('addScale', () => {
  it('adds a change-potential scale worded in the board language', () => {
    const doc = newBoard('sv');
    addScale(doc, 'willingness');
    expect(listScales(doc)[1]).toEqual({
      id: 'willingness',
      label: 'Vilja',
      low: 'ingen',
      high: 'helt',
      ratings: [],
    });
  });

  it('leaves a scale that is already there, with its ratings, alone', () => {
    const doc = newBoard();
    setRating(doc, 'safety', 'anna', { ...ANNA, value: 4 });
    let updates = 0;
    doc.on('update', () => updates++);
    addScale(doc, 'safety');
    expect(updates).toBe(0);
    expect(safetyRatings(doc)).toHaveLength(1);
  });

  it('refuses a scale id it has no wording for', () => {
    const doc = newBoard();
    expect(() => addScale(doc, 'hope' as ScaleId)).toThrow('There is no scale called "hope".');
  });

  it('lists the known scales in their fixed order, then unknown ones by id', () => {
    const doc = newBoard();
    addScale(doc, 'confidence');
    addScale(doc, 'willingness');
    scalesMap(doc).set('statement-b', new Y.Map<unknown>([['label', 'Pair B']]));
    scalesMap(doc).set('statement-a', new Y.Map<unknown>([['label', 'Pair A']]));
    scalesMap(doc).set('not a scale', 7);
    expect(listScales(doc).map((scale) => scale.id)).toEqual([
      'safety',
      'willingness',
      'confidence',
      'statement-a',
      'statement-b',
    ]);
    // A scale from a newer client without ends or ratings still lists, with empty texts.
    expect(listScales(doc)[3]).toEqual({
      id: 'statement-a',
      label: 'Pair A',
      low: '',
      high: '',
      ratings: [],
    });
  });
});

describe('setRating', () => {
  it('places a marker as a nested map (SPEC §4.3) and moves it later', () => {
    const doc = newBoard();
    setRating(doc, 'safety', 'anna', { ...ANNA, value: 3.5 });
    const scale = scalesMap(doc).get('safety');
    const ratings = scale instanceof Y.Map ? scale.get('ratings') : undefined;
    expect(ratings).toBeInstanceOf(Y.Map);
    expect(ratings.get('anna')).toBeInstanceOf(Y.Map);
    expect(ratings.get('anna').toJSON()).toEqual({
      value: 3.5,
      name: 'Anna',
      role: 'family',
      at: 1000,
    });

    setRatingNotes(doc, 'safety', 'anna', { why: 'Pappa har slutat dricka' });
    setRating(doc, 'safety', 'anna', { ...ANNA, value: 5, at: 2000 });
    expect(safetyRatings(doc)).toEqual([
      {
        participant: 'anna',
        name: 'Anna',
        role: 'family',
        value: 5,
        at: 2000,
        why: 'Pappa har slutat dricka',
      },
    ]);
  });

  it('takes only the four rating fields from the object it is given', () => {
    const doc = newBoard();
    const participant = { ...ANNA, value: 2, color: '#f00', token: 'secret' };
    setRating(doc, 'safety', 'anna', participant);
    expect(Object.keys(safetyRatings(doc)[0] ?? {}).sort()).toEqual(
      ['at', 'name', 'participant', 'role', 'value'].sort(),
    );
  });

  it('accepts 0 to 10 in steps of 0.5 and refuses anything else', () => {
    const doc = newBoard();
    for (const value of [0, 0.5, 7, 9.5, 10]) setRating(doc, 'safety', 'anna', { ...ANNA, value });
    for (const value of [-0.5, 10.5, 3.3, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => setRating(doc, 'safety', 'anna', { ...ANNA, value })).toThrow(
        'A rating must be between 0 and 10 in steps of 0.5',
      );
    }
    expect(safetyRatings(doc)[0]?.value).toBe(10);
  });

  it('lets people place markers again on a scale whose ratings another client broke', () => {
    const doc = newBoard();
    const safety = scalesMap(doc).get('safety') as Y.Map<unknown>;
    safety.set('ratings', 'not a map');
    expect(safetyRatings(doc)).toEqual([]);
    setRating(doc, 'safety', 'anna', { ...ANNA, value: 6 });
    expect(safetyRatings(doc).map(({ participant, value }) => ({ participant, value }))).toEqual([
      { participant: 'anna', value: 6 },
    ]);
    expect(listScales(doc)[0]?.label).toBe('How safe is the child?');
  });

  it('refuses a scale that is not on the board', () => {
    const doc = newBoard();
    expect(() => setRating(doc, 'capacity', 'anna', { ...ANNA, value: 2 })).toThrow(
      'There is no scale "capacity" on this board.',
    );
  });

  it('keeps everyone’s marker when people rate at the same time', () => {
    const mother = newBoard();
    const grandfather = new Y.Doc();
    sync(mother, grandfather);
    setRating(mother, 'safety', 'mother', { name: 'Mamma', role: 'family', at: 1, value: 6 });
    setRating(grandfather, 'safety', 'grandfather', {
      name: 'Morfar',
      role: 'network',
      at: 2,
      value: 4.5,
    });
    sync(mother, grandfather);
    for (const doc of [mother, grandfather]) {
      expect(safetyRatings(doc).map((rating) => [rating.name, rating.value])).toEqual([
        ['Mamma', 6],
        ['Morfar', 4.5],
      ]);
    }
  });

  it('lists ratings by name as the board language sorts them, then by id', () => {
    const doc = newBoard('sv');
    for (const [id, name] of [
      ['p1', 'Östen'],
      ['p2', 'Anna'],
      ['p3', 'Åsa'],
      ['p4', 'Zlatan'],
      ['p0', 'Anna'],
    ] as const) {
      setRating(doc, 'safety', id, { name, role: 'network', at: 1, value: 5 });
    }
    expect(safetyRatings(doc).map((rating) => `${rating.name}/${rating.participant}`)).toEqual([
      'Anna/p0',
      'Anna/p2',
      'Zlatan/p4',
      'Åsa/p3',
      'Östen/p1',
    ]);
  });

  it('leaves out markers that another client wrote without a valid value', () => {
    const doc = newBoard();
    setRating(doc, 'safety', 'anna', { ...ANNA, value: 8 });
    const scale = scalesMap(doc).get('safety');
    const ratings = scale instanceof Y.Map ? scale.get('ratings') : undefined;
    ratings.set(
      'broken',
      new Y.Map<unknown>([
        ['value', 11],
        ['name', 'X'],
      ]),
    );
    ratings.set('junk', 'hello');
    expect(safetyRatings(doc).map((rating) => rating.participant)).toEqual(['anna']);
  });
});

describe('setRatingNotes and removeRating', () => {
  it('sets, changes and clears why and the next step independently', () => {
    const doc = newBoard();
    setRating(doc, 'safety', 'anna', { ...ANNA, value: 6 });
    setRatingNotes(doc, 'safety', 'anna', {
      why: 'Vi har en plan\nmed mormor',
      nextStep: 'Att pappa går på samtal',
    });
    expect(safetyRatings(doc)[0]).toMatchObject({
      why: 'Vi har en plan\nmed mormor',
      nextStep: 'Att pappa går på samtal',
    });
    setRatingNotes(doc, 'safety', 'anna', { nextStep: '' });
    expect(safetyRatings(doc)[0]?.why).toBe('Vi har en plan\nmed mormor');
    expect(safetyRatings(doc)[0]).not.toHaveProperty('nextStep');
    setRatingNotes(doc, 'safety', 'anna', { why: undefined });
    expect(safetyRatings(doc)[0]).not.toHaveProperty('why');
  });

  it('needs a marker to write notes on', () => {
    const doc = newBoard();
    expect(() => setRatingNotes(doc, 'safety', 'anna', { why: 'x' })).toThrow(
      'There is no marker to write notes on: place one on "safety" first.',
    );
  });

  it('takes a marker off the scale', () => {
    const doc = newBoard();
    setRating(doc, 'safety', 'anna', { ...ANNA, value: 6 });
    removeRating(doc, 'safety', 'anna');
    removeRating(doc, 'safety', 'anna');
    expect(safetyRatings(doc)).toEqual([]);
    expect(() => removeRating(doc, 'tilltro', 'anna')).toThrow(
      'There is no scale "tilltro" on this board.',
    );
  });
});

describe('renameRatings', () => {
  it("gives a person's markers on every scale their corrected name, keeping value and notes", () => {
    const doc = newBoard();
    addScale(doc, 'willingness');
    setRating(doc, 'safety', 'anna', { ...ANNA, name: 'Ana', value: 6 });
    setRating(doc, 'willingness', 'anna', { ...ANNA, name: 'Ana', value: 8 });
    setRating(doc, 'safety', 'erik', { name: 'Erik', role: 'network', at: 2, value: 3 });
    setRatingNotes(doc, 'safety', 'anna', { why: 'Mormor finns nära' });

    renameRatings(doc, 'anna', 'Anna', 'worker');

    const byScale = listScales(doc).map((scale) =>
      scale.ratings.map(({ participant, name, role, value }) => ({
        participant,
        name,
        role,
        value,
      })),
    );
    expect(byScale).toEqual([
      [
        { participant: 'anna', name: 'Anna', role: 'worker', value: 6 },
        { participant: 'erik', name: 'Erik', role: 'network', value: 3 },
      ],
      [{ participant: 'anna', name: 'Anna', role: 'worker', value: 8 }],
    ]);
    expect(safetyRatings(doc)[0]?.why).toBe('Mormor finns nära');
  });
});

describe("listScales in a reader's language", () => {
  it('words the known scales in the language asked for, and keeps any other label as written', () => {
    const doc = newBoard('sv');
    addScale(doc, 'willingness');
    const custom = new Y.Map<unknown>([
      ['label', 'Hur trygg känner sig Åsa i skolan?'],
      ['low', 'inte alls'],
      ['high', 'helt'],
      ['ratings', new Y.Map<unknown>()],
    ]);
    scalesMap(doc).set('school', custom);

    const english = listScales(doc, 'en').map(({ id, label, low }) => ({ id, label, low }));
    expect(english).toEqual([
      {
        id: 'safety',
        label: 'How safe is the child?',
        low: 'we are sure the worries will happen if nothing changes',
      },
      { id: 'willingness', label: 'Willingness to change', low: 'none' },
      { id: 'school', label: 'Hur trygg känner sig Åsa i skolan?', low: 'inte alls' },
    ]);
    // Without a language: the board's own words, as stored.
    expect(listScales(doc).map((scale) => scale.label)).toEqual([
      'Grad av trygghet för barnet',
      'Vilja',
      'Hur trygg känner sig Åsa i skolan?',
    ]);
  });
});
