/** @module View math for the canvas: fit a rectangle, zoom around a point, keep the board in sight. */
import { clamp, type Point, type Rect, type Size, toWorld, type View } from './geometry';

/** Room kept free on each side of a fitted view (screen px), e.g. for buttons over the map. */
export interface Insets {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** The same padding on every side, plus any extra room on some sides. */
export function insets(padding: number, extra: Partial<Insets> = {}): Insets {
  return {
    top: padding + (extra.top ?? 0),
    right: padding + (extra.right ?? 0),
    bottom: padding + (extra.bottom ?? 0),
    left: padding + (extra.left ?? 0),
  };
}

function roomInside(viewport: Size, padding: number | Insets): { inset: Insets; room: Size } {
  const inset = typeof padding === 'number' ? insets(padding) : padding;
  return {
    inset,
    room: {
      width: Math.max(1, viewport.width - inset.left - inset.right),
      height: Math.max(1, viewport.height - inset.top - inset.bottom),
    },
  };
}

/** Shows all of `rect`, as large as fits inside `viewport` less `padding` px, centred there. */
export function fitView(rect: Rect, viewport: Size, padding: number | Insets): View {
  const { inset, room } = roomInside(viewport, padding);
  const scale = Math.min(
    room.width / Math.max(1, rect.width),
    room.height / Math.max(1, rect.height),
  );
  return {
    scale,
    x: inset.left + (room.width - rect.width * scale) / 2 - rect.x * scale,
    y: inset.top + (room.height - rect.height * scale) / 2 - rect.y * scale,
  };
}

/**
 * Phones: `rect`'s width fills the viewport (less padding), its top at the top; scroll for more.
 * No larger than `maxScale`: on a wider screen the column stays readable size, centred.
 */
export function fitWidthView(
  rect: Rect,
  viewport: Size,
  padding: number | Insets,
  maxScale = Number.POSITIVE_INFINITY,
): View {
  const { inset, room } = roomInside(viewport, padding);
  const scale = Math.min(maxScale, room.width / Math.max(1, rect.width));
  return {
    scale,
    x: inset.left + (room.width - rect.width * scale) / 2 - rect.x * scale,
    y: inset.top - rect.y * scale,
  };
}

/**
 * Whether a fitted view should fit again now that the content is `content`: it has grown more
 * than `margin` px past the viewport's edge (into the fit's padding is fine, so a line more in a
 * card does not move the map every time), or it has shrunk so much that a fit would be `shrink`
 * times larger. Otherwise the map stays still under the people reading it.
 */
export function outgrowsView(
  view: View,
  content: Rect,
  viewport: Size,
  options: { fitted: View; margin: number; shrink: number },
): boolean {
  const left = content.x * view.scale + view.x;
  const top = content.y * view.scale + view.y;
  const right = left + content.width * view.scale;
  const bottom = top + content.height * view.scale;
  const { margin } = options;
  const outside =
    left < -margin ||
    top < -margin ||
    right > viewport.width + margin ||
    bottom > viewport.height + margin;
  return outside || options.fitted.scale > view.scale * options.shrink;
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
