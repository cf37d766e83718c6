/** @module Dragging a card on this screen: ghost, drop target, presence for the others, the move. */
import type Konva from 'konva';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { cardText, moveCard } from '../../shared/cards';
import { type CardDrag, PRESENCE_INTERVAL_MS, setPresenceField } from '../board/presence';
import type { BoardLayout } from '../layout/board-layout';
import type { Point } from '../layout/geometry';
import { cardAt, type DropTarget, dropTarget } from '../layout/hit';
import { throttle } from './throttle';

export interface CardDragState {
  cardId: string;
  target: DropTarget | null;
}

interface Grab {
  cardId: string;
  /** Pointer minus card corner (world px), so the card does not jump under the pointer. */
  offset: Point;
  target: DropTarget | null;
}

export function useCardDrag(doc: Y.Doc, awareness: Awareness, layout: BoardLayout) {
  const [drag, setDrag] = useState<CardDragState | null>(null);
  const grab = useRef<Grab | null>(null);
  const ghostRef = useRef<Konva.Group | null>(null);
  const sendDrag = useMemo(
    () =>
      throttle<CardDrag>(PRESENCE_INTERVAL_MS, (value) =>
        setPresenceField(awareness, 'drag', value),
      ),
    [awareness],
  );

  const start = useCallback(
    (world: Point): string | null => {
      const card = cardAt(layout, world);
      if (card === null) return null;
      grab.current = {
        cardId: card.id,
        offset: { x: world.x - card.rect.x, y: world.y - card.rect.y },
        target: null,
      };
      setDrag({ cardId: card.id, target: null });
      return card.id;
    },
    [layout],
  );

  const move = useCallback(
    (world: Point) => {
      const current = grab.current;
      if (current === null) return;
      const corner = { x: world.x - current.offset.x, y: world.y - current.offset.y };
      // Straight on the node: a frame of dragging redraws the small top layer and nothing else.
      const ghost = ghostRef.current;
      if (ghost !== null) {
        ghost.position(corner);
        ghost.getLayer()?.batchDraw();
      }
      const target = dropTarget(layout, world, current.cardId);
      if (!sameTarget(target, current.target)) {
        current.target = target;
        setDrag({ cardId: current.cardId, target });
      }
      // Others draw the ghost in the wide layout's coordinates; a phone's would mislead them.
      if (layout.mode === 'wide') sendDrag({ card: current.cardId, ...corner });
    },
    [layout, sendDrag],
  );

  const end = useCallback(
    (world: Point | null) => {
      const current = grab.current;
      grab.current = null;
      sendDrag.cancel();
      setPresenceField(awareness, 'drag', undefined);
      setDrag(null);
      if (current === null || world === null) return;
      const target = dropTarget(layout, world, current.cardId);
      // The card may have been deleted by someone else while it was in the air.
      if (target !== null && cardText(doc, current.cardId) !== undefined) {
        moveCard(doc, current.cardId, target.section, target.index);
      }
    },
    [doc, awareness, layout, sendDrag],
  );

  useEffect(() => () => sendDrag.cancel(), [sendDrag]);

  return { drag, ghostRef, start, move, end };
}

function sameTarget(a: DropTarget | null, b: DropTarget | null): boolean {
  return a === b || (a !== null && b !== null && a.section === b.section && a.index === b.index);
}
