/** @module Scales and ratings: each participant's one marker per scale, with why and next step. */
import * as Y from 'yjs';
import { readBoardMeta, scalesMap } from './board';
import { readNumber, readOptionalString, readString } from './fields';
import type { Language } from './language';
import { byNameThenId } from './names';
import { compareKeys } from './order';
import { createScaleMap } from './scale-map';
import { isScaleId, isScaleValue, SCALES, type ScaleId } from './scales';

export interface RatingView {
  participant: string;
  name: string;
  role: string;
  value: number;
  at: number;
  why?: string;
  nextStep?: string;
}

export interface ScaleView {
  id: string;
  label: string;
  low: string;
  high: string;
  ratings: RatingView[];
}

export interface RatingInput {
  value: number;
  /** The participant's name and role at the time, so the rating reads well on its own. */
  name: string;
  role: string;
  at: number;
}

export interface RatingNotes {
  /** "Why here?" — an empty string or undefined removes it. */
  why?: string;
  /** "What would move it one step up?" — an empty string or undefined removes it. */
  nextStep?: string;
}

/** Adds one of the known scales, worded in the board's language; no-op when it is there. */
export function addScale(doc: Y.Doc, scaleId: ScaleId): void {
  const scales = scalesMap(doc);
  if (scales.get(scaleId) instanceof Y.Map) return;
  scales.set(scaleId, createScaleMap(scaleId, readBoardMeta(doc).language));
}

/**
 * Known scales in SCALES order, then any others (from newer clients) by id. Worded in the board's
 * language, or in `language` when a person reads the board in another one: a label that is our
 * own wording of a known scale is shown in that language; any other label is shown as written.
 */
export function listScales(doc: Y.Doc, language?: Language): ScaleView[] {
  const boardLanguage = readBoardMeta(doc).language;
  const byName = byNameThenId(language ?? boardLanguage);
  const views: ScaleView[] = [];
  for (const [id, scale] of scalesMap(doc)) {
    if (!(scale instanceof Y.Map)) continue;
    const definition = SCALES.find((known) => known.id === id);
    const ratings = scale.get('ratings');
    const text = (key: 'label' | 'low' | 'high') => {
      const stored = readString(scale, key, definition?.[key][boardLanguage]);
      const ours =
        definition !== undefined && (Object.values(definition[key]) as string[]).includes(stored);
      return ours && language !== undefined ? definition[key][language] : stored;
    };
    views.push({
      id,
      label: text('label'),
      low: text('low'),
      high: text('high'),
      ratings: ratings instanceof Y.Map ? readRatings(ratings, byName) : [],
    });
  }
  return views.sort(byScaleOrder);
}

/** Places (or moves) a participant's marker on a scale. */
export function setRating(
  doc: Y.Doc,
  scaleId: string,
  participantId: string,
  rating: RatingInput,
): void {
  if (!isScaleValue(rating.value)) {
    throw new Error(`A rating must be between 0 and 10 in steps of 0.5, not ${rating.value}.`);
  }
  const ratings = ratingsToWrite(doc, scaleId);
  // Named one by one so that extra properties of the caller's object never reach the document.
  const fields: [string, string | number][] = [
    ['value', rating.value],
    ['name', rating.name],
    ['role', rating.role],
    ['at', rating.at],
  ];
  const existing = ratings.get(participantId);
  if (!(existing instanceof Y.Map)) {
    ratings.set(participantId, new Y.Map<unknown>(fields));
    return;
  }
  // Only changed fields: a marker dragged live sends the value and time, nothing else.
  doc.transact(() => {
    for (const [key, value] of fields) {
      if (existing.get(key) !== value) existing.set(key, value);
    }
  });
}

