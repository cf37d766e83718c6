/** @module Pure geometry of a 0–10 scale on the canvas: where values sit, how markers stack, initials. */
import { SCALE_MAX, SCALE_MIN, snapScaleValue } from '../../shared/scales';

/** A marker's radius in world px; the hit area around it is larger (see MARKER_HIT_STROKE_PX). */
export const MARKER_RADIUS_PX = 22;
/** My own marker is drawn this much larger, with a dark ring. */
export const OWN_MARKER_GROWTH_PX = 2;
/** Added around a marker for pointer hits: 2 × 22 + 8 = 52 px, above the 44 px touch minimum at zoom 1. */
export const MARKER_HIT_STROKE_PX = 8;
/** Markers whose centres are closer than this would cover each other's initials: they stack. */
export const MARKER_GAP_PX = MARKER_RADIUS_PX * 2 + 2;
/** Stacked markers closer than this would cover the initials of the one above. */
export const MARKER_LANE_MIN_STEP_PX = MARKER_RADIUS_PX + 9;
/** Initials inside a marker, and the name over it, in world px. */
export const MARKER_INITIALS_FONT_PX = 17;
export const MARKER_NAME_FONT_PX = 16;

/** The horizontal span of the line from 0 to 10, in the scale's own (rect-local) coordinates. */
export interface TrackSpan {
  left: number;
  right: number;
}

/** A text's size in world px: as large as the room allows, never below the smallest. */
export interface FontRange {
  largest: number;
  smallest: number;
}

/** Where the parts of a scale go inside its rect, all in rect-local coordinates. */
export interface ScaleLayout {
  span: TrackSpan;
  /** The width the label, track and meanings share; the legend (if any) takes the rest. */
  contentWidth: number;
  /** Who stands where, in words: a column at the right of a wide scale; null on a narrow one. */
  legend: LegendBox | null;
  /** The y of the line; markers in lane 0 sit on it. */
  trackY: number;
  /** The highest a marker's centre may go, so stacked markers never cover the scale's label. */
  topMarkerY: number;
  labelY: number;
  labelHeight: number;
  labelFontPx: FontRange;
  numbersY: number;
  numbersFontPx: number;
  meaningsY: number;
  meaningsHeight: number;
  /** How wide the text under each end may be before it wraps. */
  meaningWidth: number;
  meaningFontPx: FontRange;
}

/** The legend's box in rect-local coordinates. */
export interface LegendBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Legend text and line height, in world px (≥ 12 px on the projector at ~0.76; ten lines on a wide scale). */
export const LEGEND_FONT_PX = 16;
export const LEGEND_LINE_PX = 18;

/** Lines of the two ends' meanings; 1.15 as Konva draws them. */
export const MEANING_LINE_HEIGHT = 1.15;

/**
 * Text sizes per board width. The projector shows the wide board fitted at about 0.76, so the
 * wide sizes stay 12–21 px on its screen, and two stacked markers still fit under the label. A phone shows the narrow board at about 1.08; there a
 * long label shrinks to fit its one line, and a long Swedish "0 means" takes four lines of 14 px.
 */
const SCALE_TEXT = {
  wide: {
    label: { largest: 28, smallest: 24 },
    numbers: 20,
    meaning: { largest: 18, smallest: 16 },
    meaningsHeight: 42,
  },
  narrow: {
    label: { largest: 24, smallest: 18 },
    numbers: 18,
    meaning: { largest: 16, smallest: 14 },
    meaningsHeight: 65,
  },
} as const;
/** The wide board's scales are ~900–1850 px wide (one or two to a row), the narrow board's ~345. */
const WIDE_SCALE_FROM_PX = 600;
const LABEL_Y_PX = 8;
const EDGE_PX = 12;

