/** @module Pure geometry of a scale journey chart: stops on x, 0–10 on y, one path per participant. */
import { SCALE_MAX, SCALE_MIN } from '../../shared/scales';

/** The chart's box in SVG user units; below the plot go the stops' labels (see `labelsHeight`). */
// The values are written on both sides: a chart wider than a phone scrolls, and either end shows them.
export const CHART_MARGIN = { left: 34, right: 34, top: 14 } as const;
/** From the plot's bottom edge to the first label line's baseline. */
export const LABEL_OFFSET = 18;
export const PLOT_HEIGHT = 200;
/** Room per stop on x: enough for a version label of about 17 characters per line. */
export const STOP_WIDTH = 140;
export const LABEL_FONT_SIZE = 13;
export const LABEL_LINE_HEIGHT = 15;
export const LABEL_MAX_LINES = 3;
/** An average character of the 13-unit label font, to wrap labels without measuring text. */
const LABEL_CHAR_WIDTH = 7.5;
/** Lines that share a value would hide each other: each is nudged this far apart on x. */
const OVERLAP_SPREAD = 4;

export type MarkerShape = 'circle' | 'square' | 'triangle' | 'diamond' | 'triangle-down' | 'cross';

/** Shapes and dashes so that no line depends on its colour (colour-blind and black-and-white safe). */
export const MARKER_SHAPES: readonly MarkerShape[] = [
  'circle',
  'square',
  'triangle',
  'diamond',
  'triangle-down',
  'cross',
];
/** `stroke-dasharray` values; '' is a solid line. Five against six shapes: 30 distinct pairs. */
export const LINE_DASHES: readonly string[] = ['', '8 5', '2 4', '12 4 2 4', '4 3'];

export interface LineStyle {
  marker: MarkerShape;
  dash: string;
}

/** The n-th line's marker and dash: every pair differs from the previous 29 lines' pairs. */
export function lineStyle(index: number): LineStyle {
  return {
    marker: MARKER_SHAPES[index % MARKER_SHAPES.length] ?? 'circle',
    dash: LINE_DASHES[index % LINE_DASHES.length] ?? '',
  };
}

export interface ChartPoint {
  /** The index of the stop (version) this point belongs to. */
  stop: number;
  value: number;
  x: number;
  y: number;
}

export interface PlottedLine {
  participant: string;
  /** SVG path data: one `M … L …` run per stretch of consecutive ratings; a null breaks the line. */
  path: string;
  points: ChartPoint[];
  style: LineStyle;
}

export interface ChartTick {
  value: number;
  y: number;
}

export interface StopLabel {
  x: number;
  lines: string[];
}

export interface ChartLayout {
  width: number;
  height: number;
  plot: { left: number; right: number; top: number; bottom: number };
  ticks: ChartTick[];
  stops: StopLabel[];
  lines: PlottedLine[];
}

/** What the geometry needs of a line: whose it is and their value at each stop (null = none). */
export interface LineValues {
  participant: string;
  values: readonly (number | null)[];
}

export function chartWidth(stopCount: number): number {
  return CHART_MARGIN.left + CHART_MARGIN.right + Math.max(stopCount, 2) * STOP_WIDTH;
}

/** y of a scale value: 10 at the top of the plot, 0 at its bottom; out-of-range values are clamped. */
export function yOfValue(value: number): number {
  const clamped = Math.min(SCALE_MAX, Math.max(SCALE_MIN, value));
  const share = (clamped - SCALE_MIN) / (SCALE_MAX - SCALE_MIN);
  return round(CHART_MARGIN.top + PLOT_HEIGHT * (1 - share));
}

/** x of a stop's centre; with one stop it sits in the middle of a two-stop-wide chart. */
export function xOfStop(stop: number, stopCount: number): number {
  const columns = Math.max(stopCount, 2);
  const offset = stopCount === 1 ? (columns - 1) / 2 : 0;
  return round(CHART_MARGIN.left + STOP_WIDTH * (stop + offset + 0.5));
}

