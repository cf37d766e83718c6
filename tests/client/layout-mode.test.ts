import { describe, expect, it } from 'vitest';
import { fitInsets } from '../../client/canvas/useBoardView';
import { cardFontSize } from '../../client/layout/board-layout';
import {
  chooseLayoutMode,
  EMPTY_WIDE_BOARD,
  READABLE_CARD_TEXT_PX,
} from '../../client/layout/mode';
import { fitView } from '../../client/layout/view';

const options = { projector: false, padding: fitInsets('wide', false) };
/** The map's area under the board header at some common screens (CSS px). */
const LAPTOP_1920 = { width: 1920, height: 970 };
const LAPTOP_1366 = { width: 1366, height: 650 };
const ZOOM_200 = { width: 960, height: 410 };
const PHONE = { width: 390, height: 690 };

describe('chooseLayoutMode', () => {
  it('keeps three columns where their text stays readable', () => {
    expect(chooseLayoutMode(LAPTOP_1920, options)).toBe('wide');
    expect(chooseLayoutMode(LAPTOP_1366, options)).toBe('wide');
  });

  it('uses one column on a phone', () => {
    expect(chooseLayoutMode(PHONE, options)).toBe('narrow');
  });

  it('uses one column on a laptop at 200 % zoom, where three would draw ~9 px text', () => {
    const scale = fitView(EMPTY_WIDE_BOARD, ZOOM_200, options.padding).scale;
    expect(scale * cardFontSize('wide')).toBeLessThan(READABLE_CARD_TEXT_PX);
    expect(chooseLayoutMode(ZOOM_200, options)).toBe('narrow');
  });

  it('decides by legibility: wide exactly when the fitted text is large enough', () => {
    for (let width = 700; width <= 2000; width += 50) {
      for (let height = 300; height <= 1200; height += 50) {
        const size = { width, height };
        const text = fitView(EMPTY_WIDE_BOARD, size, options.padding).scale * cardFontSize('wide');
        expect(chooseLayoutMode(size, options)).toBe(
          text >= READABLE_CARD_TEXT_PX ? 'wide' : 'narrow',
        );
      }
    }
  });

  it('keeps a projector on the whole three-column map unless it is phone-narrow', () => {
    const projector = { projector: true, padding: fitInsets('wide', true) };
    expect(chooseLayoutMode(ZOOM_200, projector)).toBe('wide');
    expect(chooseLayoutMode(PHONE, projector)).toBe('narrow');
  });

  it('waits for a measured stage before choosing', () => {
    expect(chooseLayoutMode({ width: 0, height: 0 }, options)).toBe('wide');
  });
});