/** Lays out a scale in a rect of the given size; the ends keep room for a marker's half. */
export function layoutScale(width: number, height: number): ScaleLayout {
  const wide = width >= WIDE_SCALE_FROM_PX;
  const text = wide ? SCALE_TEXT.wide : SCALE_TEXT.narrow;
  // A wide scale keeps a column at its right for the legend: the projector cannot hover.
  const legendWidth = wide ? Math.round(Math.min(260, Math.max(180, width * 0.22))) : 0;
  const contentWidth = width - legendWidth;
  const padding = MARKER_RADIUS_PX + 14;
  const left = padding;
  const right = Math.max(left + 1, contentWidth - padding);
  const labelHeight = Math.ceil(text.label.largest * 1.2);
  const labelBottom = LABEL_Y_PX + labelHeight;
  const numbersHeight = Math.ceil(text.numbers * 1.25);
  // Under the line: my own (larger) marker, the numbers, then what the two ends mean.
  const belowTrack =
    MARKER_RADIUS_PX + OWN_MARKER_GROWTH_PX + 4 + numbersHeight + 2 + text.meaningsHeight + 4;
  const trackY = Math.max(labelBottom + MARKER_RADIUS_PX, height - belowTrack);
  const numbersY = trackY + MARKER_RADIUS_PX + OWN_MARKER_GROWTH_PX + 4;
  const meaningsY = numbersY + numbersHeight + 2;
  return {
    span: { left, right },
    contentWidth,
    legend: wide
      ? {
          x: contentWidth,
          y: LABEL_Y_PX,
          width: legendWidth - EDGE_PX,
          height: height - 2 * LABEL_Y_PX,
        }
      : null,
    trackY,
    topMarkerY: Math.min(trackY, labelBottom + MARKER_RADIUS_PX + 2),
    labelY: LABEL_Y_PX,
    labelHeight,
    labelFontPx: text.label,
    numbersY,
    numbersFontPx: text.numbers,
    meaningsY,
    meaningsHeight: Math.max(14, height - meaningsY - 4),
    // Two ends share the width; the gap between them keeps "none" and "fully" apart.
    meaningWidth: Math.min(600, Math.max(90, (contentWidth - 2 * EDGE_PX) * 0.48)),
    meaningFontPx: text.meaning,
  };
}

/** The x of a value on the track; values outside 0–10 are held at the ends. */
export function valueToX(span: TrackSpan, value: number): number {
  const clamped = Math.min(SCALE_MAX, Math.max(SCALE_MIN, Number.isFinite(value) ? value : 0));
  return span.left + ((clamped - SCALE_MIN) / (SCALE_MAX - SCALE_MIN)) * (span.right - span.left);
}

/** The allowed value (0–10 in steps of 0.5) nearest to an x on the track. */
export function xToValue(span: TrackSpan, x: number): number {
  const width = span.right - span.left;
  if (!(width > 0)) return SCALE_MIN;
  return snapScaleValue(SCALE_MIN + ((x - span.left) / width) * (SCALE_MAX - SCALE_MIN));
}

export function clampToSpan(span: TrackSpan, x: number): number {
  return Math.min(span.right, Math.max(span.left, x));
}

export interface PlacedMarker {
  participant: string;
  x: number;
}

/** How far the pinned marker keeps lane 0 free on each side of its centre. */
export interface Reach {
  before: number;
  after: number;
}

/**
 * Gives each marker a lane (0 on the line, 1 above it, …) so that no two markers in a lane are
 * closer than `gap`. The same markers give the same lanes on every screen: they are taken in
 * order of x, then participant id. `pinned` (my own marker) always gets lane 0, so the marker
 * I am dragging never jumps up and down under my finger; `pinnedReach` keeps more of lane 0
 * free beside it, for the value and hint drawn there.
 */
