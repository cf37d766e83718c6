/** @module The scale journey chart's geometry: one path per participant, gaps where nobody rated, 10 on top. */
import { describe, expect, it } from 'vitest';
import {
  CHART_MARGIN,
  LINE_DASHES,
  layoutJourneyChart,
  lineStyle,
  MARKER_SHAPES,
  markerPath,
  PLOT_HEIGHT,
  wrapLabel,
  xOfStop,
  yOfValue,
} from '../../client/journey/chart-geometry';

const STOPS = ['Möte 1 — 3 mars', 'Möte 2 — 12 maj', 'Nu'];

/** The runs of a path: each `M` starts one, each `L` continues it. */
function runs(path: string): { x: number; y: number }[][] {
  return path
    .split('M')
    .filter((run) => run.trim() !== '')
    .map((run) =>
      run.split('L').map((point) => {
        const [x, y] = point.trim().split(' ').map(Number);
        return { x: x ?? Number.NaN, y: y ?? Number.NaN };
      }),
    );
}

describe('journey chart geometry', () => {
  it('draws one path per participant, in the order given', () => {
    const layout = layoutJourneyChart(STOPS, [
      { participant: 'anna', values: [2, 4, 6] },
      { participant: 'bo', values: [5, 5, 7] },
      { participant: 'cleo', values: [null, 3, 8] },
    ]);
    expect(layout.lines.map((line) => line.participant)).toEqual(['anna', 'bo', 'cleo']);
    for (const line of layout.lines) expect(runs(line.path)).toHaveLength(1);
    expect(runs(layout.lines[0]?.path ?? '')[0]).toHaveLength(3);
  });

  it('breaks a line where the person had no marker, and draws a lone marker as a point only', () => {
    const layout = layoutJourneyChart(
      ['1', '2', '3', '4', '5'],
      [{ participant: 'anna', values: [3, 4, null, 6, null] }],
    );
    const line = layout.lines[0];
    const pieces = runs(line?.path ?? '');
    // 3 → 4, a gap, then 6 alone: two runs, the second a single point (a marker, no segment).
    expect(pieces.map((piece) => piece.length)).toEqual([2, 1]);
    expect(line?.points.map((point) => point.stop)).toEqual([0, 1, 3]);
    expect(line?.points.map((point) => point.value)).toEqual([3, 4, 6]);
  });

  it('gives someone with no marker at any stop an empty path and no points', () => {
    const layout = layoutJourneyChart(STOPS, [{ participant: 'anna', values: [null, null, null] }]);
    expect(layout.lines[0]?.path).toBe('');
    expect(layout.lines[0]?.points).toEqual([]);
  });

  it('maps 10 to the top of the plot, 0 to the bottom and 5 to the middle', () => {
    expect(yOfValue(10)).toBe(CHART_MARGIN.top);
    expect(yOfValue(0)).toBe(CHART_MARGIN.top + PLOT_HEIGHT);
    expect(yOfValue(5)).toBe(CHART_MARGIN.top + PLOT_HEIGHT / 2);
    expect(yOfValue(7.5)).toBeLessThan(yOfValue(7));
    // Values outside the scale stay on the chart.
    expect(yOfValue(12)).toBe(yOfValue(10));
    expect(yOfValue(-1)).toBe(yOfValue(0));
    const layout = layoutJourneyChart(STOPS, []);
    expect(layout.ticks.map((tick) => tick.value)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(layout.ticks.at(-1)?.y).toBe(layout.plot.top);
    expect(layout.ticks[0]?.y).toBe(layout.plot.bottom);
  });

  it('puts the stops left to right, oldest first, and a higher value higher on the chart', () => {
    const layout = layoutJourneyChart(STOPS, [{ participant: 'anna', values: [2, 4, 9] }]);
    const xs = layout.stops.map((stop) => stop.x);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    expect(new Set(xs).size).toBe(3);
    const ys = layout.lines[0]?.points.map((point) => point.y) ?? [];
    expect(ys[0]).toBeGreaterThan(ys[1] ?? 0);
    expect(ys[1]).toBeGreaterThan(ys[2] ?? 0);
    // Every point stays inside the plot.
    for (const point of layout.lines[0]?.points ?? []) {
      expect(point.x).toBeGreaterThan(layout.plot.left);
      expect(point.x).toBeLessThan(layout.plot.right);
    }
  });

  it('keeps two people with the same values apart so neither hides the other', () => {
    const layout = layoutJourneyChart(STOPS, [
      { participant: 'anna', values: [5, 5, 5] },
      { participant: 'bo', values: [5, 5, 5] },
    ]);
    expect(layout.lines[0]?.path).not.toBe(layout.lines[1]?.path);
    expect(layout.lines[0]?.style).not.toEqual(layout.lines[1]?.style);
  });

  it('centres a single stop instead of pushing it against the axis', () => {
    const layout = layoutJourneyChart(['Nu'], [{ participant: 'anna', values: [4] }]);
    expect(xOfStop(0, 1)).toBeCloseTo((layout.plot.left + layout.plot.right) / 2, 0);
  });

  it('gives the first thirty lines thirty different marker-and-dash pairs', () => {
    const pairs = new Set<string>();
    for (let index = 0; index < 30; index++) {
      const style = lineStyle(index);
      expect(MARKER_SHAPES).toContain(style.marker);
      expect(LINE_DASHES).toContain(style.dash);
      pairs.add(`${style.marker}/${style.dash}`);
    }
    expect(pairs.size).toBe(30);
  });

  it('draws every marker shape as a closed path around its centre', () => {
    for (const shape of MARKER_SHAPES) {
      const path = markerPath(shape, 100, 50, 10);
      expect(path.startsWith('M')).toBe(true);
      expect(path.endsWith('Z')).toBe(true);
      const numbers = path.match(/-?\d+(\.\d+)?/g)?.map(Number) ?? [];
      expect(numbers.every((value) => Number.isFinite(value))).toBe(true);
    }
  });

  it('wraps version labels at spaces and never loses the start of a label', () => {
    expect(wrapLabel('Möte 2 — 12 maj', 15, 3)).toEqual(['Möte 2 — 12 maj']);
    expect(wrapLabel('Före återställning till «Möte 1»', 15, 3)).toEqual([
      'Före',
      'återställning',
      'till «Möte 1»',
    ]);
    const long = wrapLabel('ett två tre fyra fem sex sju åtta nio tio elva tolv', 8, 2);
    expect(long).toHaveLength(2);
    expect(long[0]).toBe('ett två');
    expect(long[1]?.endsWith('…')).toBe(true);
    expect(wrapLabel('Utvärderingsmötet', 8, 3)).toEqual(['Utvärder', 'ingsmöte', 't']);
  });
});
