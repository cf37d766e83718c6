/** @module What is under a point of the board, and where a dragged card would land. */
import type { SectionId } from '../../shared/sections';
import type { BoardLayout, CardLayout, SectionLayout } from './board-layout';
import { contains, distanceToRect, type Point, type Rect } from './geometry';

/** A card dropped this close (world px) outside every section still lands in the nearest one. */
const DROP_SNAP_DISTANCE = 48;

export interface DropTarget {
  section: SectionId;
  /** Index within the section counted without the dragged card, as `moveCard` expects. */
  index: number;
}

export function sectionAt(layout: BoardLayout, point: Point): SectionLayout | null {
  return layout.sections.find((section) => contains(section.rect, point)) ?? null;
}

export function cardAt(layout: BoardLayout, point: Point): CardLayout | null {
  const section = sectionAt(layout, point);
  if (section === null) return null;
  const cards = layout.cardsBySection.get(section.id) ?? [];
  return cards.find((card) => contains(card.rect, point)) ?? null;
}

export function addButtonAt(layout: BoardLayout, point: Point): SectionLayout | null {
  return layout.sections.find((section) => contains(section.addButton, point)) ?? null;
}

/**
 * Where `draggedCardId` would go if dropped at `point`: the section under it (or the nearest one
 * within DROP_SNAP_DISTANCE) and the number of its other cards that come before the point in
 * reading order. Null when the point is away from every section: the card goes back.
 */
export function dropTarget(
  layout: BoardLayout,
  point: Point,
  draggedCardId: string,
): DropTarget | null {
  const section = sectionAt(layout, point) ?? nearestSection(layout, point);
  if (section === null) return null;
  const others = (layout.cardsBySection.get(section.id) ?? []).filter(
    (card) => card.id !== draggedCardId,
  );
  const index = others.filter((card) => comesBefore(card, point, layout.cardsPerRow)).length;
  return { section: section.id, index };
}

function nearestSection(layout: BoardLayout, point: Point): SectionLayout | null {
  let best: SectionLayout | null = null;
  let bestDistance = DROP_SNAP_DISTANCE;
  for (const section of layout.sections) {
    const distance = distanceToRect(section.rect, point);
    if (distance <= bestDistance) {
      best = section;
      bestDistance = distance;
    }
  }
  return best;
}

/**
 * True when `card` is before `point` in reading order. Rows share their top and height, so rows
 * above the point's row are before it; within the row, the card's middle decides (horizontally
 * when cards sit side by side, vertically when there is one card per row).
 */
function comesBefore(card: CardLayout, point: Point, cardsPerRow: number): boolean {
  const { x, y, width, height } = card.rect;
  if (cardsPerRow === 1) return point.y > y + height / 2;
  if (point.y < y) return false;
  if (point.y > y + height) return true;
  return point.x > x + width / 2;
}

/** Indicator bar thickness in world px. */
const INDICATOR_THICKNESS = 6;

/**
 * A thin bar showing where a drop at `target` puts the card: before the card now at that index
 * (beside it in a grid, above it in one column), after the last one, or at the top of an empty
 * section.
 */
export function dropIndicator(
  layout: BoardLayout,
  target: DropTarget,
  draggedCardId: string,
): Rect | null {
  const section = layout.sectionById.get(target.section);
  if (section === undefined) return null;
  const others = (layout.cardsBySection.get(target.section) ?? []).filter(
    (card) => card.id !== draggedCardId,
  );
  const half = INDICATOR_THICKNESS / 2;
  const sideBySide = layout.cardsPerRow > 1;
  const next = others[target.index];
  const previous = others[target.index - 1];
  if (next !== undefined) {
    const { x, y, width, height } = next.rect;
    return sideBySide
      ? { x: x - half - 3, y, width: INDICATOR_THICKNESS, height }
      : { x, y: y - half - 3, width, height: INDICATOR_THICKNESS };
  }
  if (previous !== undefined) {
    const { x, y, width, height } = previous.rect;
    return sideBySide
      ? { x: x + width + 3 - half, y, width: INDICATOR_THICKNESS, height }
      : { x, y: y + height + 3 - half, width, height: INDICATOR_THICKNESS };
  }
  const inset = 12;
  return {
    x: section.body.x + inset,
    y: section.body.y + inset,
    width: section.body.width - 2 * inset,
    height: INDICATOR_THICKNESS,
  };
}
