/** @module One scale's journey as an SVG line chart, with a legend and a table of the same values for screen readers. */
import { type CSSProperties, useId, useLayoutEffect, useRef } from 'react';
import type { JourneyStop, ScaleJourney } from '../../shared/journey';
import type { Language } from '../../shared/language';
import { formatScaleValue, SCALE_MAX, SCALE_MIN } from '../../shared/scales';
import { type Messages, roleWord } from '../i18n';
import {
  LABEL_FONT_SIZE,
  LABEL_LINE_HEIGHT,
  LABEL_OFFSET,
  type LineStyle,
  layoutJourneyChart,
  markerPath,
} from './chart-geometry';
import './journey.css';

interface Props {
  scale: ScaleJourney;
  stops: JourneyStop[];
  /** A participant's line colour; lines stay apart by marker and dash without it. */
  colorOf: (participant: string, index: number) => string;
  messages: Messages;
  language: Language;
  /** Heading level of the scale's name inside the surrounding page. */
  headingLevel?: 3 | 4;
}

export function JourneyChart(props: Props) {
  const { scale, stops, colorOf, messages: m, language, headingLevel = 3 } = props;
  const titleId = useId();
  const labels = stops.map((stop) => stopLabel(stop, m));
  const layout = layoutJourneyChart(labels, scale.lines);
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  const who = (line: { name: string; role: string }) => personLabel(line, m);
  // A chart wider than a phone opens at its newest end: where the family stands now comes first.
  const plot = useRef<HTMLDivElement>(null);
  const width = layout.width;
  useLayoutEffect(() => {
    const element = plot.current;
    if (element !== null && width > 0) element.scrollLeft = element.scrollWidth;
  }, [width]);
  return (
    <figure className="journey-chart" aria-labelledby={titleId}>
      <Heading id={titleId} className="journey-chart-title">
        {scale.label}
      </Heading>
      <p className="journey-chart-end">
        <span className="journey-chart-end-value">{SCALE_MAX} =</span> {scale.high}
      </p>
      <div className="journey-chart-plot" ref={plot}>
        <svg
          viewBox={`0 0 ${layout.width} ${layout.height}`}
          role="img"
          aria-label={m.journeyChartLabel(scale.label)}
          // Narrow screens scroll the chart sideways rather than shrink its words below legibility.
          style={
            {
              // Label text (13 units) at the page's own size; never below three quarters of it.
              '--journey-width': `${round2(layout.width / LABEL_FONT_SIZE)}em`,
              '--journey-min-width': `${round2((layout.width / LABEL_FONT_SIZE) * 0.75)}em`,
            } as CSSProperties
          }
        >
          <g className="journey-chart-grid">
            {layout.ticks.map((tick) => (
              <g key={tick.value}>
                <line
                  x1={layout.plot.left}
                  x2={layout.plot.right}
                  y1={tick.y}
                  y2={tick.y}
                  stroke={tick.value % 5 === 0 ? '#8a8893' : '#dad8d0'}
                  strokeWidth={tick.value % 5 === 0 ? 1.2 : 0.8}
                />
                <text
                  x={layout.plot.left - 8}
                  y={tick.y + 4}
                  textAnchor="end"
                  fontSize={12}
                  fill="#1b1b1f"
                >
                  {tick.value}
                </text>
                <text
                  x={layout.plot.right + 8}
                  y={tick.y + 4}
                  textAnchor="start"
                  fontSize={12}
                  fill="#1b1b1f"
                >
                  {tick.value}
                </text>
              </g>
            ))}
            {layout.stops.map((stop, index) => (
              <g key={stop.x}>
                <line
                  x1={stop.x}
                  x2={stop.x}
                  y1={layout.plot.top}
                  y2={layout.plot.bottom}
                  stroke="#dad8d0"
                  strokeWidth={0.8}
                />
                <text
                  x={stop.x}
                  y={layout.plot.bottom + LABEL_OFFSET}
                  textAnchor="middle"
                  fontSize={LABEL_FONT_SIZE}
                  fill="#1b1b1f"
                  fontWeight={stops[index]?.current ? 700 : 400}
                >
                  <title>{labels[index]}</title>
                  {stop.lines.map((line, lineIndex) => (
                    <tspan
                      // biome-ignore lint/suspicious/noArrayIndexKey: lines of one label, never reordered
                      key={lineIndex}
                      x={stop.x}
                      dy={lineIndex === 0 ? 0 : LABEL_LINE_HEIGHT}
                    >
                      {line}
                    </tspan>
                  ))}
                </text>
              </g>
            ))}
          </g>
          {layout.lines.map((line, index) => {
            const color = colorOf(line.participant, index);
            return (
              <g key={line.participant} data-journey-participant={line.participant}>
                <path
                  data-journey-line={line.participant}
                  d={line.path}
                  fill="none"
                  stroke={color}
                  strokeWidth={2.5}
                  strokeDasharray={line.style.dash === '' ? undefined : line.style.dash}
                  strokeLinejoin="round"
                  strokeLinecap="round"
                />
                {line.points.map((point) => (
                  <path
                    key={point.stop}
                    data-journey-marker={line.participant}
                    d={markerPath(line.style.marker, point.x, point.y, 11)}
                    fill={color}
                    stroke="#ffffff"
                    strokeWidth={1.5}
                  />
                ))}
              </g>
            );
          })}
        </svg>
      </div>
      <p className="journey-chart-end">
        <span className="journey-chart-end-value">{SCALE_MIN} =</span> {scale.low}
      </p>
      <ul className="journey-legend" aria-label={m.journeyLegend}>
        {scale.lines.map((line, index) => (
          <li key={line.participant}>
            <LegendSample
              style={layout.lines[index]?.style}
              color={colorOf(line.participant, index)}
            />
            <span>{who(line)}</span>
          </li>
        ))}
      </ul>
      {/* A table is never narrower than its text, so the clipping box goes around it. */}
      <div className="visually-hidden">
        <table>
          <caption>{m.journeyTableCaption(scale.label)}</caption>
          <thead>
            <tr>
              <th scope="col">{m.journeyWho}</th>
              {labels.map((label, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: two versions may share a label
                <th key={index} scope="col">
                  {label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {scale.lines.map((line) => (
              <tr key={line.participant}>
                <th scope="row">{who(line)}</th>
                {line.values.map((value, index) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: one cell per stop, in stop order
                  <td key={index}>
                    {value === null ? m.journeyNoMarker : formatScaleValue(value, language)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

function LegendSample({ style, color }: { style: LineStyle | undefined; color: string }) {
  if (style === undefined) return null;
  return (
    <svg className="journey-legend-sample" viewBox="0 0 40 16" aria-hidden="true">
      <line
        x1={2}
        x2={38}
        y1={8}
        y2={8}
        stroke={color}
        strokeWidth={2.5}
        strokeDasharray={style.dash === '' ? undefined : style.dash}
      />
      <path d={markerPath(style.marker, 20, 8, 10)} fill={color} stroke="#ffffff" strokeWidth={1} />
    </svg>
  );
}

/** The x-axis word for a stop: the version's own label, or "Now" for the board as it is. */
export function stopLabel(stop: JourneyStop, m: Messages): string {
  return stop.current ? m.journeyNow : stop.label;
}

/** "Name (role)", the name as given; a role this client knows in the reader's words. */
function personLabel(line: { name: string; role: string }, m: Messages): string {
  const name = line.name === '' ? m.journeyUnknownPerson : line.name;
  const role = roleWord(line.role, m);
  return role === '' ? name : `${name} (${role})`;
}
