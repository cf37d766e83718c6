/** @module The canvas view: fitted at first, then panned and zoomed by hand or led by the facilitator. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { BoardLayout } from '../layout/board-layout';
import type { Rect, Size, View } from '../layout/geometry';
import { clampView, easeInOut, fitView, fitWidthView, lerpView } from '../layout/view';
import { focusRect } from './follow';

/** Screen px around a fitted board or focus. */
const FIT_PADDING_PX = 16;
/** Screen px of the board that always stay in sight when panning. */
const KEEP_VISIBLE_PX = 80;
const ANIMATION_MS = 350;
export const MAX_SCALE = 4;

/** What the view keeps showing when the window or the board changes size. */
type Target = { kind: 'board' } | { kind: 'focus'; id: string } | { kind: 'free' };

export interface BoardView {
  view: View | null;
  /** A move by hand (pan, zoom): the view stops following the board's size. */
  moveBy(change: (view: View) => View): void;
  fitBoard(): void;
  minScale: number;
}

export function useBoardView(
  layout: BoardLayout,
  size: Size,
  options: { projector: boolean; focus: string | undefined },
): BoardView {
  const [view, setView] = useState<View | null>(null);
  const viewRef = useRef<View | null>(null);
  viewRef.current = view;
  const target = useRef<Target>({ kind: 'board' });
  const frame = useRef<number | undefined>(undefined);
  const ready = size.width > 0 && size.height > 0;

  const stopAnimation = useCallback(() => {
    if (frame.current !== undefined) cancelAnimationFrame(frame.current);
    frame.current = undefined;
  }, []);

  /** The view a target asks for now, or undefined when it leaves the view where it is. */
  const viewFor = useCallback(
    (wanted: Target): View | undefined => {
      if (wanted.kind === 'free') return undefined;
      const rect: Rect | undefined =
        wanted.kind === 'focus' ? focusRect(layout, wanted.id) : layout.bounds;
      if (rect === undefined) return undefined;
      // Phones read the board top to bottom: fit its width. A focus or a projector sees it all.
      const fitWidth = wanted.kind === 'board' && layout.mode === 'narrow' && !options.projector;
      return fitWidth
        ? fitWidthView(rect, size, FIT_PADDING_PX)
        : fitView(rect, size, FIT_PADDING_PX);
    },
    [layout, size, options.projector],
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

  // The window or the board changed: a fitted board or a shown focus fits again at once.
  useEffect(() => {
    if (!ready) return;
    const next = viewFor(target.current);
    if (next !== undefined && frame.current === undefined) setView(next);
    else if (viewRef.current === null) setView(viewFor({ kind: 'board' }) ?? null);
  }, [ready, viewFor]);

  // The facilitator pointed somewhere new: go there. Cleared: stay, except on a projector,
  // which has no controls of its own and goes back to the whole map.
  const { focus, projector } = options;
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new focus moves the view, not a new layout
  useEffect(() => {
    if (!ready) return;
    if (focus !== undefined) {
      const next = viewFor({ kind: 'focus', id: focus });
      if (next === undefined) return;
      target.current = { kind: 'focus', id: focus };
      animateTo(next);
    } else if (projector) {
      target.current = { kind: 'board' };
      const next = viewFor(target.current);
      if (next !== undefined) animateTo(next);
    }
  }, [focus, projector, ready]);

  useEffect(() => stopAnimation, [stopAnimation]);

  const moveBy = useCallback(
    (change: (view: View) => View) => {
      const current = viewRef.current;
      if (current === null) return;
      stopAnimation();
      target.current = { kind: 'free' };
      const next = clampView(change(current), layout.bounds, size, KEEP_VISIBLE_PX);
      viewRef.current = next;
      setView(next);
    },
    [layout.bounds, size, stopAnimation],
  );

  const fitBoard = useCallback(() => {
    target.current = { kind: 'board' };
    const next = viewFor(target.current);
    if (next !== undefined) animateTo(next);
  }, [viewFor, animateTo]);

  const whole = ready ? fitView(layout.bounds, size, FIT_PADDING_PX).scale : 1;
  return { view, moveBy, fitBoard, minScale: Math.min(0.5, whole * 0.5) };
}
