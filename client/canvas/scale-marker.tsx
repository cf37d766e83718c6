/** @module One participant's marker on a scale: glides when others move it, drags when it is mine. */
import Konva from 'konva';
import { memo, useCallback, useLayoutEffect, useRef } from 'react';
import { Circle, Group, Label, Rect, Tag, Text } from 'react-konva';
import { createRatingThrottle, type RatingThrottle } from './scale-drag';
import {
  clampToSpan,
  inkOn,
  MARKER_HIT_STROKE_PX,
  MARKER_INITIALS_FONT_PX,
  MARKER_NAME_FONT_PX,
  MARKER_RADIUS_PX,
  OWN_MARKER_GROWTH_PX,
  type OwnLabelLayout,
  type TrackSpan,
  valueToX,
  xToValue,
} from './scale-geometry';
import { ACTION, INK } from './theme';

/** Long enough to smooth over ~30 updates a second, short enough never to feel late. */
const MARKER_GLIDE_MS = 80;
/** My own marker is a little larger and easier to grab (64 px hit area at zoom 1). */
const OWN_HIT_STROKE_PX = 16;
const NAME_WIDTH_PX = 150;
/** My value beside my marker, and the hint after it (bold and italic, Konva's default family). */
export const VALUE_FONT_PX = 18;
const VALUE_HEIGHT_PX = 28;
export const HINT_FONT_PX = 14;
const HINT_LINE_HEIGHT = 1.15;

export interface MarkerProps {
  scaleId: string;
  participant: string;
  name: string;
  initials: string;
  color: string;
  value: number;
  /** The lane's y (0 is on the line). */
  y: number;
  left: number;
  right: number;
  showName: boolean;
  /** Where the name's top goes, relative to the marker's centre; null: no room (see nameOffsetY). */
  nameY?: number | null;
  /**
   * Set on others' markers while I have none on this scale: a tap on theirs is a tap on the
   * scale at that value, for placing mine, rather than a tap that only points at theirs.
   */
  onTapThrough?: (value: number) => void;
  /** Set for my own marker only, when I may write: makes it draggable and tappable. */
  own?: {
    onMove(value: number): void;
    onOpenNotes(): void;
  };
  /** My own marker's value beside it ("6,5"), and a hint while it has no "why" yet. */
  ownLabel?: {
    value: string;
    hint: string | null;
    layout: OwnLabelLayout;
  };
  /** Someone points at this marker (hover, or a tap on another's marker) or away (null). */
  onPoint(participant: string | null): void;
}

