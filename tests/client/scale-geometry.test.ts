/** @module Tests for the scale's pure geometry: value ↔ x, text sizes, lanes, my label, initials. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  initials,
  inkOn,
  LEGEND_LINE_PX,
  laneY,
  layoutLegend,
  layoutOwnLabel,
  layoutScale,
  MARKER_GAP_PX,
  MARKER_HIT_STROKE_PX,
  MARKER_INITIALS_FONT_PX,
  MARKER_LANE_MIN_STEP_PX,
  MARKER_NAME_FONT_PX,
  MARKER_RADIUS_PX,
  MEANING_LINE_HEIGHT,
  nameOffsetY,
  namesFit,
  stackMarkers,
  type TrackSpan,
  valueToX,
  xToValue,
} from '../../client/canvas/scale-geometry';
import { layoutBoard, SCALE_ROW_HEIGHT } from '../../client/layout/board-layout';
import { isScaleValue } from '../../shared/scales';

const scaleValue = fc.integer({ min: 0, max: 20 }).map((half) => half / 2);
// From a phone (≈340 world px) to a wide screen (≈1800).
const rectWidth = fc.integer({ min: 300, max: 2000 });
const spanOf = (width: number): TrackSpan => layoutScale(width, SCALE_ROW_HEIGHT).span;
/** The scales' real widths: the wide board's (one or two to a row) and the narrow board's. */
function scaleWidths(mode: 'wide' | 'narrow'): number[] {
  const measure = (text: string, fontSize: number) => text.length * fontSize * 0.5;
  return [['safety'], ['safety', 'willingness']].map(
    (scales) =>
      layoutBoard({ cards: [], scales }, { mode, measure }).scales[0]?.rect.width ?? Number.NaN,
  );
}

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
      fc.property(rectWidth, fc.integer({ min: 150, max: 240 }), (width, height) => {
        const layout = layoutScale(width, height);
        expect(layout.span.left).toBeGreaterThan(MARKER_RADIUS_PX);
        expect(layout.span.right).toBeLessThan(width - MARKER_RADIUS_PX);
        expect(layout.trackY).toBeGreaterThan(layout.topMarkerY - 1);
        expect(layout.meaningsY + layout.meaningsHeight).toBeLessThanOrEqual(height);
      }),
    );
  });
});

