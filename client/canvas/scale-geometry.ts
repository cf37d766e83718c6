/** @module Pure geometry of a 0–10 scale on the canvas: where values sit, how markers stack, initials. */
import { SCALE_MAX, SCALE_MIN, snapScaleValue } from '../../shared/scales';

/** A marker's radius in world px; the hit area around it is larger (see MARKER_HIT_STROKE_PX). */
export const MARKER_RADIUS_PX = 17;
/** Added around a marker for pointer hits: 2 × 17 + 14 = 48 px, above the 44 px touch minimum at zoom 1. */
export const MARKER_HIT_STROKE_PX = 14;
/** Markers whose centres are closer than this would cover each other's initials: they stack. */
export const MARKER_GAP_PX = MARKER_RADIUS_PX * 2 + 2;
/** Stacked markers closer than this would cover the initials of the one above. */
export const MARKER_LANE_MIN_STEP_PX = MARKER_RADIUS_PX + 7;

/** The horizontal span of the line from 0 to 10, in the scale's own (rect-local) coordinates. */
export interface TrackSpan {
  left: number;
  right: number;
}

/** Where the parts of a scale go inside its rect, all in rect-local coordinates. */
export interface ScaleLayout {
  span: TrackSpan;
  /** The y of the line; markers in lane 0 sit on it. */
  trackY: number;
  /** The highest a marker's centre may go, so stacked markers never cover the scale's label. */
  topMarkerY: number;
  labelY: number;
  numbersY: number;
  meaningsY: number;
  meaningsHeight: number;
  /** How wide the text under each end may be before it wraps. */
  meaningWidth: number;
}

const LABEL_HEIGHT_PX = 30;
/** Numbers and the two ends' meanings go under the line, clear of a marker sitting on it. */
const BELOW_TRACK_PX = 72;
const NUMBERS_HEIGHT_PX = 17;

/** Lays out a scale in a rect of the given size; the ends keep room for a marker's half. */
export function layoutScale(width: number, height: number): ScaleLayout {
  const padding = MARKER_RADIUS_PX + 14;
  const left = padding;
  const right = Math.max(left + 1, width - padding);
  const trackY = Math.max(LABEL_HEIGHT_PX + MARKER_RADIUS_PX, height - BELOW_TRACK_PX);
  // My own marker is drawn 2 px larger: the numbers start below it.
  const numbersY = trackY + MARKER_RADIUS_PX + 4;
  const meaningsY = numbersY + NUMBERS_HEIGHT_PX;
  return {
    span: { left, right },
    trackY,
    topMarkerY: Math.min(trackY, LABEL_HEIGHT_PX + MARKER_RADIUS_PX + 2),
    labelY: 6,
    numbersY,
    meaningsY,
    meaningsHeight: Math.max(14, height - meaningsY - 4),
    // Two ends share the width; the gap between them keeps "none" and "fully" apart.
    meaningWidth: Math.min(280, Math.max(90, (width - 2 * 12) * 0.48)),
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

/**
 * Gives each marker a lane (0 on the line, 1 above it, …) so that no two markers in a lane are
 * closer than `gap`. The same markers give the same lanes on every screen: they are taken in
 * order of x, then participant id. `pinned` (my own marker) always gets lane 0, so the marker
 * I am dragging never jumps up and down under my finger.
 */
export function stackMarkers(
  markers: readonly PlacedMarker[],
  gap: number,
  pinned?: string,
): Map<string, number> {
  const lanes = new Map<string, number>();
  const occupied = new Map<number, number[]>();
  const place = (marker: PlacedMarker, lane: number) => {
    lanes.set(marker.participant, lane);
    occupied.set(lane, [...(occupied.get(lane) ?? []), marker.x]);
  };
  const mine = markers.find((marker) => marker.participant === pinned);
  if (mine !== undefined) place(mine, 0);
  const others = markers
    .filter((marker) => marker !== mine)
    .sort((a, b) => a.x - b.x || compareIds(a.participant, b.participant));
  for (const marker of others) {
    let lane = 0;
    while ((occupied.get(lane) ?? []).some((x) => Math.abs(x - marker.x) < gap)) lane += 1;
    place(marker, lane);
  }
  return lanes;
}

/**
 * The y of a lane's centre. Lanes are a marker apart while they fit between the line and the
 * label; with more lanes they move closer, but never so close that a marker's initials are
 * covered (lower lanes are drawn over higher ones): many markers at one value rise over the label
 * rather than hide each other.
 */
export function laneY(lane: number, laneCount: number, layout: ScaleLayout): number {
  if (lane <= 0 || laneCount <= 1) return layout.trackY;
  const room = layout.trackY - layout.topMarkerY;
  const step = Math.max(MARKER_LANE_MIN_STEP_PX, Math.min(MARKER_GAP_PX, room / (laneCount - 1)));
  return layout.trackY - lane * step;
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
