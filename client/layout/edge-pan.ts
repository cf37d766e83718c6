/** @module Panning the map while a card is dragged near its edge, so a card can reach any section. */
import type { Point, Rect, Size, View } from './geometry';
import type { Insets } from './view';

/** How near the edge (screen px) the pointer starts the map moving. */
export const EDGE_ZONE_PX = 56;
/** Pan speed with the pointer at (or past) the edge; slower further in. */
export const EDGE_PAN_MAX_PX_PER_S = 900;

/**
 * Screen px per second to pan by for a dragged card's pointer at `pointer`: nothing away from
 * the edges, up to `max` at an edge. Positive x moves the content right, showing what is to the
 * left: the map comes towards the edge the pointer is pushing at.
 */
export function edgePanVelocity(
  pointer: Point,
  viewport: Size,
  zone = EDGE_ZONE_PX,
  max = EDGE_PAN_MAX_PX_PER_S,
): Point {
  const along = (at: number, length: number): number => {
    // A small stage keeps a middle where the card can be held still.
    const band = Math.min(zone, length / 4);
    if (band <= 0) return 0;
    if (at < band) return max * Math.min(1, (band - at) / band);
    if (at > length - band) return -max * Math.min(1, (at - (length - band)) / band);
    return 0;
  };
  return { x: along(pointer.x, viewport.width), y: along(pointer.y, viewport.height) };
}

/**
 * Shortens a pan of (dx, dy) so the content's edges stop where a fitted view has them (the
 * viewport less `room`): the map runs out of board, not into emptiness. Content that already
 * fits along an axis does not move along it.
 */
export function limitPan(
  view: View,
  dx: number,
  dy: number,
  content: Rect,
  viewport: Size,
  room: Insets,
): Point {
  const along = (delta: number, start: number, length: number, before: number, end: number) => {
    if (delta > 0) return Math.min(delta, Math.max(0, before - start));
    if (delta < 0) return Math.max(delta, Math.min(0, end - (start + length)));
    return 0;
  };
  return {
    x: along(
      dx,
      content.x * view.scale + view.x,
      content.width * view.scale,
      room.left,
      viewport.width - room.right,
    ),
    y: along(
      dy,
      content.y * view.scale + view.y,
      content.height * view.scale,
      room.top,
      viewport.height - room.bottom,
    ),
  };
}
