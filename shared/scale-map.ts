/** @module Builds a new scale's Y.Map (SPEC §4.3), worded in the board's language. */
import * as Y from 'yjs';
import type { Language } from './language';
import { SCALES, type ScaleId } from './scales';

/** A scale not yet in a document; put it into the `scales` map to add it to the board. */
export function createScaleMap(scaleId: ScaleId, language: Language): Y.Map<unknown> {
  const definition = SCALES.find((scale) => scale.id === scaleId);
  if (definition === undefined) throw new Error(`There is no scale called "${scaleId}".`);
  return new Y.Map<unknown>([
    ['label', definition.label[language]],
    ['low', definition.low[language]],
    ['high', definition.high[language]],
    ['ratings', new Y.Map<unknown>()],
  ]);
}
