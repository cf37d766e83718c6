/** @module The canvas view: fitted at first, then panned and zoomed by hand or led by the facilitator. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { BoardLayout, LayoutMode } from '../layout/board-layout';
import type { Rect, Size, View } from '../layout/geometry';
import {
  clampView,
  easeInOut,
  fitView,
  fitWidthView,
  type Insets,
  insets,
  lerpView,
  outgrowsView,
} from '../layout/view';
import { focusRect } from './follow';

/** Screen px around a fitted board or focus. */
const FIT_PADDING_PX = 16;
/**
 * Screen px beyond the padding kept free for the map's buttons (`.board-canvas-controls`): at
 * the right of the three columns, above the one column. A fitted map has nothing under them.
 */
const CONTROLS_ROOM_PX = 56;
/** The one column on a screen wider than a phone is drawn no larger than this (text ~20 px). */
const MAX_NARROW_FIT_SCALE = 1.2;
/** A fitted map fits again when the content would fit this many times larger (cards deleted). */
const REFIT_WHEN_SHRUNK = 1.25;
/** Screen px of the board that always stay in sight when panning. */
const KEEP_VISIBLE_PX = 80;
const ANIMATION_MS = 350;
export const MAX_SCALE = 4;

/** What the view keeps showing when the window or the board changes size. */
type Target = { kind: 'board' } | { kind: 'focus'; id: string } | { kind: 'free' };

export interface BoardView {
  view: View | null;
  /** A move by hand (pan, zoom): the view stops following the board's size. Returns the new view. */
  moveBy(change: (view: View) => View): View | null;
  fitBoard(): void;
  minScale: number;
}

/** The room a fitted view leaves around the map: padding, and the buttons' corner unless projected. */
export function fitInsets(mode: LayoutMode, projector: boolean): Insets {
  if (projector) return insets(FIT_PADDING_PX);
  return insets(
    FIT_PADDING_PX,
    mode === 'wide' ? { right: CONTROLS_ROOM_PX } : { top: CONTROLS_ROOM_PX },
  );
}

export function useBoardView(
  layout: BoardLayout,
  size: Size,
  options: {
    projector: boolean;
    focus: string | undefined;
    /** This person is typing in or dragging a card: the map must not move under them. */
    busy: boolean;
  },
): BoardView {
  const [view, setView] = useState<View | null>(null);
  const viewRef = useRef<View | null>(null);
  viewRef.current = view;
  const target = useRef<Target>({ kind: 'board' });
  const frame = useRef<number | undefined>(undefined);
  /** The stage size and layout mode the view was last fitted for. */
  const fittedFor = useRef<{ size: Size; mode: LayoutMode } | null>(null);
  /** A fit asked for while this person was busy, done when they are done. */
  const pending = useRef(false);
  const ready = size.width > 0 && size.height > 0;
  const { focus, projector, busy } = options;
  const padding = fitInsets(layout.mode, projector);
  const paddingKey = `${padding.top} ${padding.right}`;

  const stopAnimation = useCallback(() => {
    if (frame.current !== undefined) cancelAnimationFrame(frame.current);
    frame.current = undefined;
  }, []);

  const rectFor = useCallback(
    (wanted: Target): Rect | undefined => {
      if (wanted.kind === 'free') return undefined;
      return wanted.kind === 'focus' ? focusRect(layout, wanted.id) : layout.bounds;
    },
    [layout],
  );

  /** The view a target asks for now, or undefined when it leaves the view where it is. */
  // biome-ignore lint/correctness/useExhaustiveDependencies: paddingKey stands for padding
  const viewFor = useCallback(
    (wanted: Target): View | undefined => {
      const rect = rectFor(wanted);
      if (rect === undefined) return undefined;
      // Phones read the board top to bottom: fit its width. A focus or a projector sees it all.
      const fitWidth = wanted.kind === 'board' && layout.mode === 'narrow' && !projector;
      return fitWidth
        ? fitWidthView(rect, size, padding, MAX_NARROW_FIT_SCALE)
        : fitView(rect, size, padding);
    },
    [rectFor, layout.mode, size, projector, paddingKey],
  );

  const animateTo = useCallback(
    (to: View) => {
      stopAnimation();
      const from = viewRef.current;
      const reduced =
        typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
      if (from === null || reduced) {
        setView(to);
        return;
      }
      const started = performance.now();
      const step = (now: number) => {
        const t = (now - started) / ANIMATION_MS;
        setView(lerpView(from, to, easeInOut(t)));
        frame.current = t < 1 ? requestAnimationFrame(step) : undefined;
      };
      frame.current = requestAnimationFrame(step);
    },
    [stopAnimation],
  );

  // The window or the board changed. A new window size (or layout mode) fits a fitted board or
  // a shown focus again at once; new content only when it no longer fits, so the map does not
  // shrink and shift with every line someone types. Never while this person types or drags:
  // then once they are done.
  useEffect(() => {
    if (!ready) return;
    const current = viewRef.current;
    if (current === null) {
      fittedFor.current = { size, mode: layout.mode };
      setView(viewFor(target.current) ?? viewFor({ kind: 'board' }) ?? null);
      return;
    }
    if (busy || frame.current !== undefined) return;
    const last = fittedFor.current;
    const modeChanged = last !== null && last.mode !== layout.mode;
    // A view of the other layout's coordinates shows nothing in particular: start afresh.
    if (modeChanged) target.current = { kind: 'board' };
    const resized =
      last === null ||
      modeChanged ||
      last.size.width !== size.width ||
      last.size.height !== size.height;
    fittedFor.current = { size, mode: layout.mode };
    const next = viewFor(target.current);
    const rect = rectFor(target.current);
    if (next === undefined || rect === undefined) return;
    const refit =
      resized ||
      pending.current ||
      outgrowsView(current, rect, size, { fitted: next, margin: 0, shrink: REFIT_WHEN_SHRUNK });
    pending.current = false;
    if (refit) setView(next);
  }, [ready, viewFor, rectFor, busy, size, layout.mode]);

  // The facilitator pointed somewhere new: go there. Cleared: stay, except on a projector,
  // which has no controls of its own and goes back to the whole map.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new focus moves the view, not a new layout
  useEffect(() => {
    if (!ready) return;
    if (focus !== undefined) {
      if (focusRect(layout, focus) === undefined) return;
      target.current = { kind: 'focus', id: focus };
    } else if (projector) {
      target.current = { kind: 'board' };
    } else {
      return;
    }
    // Someone typing or dragging here is taken there when they are done.
    if (busy) {
      pending.current = true;
      return;
    }
    const next = viewFor(target.current);
    if (next !== undefined) animateTo(next);
  }, [focus, projector, ready]);

  useEffect(() => stopAnimation, [stopAnimation]);

  const moveBy = useCallback(
    (change: (view: View) => View): View | null => {
      const current = viewRef.current;
      if (current === null) return null;
      stopAnimation();
      target.current = { kind: 'free' };
      pending.current = false;
      const next = clampView(change(current), layout.bounds, size, KEEP_VISIBLE_PX);
      viewRef.current = next;
      setView(next);
      return next;
    },
    [layout.bounds, size, stopAnimation],
  );

  const fitBoard = useCallback(() => {
    target.current = { kind: 'board' };
    const next = viewFor(target.current);
    if (next !== undefined) animateTo(next);
  }, [viewFor, animateTo]);

  const whole = ready ? fitView(layout.bounds, size, padding).scale : 1;
  return { view, moveBy, fitBoard, minScale: Math.min(0.5, whole * 0.5) };
}