/** Sets or clears "why here?" and "what would move it one step up?"; absent keys stay as they are. */
export function setRatingNotes(
  doc: Y.Doc,
  scaleId: string,
  participantId: string,
  notes: RatingNotes,
): void {
  const rating = requireRatings(doc, scaleId).get(participantId);
  if (!(rating instanceof Y.Map)) {
    throw new Error(`There is no marker to write notes on: place one on "${scaleId}" first.`);
  }
  doc.transact(() => {
    for (const key of ['why', 'nextStep'] as const) {
      if (!(key in notes)) continue;
      const text = notes[key];
      if (text === undefined || text === '') rating.delete(key);
      else if (rating.get(key) !== text) rating.set(key, text);
    }
  });
}

/** Takes a participant's marker off a scale; no-op when there is none. */
export function removeRating(doc: Y.Doc, scaleId: string, participantId: string): void {
  const ratings = requireRatings(doc, scaleId);
  if (ratings.has(participantId)) ratings.delete(participantId);
}

/**
 * Gives a participant's markers their current name and role (a corrected typo, say). Values,
 * times and notes stay as they are; only fields that differ are written.
 */
export function renameRatings(doc: Y.Doc, participantId: string, name: string, role: string): void {
  doc.transact(() => {
    for (const scale of scalesMap(doc).values()) {
      if (!(scale instanceof Y.Map)) continue;
      const ratings = scale.get('ratings');
      const rating = ratings instanceof Y.Map ? ratings.get(participantId) : undefined;
      if (!(rating instanceof Y.Map)) continue;
      if (rating.get('name') !== name) rating.set('name', name);
      if (rating.get('role') !== role) rating.set('role', role);
    }
  });
}

function readRatings(
  ratings: Y.Map<unknown>,
  byName: ReturnType<typeof byNameThenId>,
): RatingView[] {
  const views: RatingView[] = [];
  for (const [participant, rating] of ratings) {
    if (!(rating instanceof Y.Map)) continue;
    const value = rating.get('value');
    // A marker without a valid position cannot be drawn; leave it out rather than guess.
    if (!isScaleValue(value)) continue;
    const view: RatingView = {
      participant,
      name: readString(rating, 'name'),
      role: readString(rating, 'role'),
      value,
      at: readNumber(rating, 'at'),
    };
    const why = readOptionalString(rating, 'why');
    const nextStep = readOptionalString(rating, 'nextStep');
    if (why !== undefined) view.why = why;
    if (nextStep !== undefined) view.nextStep = nextStep;
    views.push(view);
  }
  return views.sort((a, b) =>
    byName({ name: a.name, id: a.participant }, { name: b.name, id: b.participant }),
  );
}

function byScaleOrder(a: ScaleView, b: ScaleView): number {
  const rank = (id: string) =>
    isScaleId(id) ? SCALES.findIndex((scale) => scale.id === id) : SCALES.length;
  return rank(a.id) - rank(b.id) || compareKeys(a.id, b.id);
}

/**
 * The ratings map a new marker goes into. A scale whose `ratings` another client overwrote with
 * something that is not a map holds no readable marker; it gets a fresh map rather than leaving
 * everyone unable to place theirs.
 */
function ratingsToWrite(doc: Y.Doc, scaleId: string): Y.Map<unknown> {
  const scale = scalesMap(doc).get(scaleId);
  if (!(scale instanceof Y.Map)) throw new Error(`There is no scale "${scaleId}" on this board.`);
  const ratings = scale.get('ratings');
  if (ratings instanceof Y.Map) return ratings;
  const fresh = new Y.Map<unknown>();
  scale.set('ratings', fresh);
  return fresh;
}

function requireRatings(doc: Y.Doc, scaleId: string): Y.Map<unknown> {
  const scale = scalesMap(doc).get(scaleId);
  if (!(scale instanceof Y.Map)) throw new Error(`There is no scale "${scaleId}" on this board.`);
  const ratings = scale.get('ratings');
  if (!(ratings instanceof Y.Map)) throw new Error(`The scale "${scaleId}" cannot hold ratings.`);
  return ratings;
}
