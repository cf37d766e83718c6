/** @module "Place my marker": tap the scale where you stand, or drag the "+ me" chip onto it. */
import type Konva from 'konva';
import { useRef } from 'react';
import { Circle, Group, Rect as KonvaRect, Text } from 'react-konva';
import {
  inkOn,
  layoutScale,
  MARKER_HIT_STROKE_PX,
  MARKER_RADIUS_PX,
  xToValue,
} from './scale-geometry';
import { ACTION, INK } from './theme';

/** How much of the label's line the "+ me" chip takes at the scale's top right. */
export const PLACE_CHIP_ROOM_PX = MARKER_RADIUS_PX * 2 + 16;

interface Props {
  scaleId: string;
  width: number;
  height: number;
  color: string;
  initials: string;
  hint: string;
  onPlace(value: number): void;
}

export function PlaceMarker({ scaleId, width, height, color, initials, hint, onPlace }: Props) {
  const layout = layoutScale(width, height);
  const { span, trackY } = layout;
  const band = {
    x: span.left - MARKER_RADIUS_PX,
    y: trackY - MARKER_RADIUS_PX * 2,
    width: span.right - span.left + MARKER_RADIUS_PX * 2,
    // Down to just above the numbers, which stay readable through it.
    height: MARKER_RADIUS_PX * 3 + 4,
  };
  const home = { x: width - 12 - MARKER_RADIUS_PX, y: layout.labelY + MARKER_RADIUS_PX };
  const chipRef = useRef<Konva.Group>(null);

  const setCursor = (node: Konva.Node, cursor: string) => {
    const container = node.getStage()?.container();
    if (container) container.style.cursor = cursor;
  };

  const placeAtPointer = (event: Konva.KonvaEventObject<PointerEvent>) => {
    event.cancelBubble = true;
    const position = event.target.getParent()?.getRelativePointerPosition();
    if (position) onPlace(xToValue(span, position.x));
  };

  // The chip stays inside the scale's card; the stage may be zoomed, so bound it in local terms.
  const chipBound = (position: Konva.Vector2d): Konva.Vector2d => {
    const parent = chipRef.current?.getParent();
    if (!parent) return position;
    const toScreen = parent.getAbsoluteTransform().copy();
    const local = toScreen.copy().invert().point(position);
    return toScreen.point({
      x: Math.min(width, Math.max(0, local.x)),
      y: Math.min(height, Math.max(0, local.y)),
    });
  };

  const dropChip = (event: Konva.KonvaEventObject<DragEvent>) => {
    event.cancelBubble = true;
    const { x, y } = event.target.position();
    // Back home either way: once placed, the chip gives way to the marker itself.
    event.target.position(home);
    const nearTrack = Math.abs(y - trackY) <= MARKER_RADIUS_PX * 3;
    if (nearTrack && x >= band.x && x <= band.x + band.width) onPlace(xToValue(span, x));
  };

  return (
    <>
      <KonvaRect
        id={`place-${scaleId}`}
        {...band}
        fill="rgba(26, 79, 160, 0.06)"
        stroke={ACTION}
        strokeWidth={1}
        dash={[6, 4]}
        cornerRadius={MARKER_RADIUS_PX}
        hitStrokeWidth={0}
        perfectDrawEnabled={false}
        onPointerClick={placeAtPointer}
        onMouseEnter={(event) => setCursor(event.target, 'pointer')}
        onMouseLeave={(event) => setCursor(event.target, '')}
      />
      <Text
        text={hint}
        x={span.left}
        y={band.y + 4}
        width={span.right - span.left}
        align="center"
        fontSize={16}
        fontStyle="600"
        fill={ACTION}
        wrap="none"
        ellipsis
        listening={false}
        perfectDrawEnabled={false}
      />
      <Group
        ref={chipRef}
        id={`place-chip-${scaleId}`}
        {...home}
        draggable
        dragBoundFunc={chipBound}
        onDragStart={(event) => {
          event.cancelBubble = true;
        }}
        onDragMove={(event) => {
          event.cancelBubble = true;
        }}
        onDragEnd={dropChip}
        onMouseEnter={(event) => setCursor(event.target, 'grab')}
        onMouseLeave={(event) => setCursor(event.target, '')}
      >
        <Circle
          radius={MARKER_RADIUS_PX}
          fill={color}
          stroke={INK}
          strokeWidth={2}
          dash={[4, 3]}
          hitStrokeWidth={MARKER_HIT_STROKE_PX}
          perfectDrawEnabled={false}
        />
        <Text
          text={`+${initials}`}
          x={-MARKER_RADIUS_PX}
          y={-MARKER_RADIUS_PX}
          width={MARKER_RADIUS_PX * 2}
          height={MARKER_RADIUS_PX * 2}
          align="center"
          verticalAlign="middle"
          fontSize={14}
          fontStyle="bold"
          fill={inkOn(color)}
          listening={false}
          perfectDrawEnabled={false}
        />
      </Group>
    </>
  );
}