export function stackMarkers(
  markers: readonly PlacedMarker[],
  gap: number,
  pinned?: string,
  pinnedReach: Reach = { before: gap, after: gap },
): Map<string, number> {
  const lanes = new Map<string, number>();
  const occupied = new Map<number, number[]>();
  const mine = markers.find((marker) => marker.participant === pinned);
  if (mine !== undefined) lanes.set(mine.participant, 0);
  const before = Math.max(gap, pinnedReach.before);
  const after = Math.max(gap, pinnedReach.after);
  const taken = (lane: number, x: number) =>
    (occupied.get(lane) ?? []).some((other) => Math.abs(other - x) < gap) ||
    (lane === 0 && mine !== undefined && x > mine.x - before && x < mine.x + after);
  const others = markers
    .filter((marker) => marker !== mine)
    .sort((a, b) => a.x - b.x || compareIds(a.participant, b.participant));
  for (const marker of others) {
    let lane = 0;
    while (taken(lane, marker.x)) lane += 1;
    lanes.set(marker.participant, lane);
    occupied.set(lane, [...(occupied.get(lane) ?? []), marker.x]);
  }
  return lanes;
}

/** Where my marker's value and "tap to say why" go beside it, in the marker's own coordinates. */
export interface OwnLabelLayout {
  side: 'before' | 'after';
  value: { x: number; width: number };
  /** Null when there is no hint to show; `lines` is how many lines it wraps to, about. */
  hint: { x: number; width: number; lines: number } | null;
  /** Lane 0 kept free on each side of my marker (see stackMarkers). */
  reach: Reach;
}

const OWN_LABEL_GAP_PX = 6;
const VALUE_PADDING_PX = 8;
/** Narrower than this, the hint would break into three lines or more. */
const HINT_MIN_WIDTH_PX = 84;

/**
 * Puts my value (and the hint, when it shows) beside my marker: on the side where they lift the
 * fewest other markers off the line, and where there is room for them; the hint wraps to fit.
 * `valueWidth` and `hintWidth` are the texts' one-line widths (0: no hint); `others` are the
 * other markers' x.
 */
export function layoutOwnLabel(
  x: number,
  rectWidth: number,
  valueWidth: number,
  hintWidth: number,
  others: readonly number[] = [],
  gap = MARKER_GAP_PX,
): OwnLabelLayout {
  const start = MARKER_RADIUS_PX + OWN_MARKER_GROWTH_PX + OWN_LABEL_GAP_PX;
  const pill = valueWidth + 2 * VALUE_PADDING_PX;
  const fixed = start + pill;
  const extentIn = (room: number) => {
    const hint =
      hintWidth > 0
        ? Math.min(hintWidth, Math.max(HINT_MIN_WIDTH_PX, room - fixed - OWN_LABEL_GAP_PX))
        : 0;
    return { hint, reach: fixed + (hint > 0 ? OWN_LABEL_GAP_PX + hint : 0) + gap / 2 };
  };
  const sides = (['after', 'before'] as const).map((side) => {
    const room = side === 'after' ? rectWidth - EDGE_PX / 2 - x : x - EDGE_PX / 2;
    const extent = extentIn(room);
    const lifted = others.filter((other) =>
      side === 'after'
        ? other > x - gap && other < x + extent.reach
        : other < x + gap && other > x - extent.reach,
    ).length;
    const fits = room >= extent.reach - gap / 2;
    return { side, room, lifted, fits, ...extent };
  });
  const [after, before] = sides as [(typeof sides)[number], (typeof sides)[number]];
  const better = (a: typeof after, b: typeof after) =>
    a.fits !== b.fits ? a.fits : a.lifted !== b.lifted ? a.lifted < b.lifted : a.room >= b.room;
  const chosen = better(after, before) ? after : before;
  const place = (offset: number, width: number) =>
    chosen.side === 'after' ? { x: offset, width } : { x: -offset - width, width };
  return {
    side: chosen.side,
    value: place(start, pill),
    hint:
      chosen.hint > 0
        ? {
            ...place(fixed + OWN_LABEL_GAP_PX, chosen.hint),
            lines: Math.ceil(hintWidth / chosen.hint),
          }
        : null,
    reach:
      chosen.side === 'after'
        ? { before: gap, after: chosen.reach }
        : { before: chosen.reach, after: gap },
  };
}

