/** @module WCAG AA contrast of the canvas's text colours on their backgrounds (4.5:1 for text). */
import { describe, expect, it } from 'vitest';
import { PARTICIPANT_COLORS } from '../../client/board/me';
import { inkOn } from '../../client/canvas/scale-geometry';
import {
  CARD_FILL,
  CHILD_FILL,
  CHILD_LINE,
  COLUMN_COLORS,
  INK,
  INK_SOFT,
  PAPER,
} from '../../client/canvas/theme';

/** WCAG 2 relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const channels = [1, 3, 5].map((at) => Number.parseInt(hex.slice(at, at + 2), 16) / 255);
  const [r, g, b] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
}

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return ((light ?? 0) + 0.05) / ((dark ?? 0) + 0.05);
}

const AA_TEXT = 4.5;

describe('colours on the map', () => {
  it('keeps card text readable on plain cards and on the child’s own words', () => {
    expect(contrast(INK, CARD_FILL)).toBeGreaterThanOrEqual(AA_TEXT);
    expect(contrast(INK, CHILD_FILL)).toBeGreaterThanOrEqual(AA_TEXT);
    expect(contrast(CHILD_LINE, CHILD_FILL)).toBeGreaterThanOrEqual(AA_TEXT);
    expect(contrast(INK_SOFT, PAPER)).toBeGreaterThanOrEqual(AA_TEXT);
  });

  it('keeps column and section headings readable on their tints', () => {
    for (const { ink, tint } of Object.values(COLUMN_COLORS)) {
      expect(contrast(ink, tint)).toBeGreaterThanOrEqual(AA_TEXT);
    }
  });

  it('writes initials on every participant colour in an ink that reads on it', () => {
    for (const color of PARTICIPANT_COLORS) {
      expect(contrast(inkOn(color), color)).toBeGreaterThanOrEqual(AA_TEXT);
    }
  });
});
