/** @module Pointer input on the canvas: tap, double tap, pan, pinch, card drag (mouse, pen, touch). */
import { type PointerEvent as ReactPointerEvent, type RefObject, useEffect, useRef } from 'react';
import type { Point } from '../layout/geometry';

/** What a press starts: Konva's own handling (scale markers), dragging a card, or panning. */
export type PressTarget = 'konva' | 'card' | 'pan';

export interface GestureHandlers {
  classify(screen: Point, pointerType: string): PressTarget;
  pan(dx: number, dy: number): void;
  pinch(centre: Point, factor: number, dx: number, dy: number): void;
  dragStart(screen: Point): void;
  dragMove(screen: Point): void;
  /** Null when the drag was cancelled (the card goes back). */
  dragEnd(screen: Point | null): void;
  /**
   * `count` is 2 for the second tap of a double tap (or the second click of a double click);
   * `pointerType` as the pointer event has it ('mouse', 'pen', 'touch').
   */
  tap(screen: Point, count: number, pointerType: string): void;
  /** Mouse and pen position over the canvas; null when it leaves. */
  hover(screen: Point | null): void;
  wheel(screen: Point, event: WheelEvent): void;
}

/** Movement (CSS px) that turns a press into a pan or drag: fingers wobble more than mice. */
const MOVE_THRESHOLD_PX = { mouse: 4, touch: 10 } as const;
/** On touch a card is picked up by holding it; a quick swipe pans instead. */
const TOUCH_HOLD_MS = 350;
const DOUBLE_TAP_MS = 400;
const DOUBLE_TAP_DISTANCE_PX = 24;

type Mode = 'idle' | 'press' | 'pan' | 'drag' | 'pinch' | 'konva';