/**
 * The y of a lane's centre. Lanes are a marker apart while they fit between the line and the
 * label; with more lanes they move closer and overlap, but never rise over the label: the title
 * stays readable, and the legend (or a tap) says who is who.
 */
export function laneY(lane: number, laneCount: number, layout: ScaleLayout): number {
  if (lane <= 0 || laneCount <= 1) return layout.trackY;
  const room = Math.max(0, layout.trackY - layout.topMarkerY);
  const step = Math.min(MARKER_GAP_PX, room / (laneCount - 1));
  return layout.trackY - Math.min(lane, laneCount - 1) * step;
}

/**
 * The y of a marker's name, relative to the marker's centre at `markerY`: above the marker, but
 * never over the label; null when even the lowest allowed spot would cover most of the marker.
 */
export function nameOffsetY(markerY: number, radius: number, layout: ScaleLayout): number | null {
  const above = -radius - MARKER_NAME_FONT_PX - 4;
  const lowest = layout.labelY + layout.labelHeight + 1 - markerY;
  const offset = Math.max(above, lowest);
  return offset > -MARKER_NAME_FONT_PX / 2 ? null : offset;
}

/** Rows and columns of a legend of `count` entries in `box`; `shown` < count leaves a "+N". */
export interface LegendGrid {
  rows: number;
  columns: number;
  columnWidth: number;
  shown: number;
}

export function layoutLegend(
  count: number,
  box: LegendBox,
  lineHeight = LEGEND_LINE_PX,
): LegendGrid {
  const rows = Math.max(1, Math.floor(box.height / lineHeight));
  const columns = count > rows ? 2 : 1;
  const capacity = rows * columns;
  // When not everyone fits, the last line says how many more there are.
  const shown = count <= capacity ? count : capacity - 1;
  return { rows, columns, columnWidth: box.width / columns, shown };
}

/** True when every marker has room for its name beside its neighbours, so names can always show. */
export function namesFit(xs: readonly number[], nameWidth: number, most = 5): boolean {
  if (xs.length > most) return false;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted.every((x, index) => index === 0 || x - (sorted[index - 1] ?? x) >= nameWidth);
}

/**
 * One or two letters for a marker: first and last name's initials ("Åsa Öberg" → "ÅÖ"), the
 * first letter for one name, "?" when there is no name. Letters, not code units, so that names
 * with combining accents or letters outside the BMP come out whole.
 */
export function initials(name: string): string {
  const words = name
    .normalize('NFC')
    .split(/[\s\-‐–]+/u)
    .map((word) => word.replace(/^[^\p{L}\p{N}]+/u, ''))
    .filter((word) => word !== '');
  const first = words[0];
  if (first === undefined) return '?';
  const last = words.length > 1 ? words[words.length - 1] : undefined;
  return [first, last]
    .filter((word) => word !== undefined)
    .map((word) => firstLetter(word).toLocaleUpperCase('sv'))
    .join('');
}

function firstLetter(word: string): string {
  // A letter with its combining marks ("e\u0301"), or a surrogate pair, counts as one.
  const match = /^\P{M}\p{M}*/u.exec(word);
  return match?.[0] ?? word.slice(0, 1);
}

/** Dark or light ink, whichever reads better on a marker of the given #rrggbb colour. */
export function inkOn(color: string): string {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
  if (match === null) return '#ffffff';
  const [r, g, b] = match.slice(1).map((hex) => {
    const channel = Number.parseInt(hex, 16) / 255;
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  // The crossover where black and white text have equal contrast (WCAG relative luminance).
  return luminance > 0.179 ? '#1b1b1f' : '#ffffff';
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
