import { describe, expect, it } from 'vitest';
import type { Rect } from '../../client/layout/geometry';
import { placeToolbar } from '../../client/layout/toolbar-place';

const viewport = { width: 1920, height: 1000 };
const toolbar = { width: 320, height: 50 };

function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** A column of two sections, as the wide layout draws one on screen. */
const section: Rect = { x: 100, y: 100, width: 500, height: 400 };
const ownHeader: Rect = { x: 100, y: 100, width: 500, height: 40 };
const nextHeader: Rect = { x: 100, y: 500, width: 500, height: 40 };
const neighbourHeader: Rect = { x: 620, y: 100, width: 500, height: 40 };
const headers = [ownHeader, nextHeader, neighbourHeader];

describe('placeToolbar', () => {
  it('goes above a card when that covers no header', () => {
    const card = { x: 110, y: 300, width: 230, height: 80 };
    const place = placeToolbar(card, section, headers, toolbar, viewport);
    expect(place.y + toolbar.height).toBeLessThanOrEqual(card.y);
    expect(place.x).toBe(card.x);
  });

  it("goes below a first-row card rather than over its section's header", () => {
    const card = { x: 110, y: 150, width: 230, height: 80 };
    const place = placeToolbar(card, section, headers, toolbar, viewport);
    expect(place.y).toBeGreaterThanOrEqual(card.y + card.height);
    for (const header of headers) {
      expect(overlaps({ ...place, ...toolbar }, header)).toBe(false);
    }
  });

  it("stays inside the card's section: never over the next column's header", () => {
    const card = { x: 360, y: 300, width: 230, height: 80 };
    const place = placeToolbar(card, section, headers, toolbar, viewport);
    expect(place.x + toolbar.width).toBeLessThanOrEqual(section.x + section.width);
    expect(overlaps({ ...place, ...toolbar }, neighbourHeader)).toBe(false);
  });

  it('goes beside a card alone in its row between two headers, over the card next to it', () => {
    const left: Rect = { x: 110, y: 150, width: 230, height: 330 };
    const fromLeft = placeToolbar(left, section, headers, toolbar, viewport);
    expect(fromLeft.x).toBeGreaterThanOrEqual(left.x + left.width);
    expect(fromLeft.y).toBe(left.y);
    const right: Rect = { x: 360, y: 150, width: 230, height: 330 };
    const fromRight = placeToolbar(right, section, headers, toolbar, viewport);
    expect(fromRight.x + toolbar.width).toBeLessThanOrEqual(right.x);
    for (const place of [fromLeft, fromRight]) {
      for (const header of headers) expect(overlaps({ ...place, ...toolbar }, header)).toBe(false);
    }
  });

  it("with no room beside either (a phone's one column): over its own header, not the next section's, never over the card", () => {
    const phone = { width: 390, height: 800 };
    const column: Rect = { x: 10, y: 100, width: 370, height: 400 };
    const own: Rect = { x: 10, y: 100, width: 370, height: 44 };
    const next: Rect = { x: 10, y: 232, width: 370, height: 44 };
    const lonely: Rect = { x: 20, y: 154, width: 350, height: 64 };
    const place = placeToolbar(lonely, column, [own, next], toolbar, phone);
    const box = { ...place, ...toolbar };
    expect(overlaps(box, lonely)).toBe(false);
    expect(overlaps(box, next)).toBe(false);
  });

  it('stays on screen', () => {
    const card = { x: -50, y: 5, width: 230, height: 80 };
    const place = placeToolbar(card, { ...section, x: -60, y: -40 }, [], toolbar, viewport);
    expect(place.x).toBeGreaterThanOrEqual(0);
    expect(place.y).toBeGreaterThanOrEqual(0);
  });
});
