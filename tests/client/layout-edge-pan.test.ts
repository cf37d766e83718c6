import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  EDGE_PAN_MAX_PX_PER_S,
  EDGE_ZONE_PX,
  edgePanVelocity,
  limitPan,
} from '../../client/layout/edge-pan';
import { insets, panBy } from '../../client/layout/view';

const phone = { width: 390, height: 690 };

describe('edgePanVelocity', () => {
  it('does nothing away from the edges', () => {
    expect(edgePanVelocity({ x: 195, y: 345 }, phone)).toEqual({ x: 0, y: 0 });
  });

  it('brings the map towards the edge the card is pushed at, faster nearer to it', () => {
    const nearBottom = edgePanVelocity({ x: 195, y: phone.height - EDGE_ZONE_PX / 2 }, phone);
    const atBottom = edgePanVelocity({ x: 195, y: phone.height - 1 }, phone);
    expect(nearBottom.y).toBeLessThan(0);
    expect(atBottom.y).toBeLessThan(nearBottom.y);
    expect(atBottom.x).toBe(0);
    const atTop = edgePanVelocity({ x: 195, y: 2 }, phone);
    expect(atTop.y).toBeGreaterThan(0);
    const atLeft = edgePanVelocity({ x: 0, y: 345 }, phone);
    expect(atLeft.x).toBe(EDGE_PAN_MAX_PX_PER_S);
  });

  it('never exceeds the top speed, even with the pointer past the edge', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -500, max: 2500 }),
        fc.integer({ min: -500, max: 2500 }),
        (x, y) => {
          const velocity = edgePanVelocity({ x, y }, { width: 1920, height: 1000 });
          expect(Math.abs(velocity.x)).toBeLessThanOrEqual(EDGE_PAN_MAX_PX_PER_S);
          expect(Math.abs(velocity.y)).toBeLessThanOrEqual(EDGE_PAN_MAX_PX_PER_S);
        },
      ),
    );
  });
});

describe('limitPan', () => {
  const content = { x: 0, y: 0, width: 360, height: 3000 };
  const room = insets(16);

  it('stops at the bottom of the board', () => {
    // The board's bottom is 10 px above where a fitted view would have it.
    const view = { scale: 1, x: 15, y: -(3000 - phone.height + 16) + 10 };
    expect(limitPan(view, 0, -100, content, phone, room)).toEqual({ x: 0, y: -10 });
    const bottom = panBy(view, 0, -10);
    expect(limitPan(bottom, 0, -100, content, phone, room)).toEqual({ x: 0, y: 0 });
  });

  it('stops at the top of the board', () => {
    const view = { scale: 1, x: 15, y: -20 };
    expect(limitPan(view, 0, 100, content, phone, room)).toEqual({ x: 0, y: 36 });
  });

  it('does not move content that already fits along an axis', () => {
    const narrower = { ...content, width: 300 };
    const view = { scale: 1, x: 45, y: -500 };
    expect(limitPan(view, 80, 0, narrower, phone, room).x).toBe(0);
    expect(limitPan(view, -80, 0, narrower, phone, room).x).toBe(0);
  });
});