export function usePointerGestures(
  containerRef: RefObject<HTMLElement | null>,
  handlersRef: RefObject<GestureHandlers>,
  enabled: boolean,
) {
  const pointers = useRef(new Map<number, Point>()).current;
  const state = useRef({
    mode: 'idle' as Mode,
    target: 'pan' as PressTarget,
    start: { x: 0, y: 0 },
    hold: undefined as ReturnType<typeof setTimeout> | undefined,
    lastTap: { time: 0, point: { x: 0, y: 0 } },
    pinch: { distance: 1, centre: { x: 0, y: 0 } },
  }).current;

  useEffect(() => {
    const container = containerRef.current;
    if (container === null || !enabled) return;
    // Native and not passive, so the page itself never scrolls or zooms under the board.
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      handlersRef.current.wheel(local(container, event), event);
    };
    container.addEventListener('wheel', onWheel, { passive: false });
    return () => container.removeEventListener('wheel', onWheel);
  }, [containerRef, handlersRef, enabled]);

  const clearHold = () => {
    if (state.hold !== undefined) clearTimeout(state.hold);
    state.hold = undefined;
  };

  const startPinch = () => {
    const [a, b] = [...pointers.values()];
    if (a === undefined || b === undefined) return;
    state.mode = 'pinch';
    state.pinch = { distance: Math.max(1, distance(a, b)), centre: middle(a, b) };
  };

  const onPointerDown = (event: ReactPointerEvent<HTMLElement>) => {
    const container = containerRef.current;
    if (!enabled || container === null) return;
    if (event.pointerType === 'mouse' && event.button !== 0) return;
    // No compatibility mousedown after a touch: it would focus the map and so close the card
    // editor a tap on "+" has just opened (the tap handler closes the editor itself instead).
    if (event.pointerType === 'touch') event.preventDefault();
    // A first finger or a mouse press starts afresh, even if an earlier gesture ended elsewhere.
    if (event.isPrimary) {
      clearHold();
      pointers.clear();
      state.mode = 'idle';
    } else if (state.mode === 'konva') {
      return;
    }
    const point = local(container, event.nativeEvent);
    pointers.set(event.pointerId, point);
    const handlers = handlersRef.current;
    if (pointers.size === 1) {
      const target = handlers.classify(point, event.pointerType);
      if (target === 'konva') {
        state.mode = 'konva';
        return;
      }
      container.setPointerCapture(event.pointerId);
      state.mode = 'press';
      state.target = target;
      state.start = point;
      if (target === 'card' && event.pointerType === 'touch') {
        state.hold = setTimeout(() => {
          state.hold = undefined;
          if (state.mode !== 'press') return;
          state.mode = 'drag';
          handlersRef.current.dragStart(state.start);
        }, TOUCH_HOLD_MS);
      }
      return;
    }
    if (pointers.size === 2 && state.mode !== 'drag') {
      clearHold();
      container.setPointerCapture(event.pointerId);
      startPinch();
    }
  };

  const onPointerMove = (event: ReactPointerEvent<HTMLElement>) => {
    const container = containerRef.current;
    if (!enabled || container === null) return;
    const point = local(container, event.nativeEvent);
    const handlers = handlersRef.current;
    if (event.pointerType !== 'touch') handlers.hover(point);
    const previous = pointers.get(event.pointerId);
    if (previous === undefined) return;
    pointers.set(event.pointerId, point);
    switch (state.mode) {
      case 'press': {
        const threshold =
          event.pointerType === 'touch' ? MOVE_THRESHOLD_PX.touch : MOVE_THRESHOLD_PX.mouse;
        if (distance(point, state.start) < threshold) return;
        clearHold();
        if (state.target === 'card' && event.pointerType !== 'touch') {
          state.mode = 'drag';
          handlers.dragStart(state.start);
          handlers.dragMove(point);
        } else {
          state.mode = 'pan';
          handlers.pan(point.x - state.start.x, point.y - state.start.y);
        }
        return;
      }
      case 'pan':
        handlers.pan(point.x - previous.x, point.y - previous.y);
        return;
      case 'drag':
        handlers.dragMove(point);
        return;
      case 'pinch': {
        const [a, b] = [...pointers.values()];
        if (a === undefined || b === undefined) return;
        const centre = middle(a, b);
        const span = Math.max(1, distance(a, b));
        const before = state.pinch;
        handlers.pinch(
          centre,
          span / before.distance,
          centre.x - before.centre.x,
          centre.y - before.centre.y,
        );
        state.pinch = { distance: span, centre };
        return;
      }
    }
  };

  const finish = (event: ReactPointerEvent<HTMLElement>, cancelled: boolean) => {
    const container = containerRef.current;
    if (!pointers.has(event.pointerId) || container === null) return;
    const point = local(container, event.nativeEvent);
    pointers.delete(event.pointerId);
    const handlers = handlersRef.current;
    switch (state.mode) {
      case 'press':
        clearHold();
        state.mode = 'idle';
        if (!cancelled) handlers.tap(point, tapCount(point), event.pointerType);
        return;
      case 'drag':
        state.mode = 'idle';
        handlers.dragEnd(cancelled ? null : point);
        return;
      case 'pinch':
        // Lifting one finger of two carries on as a pan with the other.
        state.mode = pointers.size === 1 ? 'pan' : 'idle';
        return;
      default:
        if (pointers.size === 0) state.mode = 'idle';
    }
  };

  const tapCount = (point: Point): number => {
    const now = Date.now();
    const last = state.lastTap;
    const double =
      now - last.time < DOUBLE_TAP_MS && distance(point, last.point) < DOUBLE_TAP_DISTANCE_PX;
    state.lastTap = double ? { time: 0, point } : { time: now, point };
    return double ? 2 : 1;
  };

  return {
    onPointerDown,
    onPointerMove,
    onPointerUp: (event: ReactPointerEvent<HTMLElement>) => finish(event, false),
    onPointerCancel: (event: ReactPointerEvent<HTMLElement>) => finish(event, true),
    onPointerLeave: (event: ReactPointerEvent<HTMLElement>) => {
      if (event.pointerType !== 'touch' && !pointers.has(event.pointerId)) {
        handlersRef.current.hover(null);
      }
    },
  };
}

function local(container: HTMLElement, event: { clientX: number; clientY: number }): Point {
  const box = container.getBoundingClientRect();
  return { x: event.clientX - box.left, y: event.clientY - box.top };
}

function distance(a: Point, b: Point): number {
  return Math.hypot(a.x - b.x, a.y - b.y);
}

function middle(a: Point, b: Point): Point {
  return { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
}
