/** @module Where a selected card's toolbar goes on screen: beside the card, never over a header. */
import { clamp, type Point, type Rect, type Size } from './geometry';

/** Screen px between the toolbar and the card, and kept from the viewport's edges. */
const GAP_PX = 8;

/**
 * The toolbar's top-left (screen px), never over the card itself (the second click of a double
 * click would land on a button). The first of these that covers no header (section or column)
 * and stays on screen: above the card, below it (both inside the card's section sideways, so
 * not over the next column's headers), or level with it beside it, towards the middle of its
 * section (over the card next to it). Failing all (a card alone between its own header and the
 * next section's, on a phone), above it, over its own section's header rather than the next.
 */
export function placeToolbar(
  card: Rect,
  section: Rect,
  headers: readonly Rect[],
  toolbar: Size,
  viewport: Size,
): Point {
  const maxX = Math.max(GAP_PX, viewport.width - toolbar.width - GAP_PX);
  const maxY = Math.max(GAP_PX, viewport.height - toolbar.height - GAP_PX);
  const inSection = Math.min(card.x, section.x + section.width - toolbar.width);
  const x = clamp(Math.max(section.x, inSection), GAP_PX, maxX);
  const above = { x, y: card.y - toolbar.height - GAP_PX };
  const below = { x, y: card.y + card.height + GAP_PX };
  const towardsRight = card.x + card.width / 2 < section.x + section.width / 2;
  const beside = {
    x: towardsRight ? card.x + card.width + GAP_PX : card.x - toolbar.width - GAP_PX,
    y: card.y,
  };
  const usable = (place: Point) => {
    const box = { ...place, ...toolbar };
    return (
      place.x >= GAP_PX &&
      place.x <= maxX &&
      place.y >= GAP_PX &&
      place.y <= maxY &&
      !overlaps(box, card) &&
      !headers.some((header) => overlaps(box, header))
    );
  };
  const fallback = above.y >= GAP_PX ? above : below;
  const chosen = [above, below, beside].find(usable) ?? fallback;
  return { x: clamp(chosen.x, GAP_PX, maxX), y: clamp(chosen.y, GAP_PX, maxY) };
}

function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}
