/** @module Which layout suits a screen: three columns where their text stays readable, else one. */
import { cardFontSize, type LayoutMode, layoutBoard } from './board-layout';
import type { Rect, Size } from './geometry';
import { fitView, type Insets } from './view';

/** Below this width (CSS px) the board is one column, as on a phone. */
const NARROW_BELOW_PX = 700;
/** Card text smaller than this (CSS px) in the fitted three columns is too small to read. */
export const READABLE_CARD_TEXT_PX = 11;

/**
 * The three columns of an empty board with its one scale. The choice of layout depends on the
 * screen only, never on the cards, so the board does not change shape while people write.
 */
export const EMPTY_WIDE_BOARD: Rect = layoutBoard(
  { cards: [], scales: ['safety'] },
  { mode: 'wide', measure: () => 0 },
).bounds;

/**
 * 'narrow' on a phone, and on any screen where the three columns fitted to it would draw card
 * text below READABLE_CARD_TEXT_PX (a laptop at 200 % browser zoom, a small tablet). A projector
 * keeps the three columns from phone width up: the room needs the whole map, not one column.
 */
export function chooseLayoutMode(
  viewport: Size,
  options: { projector: boolean; padding: number | Insets; wideBoard?: Rect },
): LayoutMode {
  if (viewport.width <= 0 || viewport.height <= 0) return 'wide';
  if (viewport.width < NARROW_BELOW_PX) return 'narrow';
  if (options.projector) return 'wide';
  const { scale } = fitView(options.wideBoard ?? EMPTY_WIDE_BOARD, viewport, options.padding);
  return scale * cardFontSize('wide') < READABLE_CARD_TEXT_PX ? 'narrow' : 'wide';
}