export function layoutJourneyChart(
  stopLabels: readonly string[],
  lines: readonly LineValues[],
): ChartLayout {
  const stopCount = stopLabels.length;
  const width = chartWidth(stopCount);
  const plotBottom = CHART_MARGIN.top + PLOT_HEIGHT;
  const maxChars = Math.floor((STOP_WIDTH - 12) / LABEL_CHAR_WIDTH);
  const stops = stopLabels.map((label, stop) => ({
    x: xOfStop(stop, stopCount),
    lines: wrapLabel(label, maxChars, LABEL_MAX_LINES),
  }));
  const labelLines = Math.max(1, ...stops.map((stop) => stop.lines.length));
  const ticks: ChartTick[] = [];
  for (let value = SCALE_MIN; value <= SCALE_MAX; value += 1) {
    ticks.push({ value, y: yOfValue(value) });
  }
  return {
    width,
    height: plotBottom + LABEL_OFFSET + (labelLines - 1) * LABEL_LINE_HEIGHT + 8,
    plot: {
      left: CHART_MARGIN.left,
      right: width - CHART_MARGIN.right,
      top: CHART_MARGIN.top,
      bottom: plotBottom,
    },
    ticks,
    stops,
    lines: lines.map((line, index) => plotLine(line, index, lines.length, stopCount)),
  };
}

function plotLine(line: LineValues, index: number, lineCount: number, stopCount: number) {
  const nudge = (index - (lineCount - 1) / 2) * (lineCount > 1 ? OVERLAP_SPREAD : 0);
  const spread = Math.min(Math.abs(nudge), STOP_WIDTH / 4) * Math.sign(nudge);
  const points: ChartPoint[] = [];
  const commands: string[] = [];
  let previous: number | null = null;
  line.values.forEach((value, stop) => {
    if (value === null || !Number.isFinite(value)) {
      previous = null;
      return;
    }
    const point = { stop, value, x: round(xOfStop(stop, stopCount) + spread), y: yOfValue(value) };
    commands.push(`${previous === null ? 'M' : 'L'}${point.x} ${point.y}`);
    points.push(point);
    previous = value;
  });
  return {
    participant: line.participant,
    path: commands.join(' '),
    points,
    style: lineStyle(index),
  };
}

/** SVG path data of a marker centred on (x, y); `size` is about its width. */
export function markerPath(shape: MarkerShape, x: number, y: number, size = 10): string {
  const r = size / 2;
  const p = (dx: number, dy: number) => `${round(x + dx)} ${round(y + dy)}`;
  switch (shape) {
    case 'circle':
      return `M${p(-r, 0)} A${r} ${r} 0 1 0 ${p(r, 0)} A${r} ${r} 0 1 0 ${p(-r, 0)} Z`;
    case 'square':
      return `M${p(-r * 0.9, -r * 0.9)} L${p(r * 0.9, -r * 0.9)} L${p(r * 0.9, r * 0.9)} L${p(-r * 0.9, r * 0.9)} Z`;
    case 'triangle':
      return `M${p(0, -r * 1.1)} L${p(r * 1.1, r * 0.9)} L${p(-r * 1.1, r * 0.9)} Z`;
    case 'triangle-down':
      return `M${p(0, r * 1.1)} L${p(r * 1.1, -r * 0.9)} L${p(-r * 1.1, -r * 0.9)} Z`;
    case 'diamond':
      return `M${p(0, -r * 1.2)} L${p(r * 1.2, 0)} L${p(0, r * 1.2)} L${p(-r * 1.2, 0)} Z`;
    case 'cross': {
      const t = r * 0.4;
      return (
        `M${p(-t, -r)} L${p(t, -r)} L${p(t, -t)} L${p(r, -t)} L${p(r, t)} L${p(t, t)} ` +
        `L${p(t, r)} L${p(-t, r)} L${p(-t, t)} L${p(-r, t)} L${p(-r, -t)} L${p(-t, -t)} Z`
      );
    }
  }
}

/**
 * A label broken into at most `maxLines` lines of about `maxChars` characters, at spaces where
 * possible; what does not fit ends in "…" (the full label is in the chart's title and table).
 */
export function wrapLabel(label: string, maxChars: number, maxLines: number): string[] {
  const words = label.split(/\s+/).filter((word) => word !== '');
  const lines: string[] = [];
  let current = '';
  for (const word of words) {
    let rest = word;
    while (rest.length > maxChars) {
      if (current !== '') {
        lines.push(current);
        current = '';
      }
      lines.push(rest.slice(0, maxChars));
      rest = rest.slice(maxChars);
    }
    if (rest === '') continue;
    if (current === '') current = rest;
    else if (current.length + 1 + rest.length <= maxChars) current = `${current} ${rest}`;
    else {
      lines.push(current);
      current = rest;
    }
  }
  if (current !== '') lines.push(current);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  const last = kept[maxLines - 1] ?? '';
  kept[maxLines - 1] = `${last.slice(0, Math.max(0, maxChars - 1))}…`;
  return kept;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
