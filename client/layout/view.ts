/** @module View math for the canvas: fit a rectangle, zoom around a point, keep the board in sight. */
import { clamp, type Point, type Rect, type Size, toWorld, type View } from './geometry';

/** Shows all of `rect`, as large as fits inside `viewport` less `padding` px, centred. */
export function fitView(rect: Rect, viewport: Size, padding: number): View {
  const room = {
    width: Math.max(1, viewport.width - 2 * padding),
    height: Math.max(1, viewport.height - 2 * padding),
  };
  const scale = Math.min(
    room.width / Math.max(1, rect.width),
    room.height / Math.max(1, rect.height),
  );
  return {
    scale,
    x: (viewport.width - rect.width * scale) / 2 - rect.x * scale,
    y: (viewport.height - rect.height * scale) / 2 - rect.y * scale,
  };
}

/** Phones: `rect`'s width fills the viewport (less padding), its top at the top; scroll for more. */
export function fitWidthView(rect: Rect, viewport: Size, padding: number): View {
  const scale = Math.max(1, viewport.width - 2 * padding) / Math.max(1, rect.width);
  return {
    scale,
    x: (viewport.width - rect.width * scale) / 2 - rect.x * scale,
    y: padding - rect.y * scale,
  };
}

/** Zooms by `factor` (within min..max) so the world point under `screen` stays under it. */
export function zoomAt(view: View, screen: Point, factor: number, min: number, max: number): View {
  const scale = clamp(view.scale * factor, min, max);
  const world = toWorld(view, screen);
  return { scale, x: screen.x - world.x * scale, y: screen.y - world.y * scale };
}

export function panBy(view: View, dx: number, dy: number): View {
  return { scale: view.scale, x: view.x + dx, y: view.y + dy };
}

/**
 * Keeps at least `keep` px of the content on screen in each direction, so nobody pans the board
 * away and loses it; content smaller than the viewport may move freely inside it.
 */
export function clampView(view: View, content: Rect, viewport: Size, keep: number): View {
  const left = content.x * view.scale + view.x;
  const top = content.y * view.scale + view.y;
  const width = content.width * view.scale;
  const height = content.height * view.scale;
  const x = view.x + clampShift(left, width, viewport.width, keep);
  const y = view.y + clampShift(top, height, viewport.height, keep);
  return { scale: view.scale, x, y };
}

function clampShift(start: number, length: number, room: number, keep: number): number {
  const visible = Math.min(keep, length, room);
  if (start + length < visible) return visible - (start + length);
  if (start > room - visible) return room - visible - start;
  return 0;
}

/** A step of an animated move between views; `t` from 0 (from) to 1 (to). */
export function lerpView(from: View, to: View, t: number): View {
  const k = clamp(t, 0, 1);
  return {
    scale: from.scale + (to.scale - from.scale) * k,
    x: from.x + (to.x - from.x) * k,
    y: from.y + (to.y - from.y) * k,
  };
}

/** Ease in and out, so a move towards the facilitator's focus starts and lands softly. */
export function easeInOut(t: number): number {
  const k = clamp(t, 0, 1);
  return k < 0.5 ? 2 * k * k : 1 - (-2 * k + 2) ** 2 / 2;
}

export function sameView(a: View, b: View): boolean {
  return a.scale === b.scale && a.x === b.x && a.y === b.y;
}