describe('scale text sizes', () => {
  it('reads on the projector: the wide board fitted at ~0.76 keeps every text ≥ 12 px', () => {
    for (const width of scaleWidths('wide')) {
      const layout = layoutScale(width, SCALE_ROW_HEIGHT);
      expect(layout.labelFontPx.largest).toBeGreaterThanOrEqual(24);
      expect(layout.labelFontPx.smallest).toBeGreaterThanOrEqual(24);
      expect(layout.numbersFontPx).toBeGreaterThanOrEqual(18);
      expect(layout.meaningFontPx.smallest).toBeGreaterThanOrEqual(16);
      // Two lines of the largest size fit, so a long "0 means" need not shrink.
      expect(layout.meaningsHeight).toBeGreaterThanOrEqual(
        2 * layout.meaningFontPx.largest * MEANING_LINE_HEIGHT,
      );
      // The label's line ends above the highest unstacked marker's name.
      const nameTop = layout.trackY - MARKER_RADIUS_PX - 2 - MARKER_NAME_FONT_PX - 4;
      expect(nameTop).toBeGreaterThanOrEqual(layout.labelY + layout.labelHeight);
    }
  });

  it('fits a phone: numbers ≥ 18, four lines for a long Swedish "0 means"', () => {
    for (const width of scaleWidths('narrow')) {
      const layout = layoutScale(width, SCALE_ROW_HEIGHT);
      expect(width).toBeLessThan(400);
      expect(layout.numbersFontPx).toBeGreaterThanOrEqual(18);
      expect(layout.labelFontPx.largest).toBeGreaterThanOrEqual(24);
      expect(layout.meaningsHeight).toBeGreaterThanOrEqual(
        4 * layout.meaningFontPx.smallest * MEANING_LINE_HEIGHT,
      );
      // Eleven numbers of 18 px ("10" is ~20 px wide) have room between them.
      expect((layout.span.right - layout.span.left) / 10).toBeGreaterThan(layout.numbersFontPx);
    }
  });

  it('draws markers large enough for their initials and a finger', () => {
    expect(MARKER_INITIALS_FONT_PX).toBeGreaterThanOrEqual(16);
    expect(MARKER_NAME_FONT_PX).toBeGreaterThanOrEqual(15);
    // Two letters of 17 px bold are ~26 px wide: the circle holds them with a margin.
    expect(2 * MARKER_RADIUS_PX).toBeGreaterThanOrEqual(2.5 * MARKER_INITIALS_FONT_PX);
    expect(2 * MARKER_RADIUS_PX + MARKER_HIT_STROKE_PX).toBeGreaterThanOrEqual(44);
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

  it('keeps lane 0 free as far as my value and hint reach, on their side only', () => {
    const placed = [marker('me', 200), marker('a', 260), marker('b', 150), marker('c', 400)];
    const lanes = stackMarkers(placed, 46, 'me', { before: 46, after: 120 });
    expect(Object.fromEntries(lanes)).toEqual({ me: 0, a: 1, b: 0, c: 0 });
    // Never nearer than the gap, whatever the reach says.
    const near = stackMarkers([marker('me', 200), marker('b', 170)], 46, 'me', {
      before: 0,
      after: 0,
    });
    expect(near.get('b')).toBe(1);
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
  const layout = layoutScale(1848, SCALE_ROW_HEIGHT);

  it('puts lane 0 on the line and higher lanes above it, below the label while they fit', () => {
    expect(laneY(0, 1, layout)).toBe(layout.trackY);
    for (const count of [2, 3, 8, 20]) {
      const ys = Array.from({ length: count }, (_, lane) => laneY(lane, count, layout));
      for (let lane = 1; lane < count; lane += 1) {
        expect(ys[lane]).toBeLessThan(ys[lane - 1] ?? Number.POSITIVE_INFINITY);
      }
    }
    // On the wide board two markers at one value stack without touching the label.
    expect(laneY(1, 2, layout)).toBeGreaterThanOrEqual(layout.topMarkerY);
  });

  it('never rises over the label: many lanes overlap instead, on wide and narrow scales', () => {
    for (const width of [...scaleWidths('wide'), ...scaleWidths('narrow'), 1848]) {
      const scale = layoutScale(width, SCALE_ROW_HEIGHT);
      const labelBottom = scale.labelY + scale.labelHeight;
      for (const count of [2, 3, 4, 8, 20]) {
        for (let lane = 0; lane < count; lane += 1) {
          const y = laneY(lane, count, scale);
          expect(y).toBeGreaterThanOrEqual(scale.topMarkerY);
          expect(y - MARKER_RADIUS_PX).toBeGreaterThanOrEqual(labelBottom);
        }
      }
    }
    // Two lanes still keep the initials of the upper marker clear on the wide board.
    expect(laneY(0, 2, layout) - laneY(1, 2, layout)).toBeGreaterThanOrEqual(
      MARKER_LANE_MIN_STEP_PX,
    );
  });

  it('keeps a name off the label, or leaves it out when there is no room', () => {
    for (const width of [...scaleWidths('wide'), ...scaleWidths('narrow')]) {
      const scale = layoutScale(width, SCALE_ROW_HEIGHT);
      const labelBottom = scale.labelY + scale.labelHeight;
      for (const count of [1, 2, 3, 6]) {
        for (let lane = 0; lane < count; lane += 1) {
          const y = laneY(lane, count, scale);
          const offset = nameOffsetY(y, MARKER_RADIUS_PX, scale);
          if (offset !== null) expect(y + offset).toBeGreaterThanOrEqual(labelBottom);
        }
      }
      // On the line, the name sits above the marker, clear of its initials.
      expect(nameOffsetY(scale.trackY, MARKER_RADIUS_PX, scale)).toBeLessThanOrEqual(
        -MARKER_RADIUS_PX - MARKER_NAME_FONT_PX + 2,
      );
    }
  });

  it('keeps lanes a marker apart while they fit', () => {
    const tall = layoutScale(1848, 260);
    expect(laneY(0, 2, tall) - laneY(1, 2, tall)).toBe(MARKER_GAP_PX);
  });
});

describe('layoutOwnLabel', () => {
  it('puts my value and the hint after my marker when there is room, and keeps lane 0 free', () => {
    const label = layoutOwnLabel(300, 900, 30, 200);
    expect(label.side).toBe('after');
    expect(label.value.x).toBeGreaterThan(MARKER_RADIUS_PX);
    expect(label.hint?.x).toBeGreaterThan(label.value.x + label.value.width);
    expect(label.hint?.width).toBe(200);
    expect(label.hint?.lines).toBe(1);
    expect(label.reach.after).toBeGreaterThan((label.hint?.x ?? 0) + 200);
    expect(label.reach.before).toBe(MARKER_GAP_PX);
  });

  it('goes before my marker near the right end, and wraps the hint to fit', () => {
    const label = layoutOwnLabel(320, 344, 12, 180);
    expect(label.side).toBe('before');
    expect(label.value.x + label.value.width).toBeLessThan(-MARKER_RADIUS_PX);
    expect(label.hint?.x).toBeGreaterThanOrEqual(0 - 320);
    expect(label.hint?.lines).toBe(1);
    const squeezed = layoutOwnLabel(172, 344, 12, 180);
    expect(squeezed.hint?.width).toBeLessThan(180);
    expect(squeezed.hint?.lines).toBe(2);
  });

  it('chooses the side that lifts fewer other markers off the line', () => {
    expect(layoutOwnLabel(400, 900, 30, 150, [480]).side).toBe('before');
    expect(layoutOwnLabel(400, 900, 30, 150, [300, 330, 480]).side).toBe('after');
  });

  it('has no hint when there is none to show', () => {
    const label = layoutOwnLabel(100, 900, 30, 0);
    expect(label.hint).toBeNull();
    expect(label.reach.after).toBeLessThan(120);
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

describe('legend', () => {
  it('gives a wide scale a column at its right, clear of the track and the meanings', () => {
    for (const width of scaleWidths('wide')) {
      const scale = layoutScale(width, SCALE_ROW_HEIGHT);
      const box = scale.legend;
      expect(box).not.toBeNull();
      if (box === null) continue;
      expect(box.x).toBe(scale.contentWidth);
      expect(scale.span.right + MARKER_RADIUS_PX).toBeLessThan(box.x);
      expect(box.x + box.width).toBeLessThanOrEqual(width);
      expect(box.y + box.height).toBeLessThanOrEqual(SCALE_ROW_HEIGHT);
      expect(box.width).toBeGreaterThanOrEqual(170);
      // Ten people, one line each, in one column.
      expect(layoutLegend(10, box)).toMatchObject({ columns: 1, shown: 10 });
    }
    for (const width of scaleWidths('narrow')) {
      expect(layoutScale(width, SCALE_ROW_HEIGHT).legend).toBeNull();
    }
  });

  it('wraps to two columns, then leaves a "+N" line', () => {
    const box = { x: 0, y: 0, width: 200, height: LEGEND_LINE_PX * 10 };
    expect(layoutLegend(0, box)).toMatchObject({ rows: 10, columns: 1, shown: 0 });
    expect(layoutLegend(12, box)).toMatchObject({ columns: 2, shown: 12, columnWidth: 100 });
    expect(layoutLegend(25, box)).toMatchObject({ columns: 2, shown: 19 });
  });
});
