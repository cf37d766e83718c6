/** @module Measures card text with a 2D canvas in the font Konva draws it in, for the layout's wrap. */
import { CARD_FONT_FAMILY } from '../layout/board-layout';
import type { Measure } from '../layout/wrap';

/** As Konva writes a font family into the context (families with spaces quoted). */
function konvaFontFamily(family: string): string {
  return family
    .split(',')
    .map((name) => {
      const trimmed = name.trim();
      const quoted = trimmed.includes('"') || trimmed.includes("'");
      return trimmed.includes(' ') && !quoted ? `"${trimmed}"` : trimmed;
    })
    .join(', ');
}

let context: CanvasRenderingContext2D | null | undefined;
let contextSize = -1;

/**
 * One function for the page's lifetime: the wrap cache is keyed by the measurer, so a stable
 * identity keeps it warm across renders.
 */
export const measureCardText: Measure = (text, fontSize) => {
  if (context === undefined) context = document.createElement('canvas').getContext('2d');
  // Without a 2D context (very old or locked-down browsers) an average glyph width still wraps.
  if (context === null) return text.length * fontSize * 0.55;
  if (contextSize !== fontSize) {
    context.font = `normal normal ${fontSize}px ${konvaFontFamily(CARD_FONT_FAMILY)}`;
    contextSize = fontSize;
  }
  return context.measureText(text).width;
};
