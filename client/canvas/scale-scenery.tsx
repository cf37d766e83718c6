/** @module The still parts of a scale: its card, label, line, ticks, numbers and what 0 and 10 mean. */
import Konva from 'konva';
import { memo, useMemo } from 'react';
import { Rect as KonvaRect, Shape, Text } from 'react-konva';
import { SCALE_MAX, SCALE_MIN, SCALE_STEP } from '../../shared/scales';
import { type FontRange, layoutScale, MEANING_LINE_HEIGHT, valueToX } from './scale-geometry';
import { INK, INK_SOFT } from './theme';

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif';

interface Props {
  width: number;
  height: number;
  /** Room kept free at the label's right for the "+ me" chip. */
  reserveRight: number;
  label: string;
  low: string;
  high: string;
}

/** Redrawn only when the rect or the words change, never while markers move. */
export const ScaleScenery = memo(function ScaleScenery(props: Props) {
  const { width, height, reserveRight, label, low, high } = props;
  const layout = layoutScale(width, height);
  const labelWidth = Math.max(40, layout.contentWidth - 24 - reserveRight);
  const { labelFontPx, meaningFontPx, meaningWidth, meaningsHeight } = layout;
  // The label on one line, as large as it fits; a phone's narrow scale may need it smaller.
  const labelFontSize = useMemo(
    () => fittedLineSize(label, labelWidth, labelFontPx),
    [label, labelWidth, labelFontPx],
  );
  // One size for both ends, so that "none" and "fully" read as a pair.
  const meaningFontSize = useMemo(
    () =>
      Math.min(
        fittedFontSize(low, meaningWidth, meaningsHeight, meaningFontPx),
        fittedFontSize(high, meaningWidth, meaningsHeight, meaningFontPx),
      ),
    [low, high, meaningWidth, meaningsHeight, meaningFontPx],
  );
  const { span, trackY } = layout;
  // Ticks and numbers in one shape: 31 nodes fewer per scale, and none of them needs events.
  const drawTicks = (context: Konva.Context) => {
    context.beginPath();
    context.moveTo(span.left, trackY);
    context.lineTo(span.right, trackY);
    for (let value = SCALE_MIN; value <= SCALE_MAX; value += SCALE_STEP) {
      const x = valueToX(span, value);
      const half = Number.isInteger(value) ? 10 : 6;
      context.moveTo(x, trackY - half);
      context.lineTo(x, trackY + half);
    }
    context.setAttr('strokeStyle', INK_SOFT);
    context.setAttr('lineWidth', 2);
    context.setAttr('lineCap', 'round');
    context.stroke();
    context.setAttr('fillStyle', INK);
    context.setAttr('font', `600 ${layout.numbersFontPx}px ${FONT}`);
    context.setAttr('textAlign', 'center');
    context.setAttr('textBaseline', 'top');
    for (let value = SCALE_MIN; value <= SCALE_MAX; value += 1) {
      context.fillText(String(value), valueToX(span, value), layout.numbersY);
    }
  };
  const meaning = {
    y: layout.meaningsY,
    width: layout.meaningWidth,
    height: layout.meaningsHeight,
    fontSize: meaningFontSize,
    lineHeight: MEANING_LINE_HEIGHT,
    fontFamily: FONT,
    fill: INK_SOFT,
    wrap: 'word',
    ellipsis: true,
    listening: false,
    perfectDrawEnabled: false,
  } as const;
  return (
    <>
      <KonvaRect
        width={width}
        height={height}
        fill="#ffffff"
        stroke="#c9c7bf"
        strokeWidth={1.5}
        cornerRadius={8}
        listening={false}
        perfectDrawEnabled={false}
      />
      <Text
        text={label}
        x={12}
        y={layout.labelY}
        width={labelWidth}
        height={layout.labelHeight}
        verticalAlign="middle"
        fontSize={labelFontSize}
        fontStyle="bold"
        fontFamily={FONT}
        fill={INK}
        wrap="none"
        ellipsis
        listening={false}
        perfectDrawEnabled={false}
      />
      <Shape sceneFunc={drawTicks} listening={false} perfectDrawEnabled={false} />
      <Text {...meaning} text={low} x={12} align="left" />
      <Text
        {...meaning}
        text={high}
        x={layout.contentWidth - 12 - layout.meaningWidth}
        align="right"
      />
    </>
  );
});

/** The largest size at which the words fit the box, measured the way Konva will wrap them. */
function fittedFontSize(text: string, width: number, height: number, range: FontRange): number {
  const probe = new Konva.Text({
    text,
    width,
    fontFamily: FONT,
    lineHeight: MEANING_LINE_HEIGHT,
    wrap: 'word',
  });
  let size = range.largest;
  for (; size > range.smallest; size -= 1) {
    probe.fontSize(size);
    if (probe.height() <= height) break;
  }
  probe.destroy();
  return size;
}

/** The largest size at which the words fit on one line of this width. */
function fittedLineSize(text: string, width: number, range: FontRange): number {
  const probe = new Konva.Text({ text, fontFamily: FONT, fontStyle: 'bold', wrap: 'none' });
  let size = range.largest;
  for (; size > range.smallest; size -= 1) {
    probe.fontSize(size);
    if (probe.width() <= width) break;
  }
  probe.destroy();
  return size;
}
