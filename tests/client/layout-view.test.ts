import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toScreen, toWorld } from '../../client/layout/geometry';
import {
  clampView,
  easeInOut,
  fitView,
  fitWidthView,
  insets,
  lerpView,
  outgrowsView,
  zoomAt,
} from '../../client/layout/view';

const viewport = { width: 1920, height: 1080 };

describe('fitView', () => {
  it('centres the rectangle and fits it inside the padding', () => {
    const rect = { x: 100, y: 50, width: 1000, height: 1000 };
    const view = fitView(rect, viewport, 20);
    expect(view.scale).toBeCloseTo((1080 - 40) / 1000);
    const topLeft = toScreen(view, { x: rect.x, y: rect.y });
    const bottomRight = toScreen(view, { x: rect.x + rect.width, y: rect.y + rect.height });
    expect(topLeft.y).toBeCloseTo(20);
    expect(bottomRight.y).toBeCloseTo(1060);
    expect((topLeft.x + bottomRight.x) / 2).toBeCloseTo(960);
  });

  it('fits any rectangle into any viewport', () => {
    fc.assert(
      fc.property(
        fc.record({
          x: fc.integer({ min: -2000, max: 2000 }),
          y: fc.integer({ min: -2000, max: 2000 }),
          width: fc.integer({ min: 1, max: 5000 }),
          height: fc.integer({ min: 1, max: 5000 }),
        }),
        fc.record({
          width: fc.integer({ min: 100, max: 4000 }),
          height: fc.integer({ min: 100, max: 4000 }),
        }),
        (rect, size) => {
          const view = fitView(rect, size, 10);
          const a = toScreen(view, rect);
          const b = toScreen(view, { x: rect.x + rect.width, y: rect.y + rect.height });
          expect(a.x).toBeGreaterThanOrEqual(10 - 1e-6);
          expect(a.y).toBeGreaterThanOrEqual(10 - 1e-6);
          expect(b.x).toBeLessThanOrEqual(size.width - 10 + 1e-6);
          expect(b.y).toBeLessThanOrEqual(size.height - 10 + 1e-6);
          expect((a.x + b.x) / 2).toBeCloseTo(size.width / 2);
          expect((a.y + b.y) / 2).toBeCloseTo(size.height / 2);
        },
      ),
    );
  });
});

describe('fitWidthView', () => {
  it('fills the width and puts the top at the top', () => {
    const view = fitWidthView(
      { x: 0, y: 0, width: 360, height: 3000 },
      { width: 390, height: 800 },
      0,
    );
    expect(view.scale).toBeCloseTo(390 / 360);
    expect(view.y).toBe(0);
    expect(view.x).toBeCloseTo(0);
  });

  it('grows no larger than its cap on a wide screen, and centres the column', () => {
    const rect = { x: 0, y: 0, width: 360, height: 3000 };
    const view = fitWidthView(rect, { width: 960, height: 410 }, 16, 1.2);
    expect(view.scale).toBe(1.2);
    const left = toScreen(view, { x: 0, y: 0 }).x;
    const right = toScreen(view, { x: 360, y: 0 }).x;
    expect((left + right) / 2).toBeCloseTo(480);
    expect(view.y).toBe(16);
  });

  it('starts below the room kept at the top for the map buttons', () => {
    const rect = { x: 0, y: 0, width: 360, height: 3000 };
    const view = fitWidthView(rect, { width: 390, height: 700 }, insets(16, { top: 56 }));
    expect(view.y).toBe(72);
    expect(view.scale).toBeCloseTo(358 / 360);
  });
});

describe('fitView with insets', () => {
  it('keeps the extra room on the right free and centres in what is left', () => {
    const rect = { x: 0, y: 0, width: 2000, height: 500 };
    const view = fitView(rect, viewport, insets(16, { right: 56 }));
    const right = toScreen(view, { x: 2000, y: 0 }).x;
    expect(right).toBeCloseTo(1920 - 72);
    expect(toScreen(view, { x: 0, y: 0 }).x).toBeCloseTo(16);
  });
});

