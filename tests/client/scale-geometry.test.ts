/** @module Tests for the scale's pure geometry: value ↔ x, marker lanes, initials, marker ink. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  initials,
  inkOn,
  laneY,
  layoutScale,
  MARKER_GAP_PX,
  MARKER_LANE_MIN_STEP_PX,
  namesFit,
  stackMarkers,
  type TrackSpan,
  valueToX,
  xToValue,
} from '../../client/canvas/scale-geometry';
import { isScaleValue } from '../../shared/scales';

const scaleValue = fc.integer({ min: 0, max: 20 }).map((half) => half / 2);
// From a phone (≈340 world px) to a wide screen (≈1800).
const rectWidth = fc.integer({ min: 300, max: 2000 });
const spanOf = (width: number): TrackSpan => layoutScale(width, 170).span;

describe('value ↔ x', () => {
  it('puts 0 at the left end and 10 at the right end', () => {
    const span = { left: 30, right: 330 };
    expect(valueToX(span, 0)).toBe(30);
    expect(valueToX(span, 10)).toBe(330);
    expect(valueToX(span, 5)).toBe(180);
  });

  it('gives every allowed value back from its own x', () => {
    fc.assert(
      fc.property(rectWidth, scaleValue, (width, value) => {
        const span = spanOf(width);
        expect(xToValue(span, valueToX(span, value))).toBe(value);
      }),
    );
  });

  it('snaps any x to an allowed value no more than a quarter step away', () => {
    fc.assert(
      fc.property(rectWidth, fc.double({ min: 0, max: 1, noNaN: true }), (width, fraction) => {
        const span = spanOf(width);
        const x = span.left + fraction * (span.right - span.left);
        const value = xToValue(span, x);
        expect(isScaleValue(value)).toBe(true);
        expect(Math.abs(value - fraction * 10)).toBeLessThanOrEqual(0.25 + 1e-9);
      }),
    );
  });

  it('holds x beyond the ends at 0 and 10, and values beyond 0–10 at the ends', () => {
    fc.assert(
      fc.property(rectWidth, fc.double({ min: 1, max: 1e6, noNaN: true }), (width, beyond) => {
        const span = spanOf(width);
        expect(xToValue(span, span.left - beyond)).toBe(0);
        expect(xToValue(span, span.right + beyond)).toBe(10);
        expect(valueToX(span, -beyond)).toBe(span.left);
        expect(valueToX(span, 10 + beyond)).toBe(span.right);
      }),
    );
    expect(valueToX({ left: 10, right: 20 }, Number.NaN)).toBe(10);
    expect(xToValue({ left: 10, right: 10 }, 50)).toBe(0);
  });

  it('keeps the track inside the rect with room for half a marker at each end', () => {
    fc.assert(
      fc.property(rectWidth, fc.integer({ min: 150, max: 200 }), (width, height) => {
        const layout = layoutScale(width, height);
        expect(layout.span.left).toBeGreaterThan(17);
        expect(layout.span.right).toBeLessThan(width - 17);
        expect(layout.trackY).toBeGreaterThan(layout.topMarkerY - 1);
        expect(layout.meaningsY + layout.meaningsHeight).toBeLessThanOrEqual(height);
      }),
    );
  });
});

describe('stackMarkers', () => {
  const marker = (participant: string, x: number) => ({ participant, x });

  it('keeps markers that are far apart on the line', () => {
    const lanes = stackMarkers([marker('a', 0), marker('b', 100), marker('c', 200)], 36);
    expect([...lanes.values()]).toEqual([0, 0, 0]);
  });

  it('stacks markers at the same value, in participant id order', () => {
    const lanes = stackMarkers([marker('c', 50), marker('a', 50), marker('b', 50)], 36);
    expect(Object.fromEntries(lanes)).toEqual({ a: 0, b: 1, c: 2 });
  });

  it('keeps my own marker on the line, whoever else is there', () => {
    const lanes = stackMarkers([marker('a', 50), marker('me', 50), marker('b', 60)], 36, 'me');
    expect(lanes.get('me')).toBe(0);
    expect(new Set([lanes.get('a'), lanes.get('b')])).toEqual(new Set([1, 2]));
  });

  it('never leaves two markers in a lane closer than the gap, and is deterministic', () => {
    const markers = fc.uniqueArray(
      fc.record({
        participant: fc.string({ minLength: 1, maxLength: 6 }),
        x: fc.integer({ min: 0, max: 400 }),
      }),
      { selector: (entry) => entry.participant, maxLength: 20 },
    );
    fc.assert(
      fc.property(markers, fc.boolean(), (placed, pin) => {
        const pinned = pin ? placed[0]?.participant : undefined;
        const lanes = stackMarkers(placed, MARKER_GAP_PX, pinned);
        expect(lanes.size).toBe(placed.length);
        for (const a of placed) {
          for (const b of placed) {
            if (a === b || lanes.get(a.participant) !== lanes.get(b.participant)) continue;
            expect(Math.abs(a.x - b.x)).toBeGreaterThanOrEqual(MARKER_GAP_PX);
          }
        }
        // Another client sees the ratings in another order: the lanes must not differ.
        expect(stackMarkers([...placed].reverse(), MARKER_GAP_PX, pinned)).toEqual(lanes);
        if (pinned !== undefined) expect(lanes.get(pinned)).toBe(0);
      }),
    );
  });
});

describe('laneY', () => {
  const layout = layoutScale(400, 170);

  it('puts lane 0 on the line and higher lanes above it, below the label while they fit', () => {
    expect(laneY(0, 1, layout)).toBe(layout.trackY);
    for (const count of [2, 3, 8, 20]) {
      const ys = Array.from({ length: count }, (_, lane) => laneY(lane, count, layout));
      for (let lane = 1; lane < count; lane += 1) {
        expect(ys[lane]).toBeLessThan(ys[lane - 1] ?? Number.POSITIVE_INFINITY);
      }
    }
    expect(laneY(1, 2, layout)).toBeGreaterThanOrEqual(layout.topMarkerY);
    expect(laneY(2, 3, layout)).toBeGreaterThanOrEqual(layout.topMarkerY);
  });

  it('rises over the label rather than let stacked markers cover each other', () => {
    for (const count of [4, 8, 20]) {
      const step = laneY(0, count, layout) - laneY(1, count, layout);
      expect(step).toBeGreaterThanOrEqual(MARKER_LANE_MIN_STEP_PX);
    }
  });

  it('keeps lanes a marker apart while they fit', () => {
    expect(laneY(0, 2, layout) - laneY(1, 2, layout)).toBe(MARKER_GAP_PX);
  });
});

describe('namesFit', () => {
  it('shows every name for a few markers far apart, not for many or close ones', () => {
    expect(namesFit([0, 200, 100], 96)).toBe(true);
    expect(namesFit([0, 50], 96)).toBe(false);
    expect(namesFit([0, 100, 200, 300, 400, 500], 96)).toBe(false);
    expect(namesFit([], 96)).toBe(true);
  });
});

describe('initials', () => {
  it.each([
    ['Anna Svensson', 'AS'],
    ['Åsa Öberg', 'ÅÖ'],
    ['ärlig älg', 'ÄÄ'],
    ['Mormor', 'M'],
    ['  Lena   Maria  Ek ', 'LE'],
    ['Anna-Karin Ström', 'AS'],
    ['', '?'],
    ['   ', '?'],
    ['(Morfar)', 'M'],
    ['e\u0301lise Östlund', 'ÉÖ'],
    ['Şebnem Ağaoğlu', 'ŞA'],
    ['محمد علي', 'مع'],
  ])('%j → %j', (name, expected) => {
    expect(initials(name)).toBe(expected);
  });

  it('is never empty and never longer than two letters', () => {
    fc.assert(
      fc.property(fc.string(), (name) => {
        const result = [...initials(name)];
        expect(result.length).toBeGreaterThan(0);
        // Two letters, each perhaps with its combining marks.
        expect(result.filter((char) => !/\p{M}/u.test(char)).length).toBeLessThanOrEqual(2);
      }),
    );
  });
});

describe('inkOn', () => {
  it('writes white on dark colours and dark ink on light ones', () => {
    expect(inkOn('#1a4fa0')).toBe('#ffffff');
    expect(inkOn('#000000')).toBe('#ffffff');
    expect(inkOn('#ffd54f')).toBe('#1b1b1f');
    expect(inkOn('#FFFFFF')).toBe('#1b1b1f');
    expect(inkOn('not a colour')).toBe('#ffffff');
  });
});
