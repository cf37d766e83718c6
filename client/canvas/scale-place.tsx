/**
 * @module "Place my marker": tap the scale where you stand (or tap the "+ me" chip), see a ghost
 * there, and tap the ghost or "Place here?" to place it; or drag the chip onto the scale. Nobody
 * else sees anything until it is placed, so a stray tap never shows a value to the room.
 */
import type Konva from 'konva';
import { useEffect, useRef } from 'react';
import { Circle, Group, Rect as KonvaRect, Text } from 'react-konva';
import {
  inkOn,
  layoutScale,
  MARKER_GAP_PX,
  MARKER_HIT_STROKE_PX,
  MARKER_RADIUS_PX,
  valueToX,
  xToValue,
} from './scale-geometry';
import { ACTION, INK } from './theme';

/** How much of the label's line the "+ me" chip takes at the scale's top right. */
export const PLACE_CHIP_ROOM_PX = MARKER_RADIUS_PX * 2 + 16;
/** The "Tap the scale where you stand" prompt's size, for keeping names off it. */
export const PLACE_PROMPT_FONT_PX = 16;
/** Where the chip puts the ghost when tapped: the middle of the scale. */
const CHIP_TAP_VALUE = 5;
/** An unconfirmed ghost goes away after this long, so it is not mistaken for a placed marker. */
const GHOST_TIMEOUT_MS = 12_000;

/** The prompt's y, and the band's, in rect-local coordinates. */
export function placeBand(width: number, height: number) {
  const { span, trackY } = layoutScale(width, height);
  return {
    x: span.left - MARKER_RADIUS_PX,
    y: trackY - MARKER_RADIUS_PX * 2,
    width: span.right - span.left + MARKER_RADIUS_PX * 2,
    // Down to just above the numbers, which stay readable through it.
    height: MARKER_RADIUS_PX * 3 + 4,
  };
}

interface Props {
  scaleId: string;
  width: number;
  height: number;
  color: string;
  initials: string;
  hint: string;
  /** A tap: show the ghost at this value, to be confirmed. */
  onPick(value: number): void;
  /** A deliberate drop of the chip on the scale: placed at once. */
  onPlace(value: number): void;
}

export function PlaceMarker(props: Props) {
  const { scaleId, width, height, color, initials, hint, onPick, onPlace } = props;
  const layout = layoutScale(width, height);
  const { span, trackY } = layout;
  const band = placeBand(width, height);
  const home = {
    x: layout.contentWidth - 12 - MARKER_RADIUS_PX,
    y: layout.labelY + MARKER_RADIUS_PX,
  };
  const chipRef = useRef<Konva.Group>(null);

  const setCursor = (node: Konva.Node, cursor: string) => {
    const container = node.getStage()?.container();
    if (container) container.style.cursor = cursor;
  };

  const placeAtPointer = (event: Konva.KonvaEventObject<PointerEvent>) => {
    event.cancelBubble = true;
    const position = event.target.getParent()?.getRelativePointerPosition();
    if (position) onPick(xToValue(span, position.x));
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
        fontSize={PLACE_PROMPT_FONT_PX}
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
        onPointerClick={(event) => {
          // It looks like a button, so a tap works like one: the ghost, at the middle.
          event.cancelBubble = true;
          onPick(CHIP_TAP_VALUE);
        }}
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

const CONFIRM_HEIGHT_PX = 32;
const CONFIRM_FONT_PX = 16;
const CONFIRM_PADDING_PX = 12;

interface GhostProps {
  scaleId: string;
  width: number;
  height: number;
  color: string;
  initials: string;
  value: number;
  /** "Place here?", and how wide it draws. */
  confirm: string;
  confirmWidth: number;
  onPlace(value: number): void;
  onDismiss(): void;
}

/** My marker-to-be: dashed, see-through, with "Place here?" beside it; a tap on either places it. */
export function PlaceGhost(props: GhostProps) {
  const { scaleId, width, height, color, value, onPlace, onDismiss } = props;
  const layout = layoutScale(width, height);
  const x = valueToX(layout.span, value);
  const y = layout.trackY;
  const pillWidth = props.confirmWidth + 2 * CONFIRM_PADDING_PX;
  // Beside the ghost, on the side with room, level with the line: never over the label.
  const after = x + MARKER_GAP_PX / 2 + 6 + pillWidth <= layout.contentWidth - 6;
  const pillX = after ? x + MARKER_GAP_PX / 2 + 6 : x - MARKER_GAP_PX / 2 - 6 - pillWidth;
  useEffect(() => {
    const timer = setTimeout(onDismiss, GHOST_TIMEOUT_MS);
    return () => clearTimeout(timer);
  }, [onDismiss]);
  const place = (event: Konva.KonvaEventObject<PointerEvent>) => {
    event.cancelBubble = true;
    onPlace(value);
  };
  const pointer = (event: Konva.KonvaEventObject<MouseEvent>, cursor: string) => {
    const container = event.target.getStage()?.container();
    if (container) container.style.cursor = cursor;
  };
  return (
    <Group
      onPointerClick={place}
      onMouseEnter={(event) => pointer(event, 'pointer')}
      onMouseLeave={(event) => pointer(event, '')}
    >
      <Circle
        id={`place-ghost-${scaleId}`}
        x={x}
        y={y}
        radius={MARKER_RADIUS_PX}
        fill={color}
        opacity={0.55}
        stroke={INK}
        strokeWidth={2}
        dash={[4, 3]}
        hitStrokeWidth={MARKER_HIT_STROKE_PX}
        perfectDrawEnabled={false}
      />
      <Text
        text={props.initials}
        x={x - MARKER_RADIUS_PX}
        y={y - MARKER_RADIUS_PX}
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
      <KonvaRect
        id={`place-confirm-${scaleId}`}
        x={pillX}
        y={y - CONFIRM_HEIGHT_PX / 2}
        width={pillWidth}
        height={CONFIRM_HEIGHT_PX}
        cornerRadius={CONFIRM_HEIGHT_PX / 2}
        fill={ACTION}
        shadowColor="#000000"
        shadowOpacity={0.2}
        shadowBlur={4}
        perfectDrawEnabled={false}
      />
      <Text
        text={props.confirm}
        x={pillX}
        y={y - CONFIRM_HEIGHT_PX / 2}
        width={pillWidth}
        height={CONFIRM_HEIGHT_PX}
        align="center"
        verticalAlign="middle"
        fontSize={CONFIRM_FONT_PX}
        fontStyle="bold"
        fill="#ffffff"
        listening={false}
        perfectDrawEnabled={false}
      />
    </Group>
  );
}

export const GHOST_CONFIRM_FONT_PX = CONFIRM_FONT_PX;