export const ScaleMarker = memo(function ScaleMarker(props: MarkerProps) {
  const { scaleId, participant, value, y, left, right, own, onPoint } = props;
  const groupRef = useRef<Konva.Group>(null);
  const glide = useRef<Konva.Tween | null>(null);
  const dragging = useRef(false);
  const throttle = useRef<RatingThrottle | null>(null);
  const valueRef = useRef(value);
  valueRef.current = value;
  const lastSpan = useRef<string | null>(null);
  const x = valueToX({ left, right }, value);

  const glideTo = useCallback((node: Konva.Group, to: { x: number; y: number }) => {
    glide.current?.destroy();
    glide.current = new Konva.Tween({
      node,
      ...to,
      duration: MARKER_GLIDE_MS / 1000,
      easing: Konva.Easings.EaseOut,
    });
    glide.current.play();
  }, []);

  // Position is set here rather than as props so that a new value never fights a drag in
  // progress, and a remote change glides instead of jumping. A resized track jumps at once.
  useLayoutEffect(() => {
    const node = groupRef.current;
    if (node === null || dragging.current) return;
    const span = `${left}:${right}`;
    const resized = lastSpan.current !== span;
    lastSpan.current = span;
    if (resized) {
      glide.current?.destroy();
      glide.current = null;
      node.position({ x, y });
    } else if (node.x() !== x || node.y() !== y) {
      glideTo(node, { x, y });
    }
  }, [x, y, left, right, glideTo]);

  useLayoutEffect(
    () => () => {
      glide.current?.destroy();
      throttle.current?.cancel();
    },
    [],
  );

  // In absolute (screen) coordinates: the stage may be zoomed and panned, so go through the
  // parent's transform, keep x on the track and y on the marker's line.
  const dragBound = useCallback(
    (position: Konva.Vector2d): Konva.Vector2d => {
      const parent = groupRef.current?.getParent();
      if (!parent) return position;
      const toScreen = parent.getAbsoluteTransform().copy();
      const local = toScreen.copy().invert().point(position);
      return toScreen.point({ x: clampToSpan({ left, right }, local.x), y });
    },
    [left, right, y],
  );

  const span: TrackSpan = { left, right };
  const dragged = useRef(false);
  const handlers = own && {
    draggable: true,
    dragBoundFunc: dragBound,
    onDragStart: (event: Konva.KonvaEventObject<DragEvent>) => {
      event.cancelBubble = true;
      dragging.current = true;
      dragged.current = true;
      glide.current?.destroy();
      glide.current = null;
      groupRef.current?.moveToTop();
      throttle.current = createRatingThrottle(own.onMove, valueRef.current);
    },
    onDragMove: (event: Konva.KonvaEventObject<DragEvent>) => {
      event.cancelBubble = true;
      throttle.current?.push(xToValue(span, event.target.x()));
    },
    onDragEnd: (event: Konva.KonvaEventObject<DragEvent>) => {
      event.cancelBubble = true;
      dragging.current = false;
      const final = xToValue(span, event.target.x());
      throttle.current?.flush(final);
      throttle.current = null;
      if (groupRef.current) glideTo(groupRef.current, { x: valueToX(span, final), y });
    },
    onPointerDown: () => {
      dragged.current = false;
    },
  };

  const onPointerClick = (event: Konva.KonvaEventObject<PointerEvent>) => {
    event.cancelBubble = true;
    if (own) {
      // Konva does not click after a drag; this guards browsers that still send one.
      if (!dragged.current) own.onOpenNotes();
    } else {
      const position = groupRef.current?.getParent()?.getRelativePointerPosition();
      // While I am placing mine, the tap is for my ghost; a name popping up would cover the prompt.
      if (props.onTapThrough && position) props.onTapThrough(xToValue(span, position.x));
      else onPoint(participant);
    }
  };
  const setCursor = (cursor: string) => {
    const container = groupRef.current?.getStage()?.container();
    if (container) container.style.cursor = cursor;
  };

  const radius = own ? MARKER_RADIUS_PX + OWN_MARKER_GROWTH_PX : MARKER_RADIUS_PX;
  const label = props.ownLabel;
  return (
    <Group
      ref={groupRef}
      id={`marker-${scaleId}-${participant}`}
      name="scale-marker"
      {...handlers}
      onPointerClick={onPointerClick}
      onMouseEnter={() => {
        onPoint(participant);
        groupRef.current?.moveToTop();
        if (own) setCursor('grab');
      }}
      onMouseLeave={() => {
        onPoint(null);
        if (own) setCursor('');
      }}
    >
      <Circle
        radius={radius}
        fill={props.color}
        stroke={own ? INK : '#ffffff'}
        strokeWidth={own ? 3 : 2}
        hitStrokeWidth={own ? OWN_HIT_STROKE_PX : MARKER_HIT_STROKE_PX}
        shadowForStrokeEnabled={false}
        perfectDrawEnabled={false}
      />
      <Text
        text={props.initials}
        x={-radius}
        y={-radius}
        width={radius * 2}
        height={radius * 2}
        align="center"
        verticalAlign="middle"
        fontSize={MARKER_INITIALS_FONT_PX}
        fontStyle="bold"
        fill={inkOn(props.color)}
        listening={false}
        perfectDrawEnabled={false}
      />
      {props.showName && props.nameY !== null && (
        <Text
          text={props.name}
          x={-NAME_WIDTH_PX / 2}
          y={props.nameY ?? -radius - MARKER_NAME_FONT_PX - 4}
          width={NAME_WIDTH_PX}
          align="center"
          fontSize={MARKER_NAME_FONT_PX}
          fontStyle="600"
          fill={INK}
          stroke="#ffffff"
          strokeWidth={3}
          fillAfterStrokeEnabled
          wrap="none"
          ellipsis
          listening={false}
          perfectDrawEnabled={false}
        />
      )}
      {label && (
        <>
          <Rect
            x={label.layout.value.x}
            y={-VALUE_HEIGHT_PX / 2}
            width={label.layout.value.width}
            height={VALUE_HEIGHT_PX}
            cornerRadius={VALUE_HEIGHT_PX / 2}
            fill="#ffffff"
            stroke={INK}
            strokeWidth={1.5}
            listening={false}
            perfectDrawEnabled={false}
          />
          <Text
            text={label.value}
            x={label.layout.value.x}
            y={-VALUE_HEIGHT_PX / 2}
            width={label.layout.value.width}
            height={VALUE_HEIGHT_PX}
            align="center"
            verticalAlign="middle"
            fontSize={VALUE_FONT_PX}
            fontStyle="bold"
            fill={INK}
            listening={false}
            perfectDrawEnabled={false}
          />
        </>
      )}
      {label?.hint && label.layout.hint && (
        // On a light card of its own, so the line and its ticks do not run through the words.
        <Label
          x={label.layout.hint.x}
          y={(-label.layout.hint.lines * HINT_FONT_PX * HINT_LINE_HEIGHT) / 2}
          listening={false}
        >
          <Tag fill="#ffffff" opacity={0.9} cornerRadius={4} perfectDrawEnabled={false} />
          <Text
            text={label.hint}
            width={label.layout.hint.width}
            align={label.layout.side === 'after' ? 'left' : 'right'}
            fontSize={HINT_FONT_PX}
            fontStyle="italic"
            lineHeight={HINT_LINE_HEIGHT}
            fill={ACTION}
            wrap="word"
            perfectDrawEnabled={false}
          />
        </Label>
      )}
    </Group>
  );
});
