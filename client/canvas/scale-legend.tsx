/** @module Who stands where, in words, at a wide scale's right: for a projector, which cannot hover. */
import { memo } from 'react';
import { Circle, Group, Text } from 'react-konva';
import { LEGEND_FONT_PX, LEGEND_LINE_PX, type LegendBox, layoutLegend } from './scale-geometry';
import { INK, INK_SOFT } from './theme';

export interface LegendEntry {
  participant: string;
  name: string;
  color: string;
  /** The value as the UI language writes it ("4,5"). */
  value: string;
  sortValue: number;
  mine: boolean;
}

const DOT_RADIUS_PX = 6;
const VALUE_WIDTH_PX = 34;

/** One line per marker, lowest value first (as on the line); never takes a pointer. */
export const ScaleLegend = memo(function ScaleLegend(props: {
  box: LegendBox;
  entries: readonly LegendEntry[];
}) {
  const { box } = props;
  const entries = [...props.entries].sort(
    (a, b) => a.sortValue - b.sortValue || a.name.localeCompare(b.name, 'sv'),
  );
  const grid = layoutLegend(entries.length, box);
  const more = entries.length - grid.shown;
  const at = (index: number) => ({
    x: box.x + Math.floor(index / grid.rows) * grid.columnWidth,
    y: box.y + (index % grid.rows) * LEGEND_LINE_PX,
  });
  const nameWidth = Math.max(20, grid.columnWidth - 2 * DOT_RADIUS_PX - 6 - VALUE_WIDTH_PX - 4);
  return (
    <Group listening={false}>
      {entries.slice(0, grid.shown).map((entry, index) => {
        const { x, y } = at(index);
        return (
          <Group key={entry.participant} x={x} y={y}>
            <Circle
              x={DOT_RADIUS_PX}
              y={LEGEND_LINE_PX / 2}
              radius={DOT_RADIUS_PX}
              fill={entry.color}
              stroke={entry.mine ? INK : undefined}
              strokeWidth={entry.mine ? 1.5 : 0}
              perfectDrawEnabled={false}
            />
            <Text
              text={entry.name}
              x={2 * DOT_RADIUS_PX + 6}
              width={nameWidth}
              height={LEGEND_LINE_PX}
              verticalAlign="middle"
              fontSize={LEGEND_FONT_PX}
              fontStyle={entry.mine ? 'bold' : 'normal'}
              fill={INK}
              wrap="none"
              ellipsis
              perfectDrawEnabled={false}
            />
            <Text
              text={entry.value}
              x={grid.columnWidth - VALUE_WIDTH_PX - 4}
              width={VALUE_WIDTH_PX}
              height={LEGEND_LINE_PX}
              align="right"
              verticalAlign="middle"
              fontSize={LEGEND_FONT_PX}
              fontStyle="bold"
              fill={INK}
              wrap="none"
              perfectDrawEnabled={false}
            />
          </Group>
        );
      })}
      {more > 0 && (
        <Text
          text={`+${more}`}
          {...at(grid.shown)}
          height={LEGEND_LINE_PX}
          verticalAlign="middle"
          fontSize={LEGEND_FONT_PX}
          fill={INK_SOFT}
          perfectDrawEnabled={false}
        />
      )}
    </Group>
  );
});