describe('outgrowsView', () => {
  const size = { width: 1000, height: 800 };
  const content = { x: 0, y: 0, width: 900, height: 700 };
  const fitted = fitView(content, size, 16);
  const options = { fitted, margin: 0, shrink: 1.25 };

  it('leaves a fitted map alone while the content still fits on screen', () => {
    expect(outgrowsView(fitted, content, size, options)).toBe(false);
    // A few more lines in a card: into the padding, not past the edge.
    const taller = { ...content, height: content.height + 10 };
    expect(
      outgrowsView(fitted, taller, size, { ...options, fitted: fitView(taller, size, 16) }),
    ).toBe(false);
  });

  it('fits again once the content runs past the edge', () => {
    const taller = { ...content, height: content.height + 60 };
    expect(
      outgrowsView(fitted, taller, size, { ...options, fitted: fitView(taller, size, 16) }),
    ).toBe(true);
  });

  it('fits again when the content has shrunk a lot, not a little', () => {
    const shorter = { ...content, height: content.height - 40 };
    expect(
      outgrowsView(fitted, shorter, size, { ...options, fitted: fitView(shorter, size, 16) }),
    ).toBe(false);
    const half = { ...content, height: content.height / 2, width: content.width / 2 };
    expect(outgrowsView(fitted, half, size, { ...options, fitted: fitView(half, size, 16) })).toBe(
      true,
    );
  });
});

describe('zoomAt', () => {
  it('keeps the world point under the cursor where it was', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.1, max: 4, noNaN: true }),
        fc.double({ min: -500, max: 500, noNaN: true }),
        fc.double({ min: -500, max: 500, noNaN: true }),
        fc.double({ min: 0.5, max: 2, noNaN: true }),
        fc.record({ x: fc.integer({ min: 0, max: 1920 }), y: fc.integer({ min: 0, max: 1080 }) }),
        (scale, x, y, factor, screen) => {
          const before = { scale, x, y };
          const world = toWorld(before, screen);
          const after = zoomAt(before, screen, factor, 0.05, 8);
          const back = toScreen(after, world);
          expect(back.x).toBeCloseTo(screen.x, 6);
          expect(back.y).toBeCloseTo(screen.y, 6);
        },
      ),
    );
  });

  it('stays within the zoom limits', () => {
    expect(zoomAt({ scale: 1, x: 0, y: 0 }, { x: 0, y: 0 }, 100, 0.1, 4).scale).toBe(4);
    expect(zoomAt({ scale: 1, x: 0, y: 0 }, { x: 0, y: 0 }, 0.001, 0.1, 4).scale).toBe(0.1);
  });
});

describe('clampView', () => {
  const content = { x: 0, y: 0, width: 1000, height: 1000 };
  const size = { width: 800, height: 600 };

  it('pulls a board panned out of sight back until part of it shows', () => {
    const far = clampView({ scale: 1, x: -5000, y: 4000 }, content, size, 100);
    expect(far.x + 1000).toBe(100);
    expect(far.y).toBe(600 - 100);
  });

  it('leaves a view that shows the board alone', () => {
    expect(clampView({ scale: 1, x: -100, y: -100 }, content, size, 100)).toEqual({
      scale: 1,
      x: -100,
      y: -100,
    });
  });
});

describe('lerpView and easeInOut', () => {
  it('go from the start to the end', () => {
    const from = { scale: 1, x: 0, y: 0 };
    const to = { scale: 2, x: 100, y: -50 };
    expect(lerpView(from, to, 0)).toEqual(from);
    expect(lerpView(from, to, 1)).toEqual(to);
    expect(lerpView(from, to, 0.5)).toEqual({ scale: 1.5, x: 50, y: -25 });
    expect(easeInOut(0)).toBe(0);
    expect(easeInOut(1)).toBe(1);
    expect(easeInOut(0.5)).toBeCloseTo(0.5);
  });
});
