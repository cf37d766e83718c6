/** @module What a writer can do with the selected card: edit, mark as the child's words, delete. */
import { type CSSProperties, useLayoutEffect, useRef, useState } from 'react';
import type { Messages } from '../i18n';
import type { CardLayout } from '../layout/board-layout';
import { type Rect, rectToScreen, type Size, type View } from '../layout/geometry';
import { placeToolbar } from '../layout/toolbar-place';

interface Props {
  card: CardLayout;
  /** The card's section (world px): the toolbar stays within its width. */
  section: Rect;
  /** Section and column headers (world px), which the toolbar must leave in sight. */
  headers: readonly Rect[];
  view: View;
  viewport: Size;
  messages: Messages;
  onEdit: () => void;
  onToggleChild: () => void;
  onDelete: () => void;
  /** Escape: put the card down and go back to the map. */
  onClose: () => void;
}

/**
 * A toolbar just shown ignores taps this long: the second tap of a quick double tap, meant for
 * a card, must not land on Delete where the toolbar has just appeared. (A mouse's double click
 * cannot: the toolbar is never over the card.)
 */
const ARM_MS = 400;

/** The toolbar's size before it is first measured (CSS px). */
const ESTIMATED_SIZE: Size = { width: 320, height: 50 };

export function CardToolbar(props: Props) {
  const { card, view, viewport, messages: m } = props;
  const ref = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState<Size>(ESTIMATED_SIZE);
  const shown = useRef({ card: card.id, at: performance.now() });
  if (shown.current.card !== card.id) shown.current = { card: card.id, at: performance.now() };
  const pressedBy = useRef('');
  const armed = (action: () => void) => () => {
    if (pressedBy.current === 'touch' && performance.now() - shown.current.at < ARM_MS) return;
    action();
  };
  // Its width depends on the language and the fonts: measured, then placed.
  useLayoutEffect(() => {
    const element = ref.current;
    if (element === null) return;
    const width = element.offsetWidth;
    const height = element.offsetHeight;
    setSize((current) =>
      current.width === width && current.height === height ? current : { width, height },
    );
  });
  const place = placeToolbar(
    rectToScreen(view, card.rect),
    rectToScreen(view, props.section),
    props.headers.map((header) => rectToScreen(view, header)),
    size,
    viewport,
  );
  const style: CSSProperties = { left: place.x, top: place.y };
  return (
    <div
      ref={ref}
      className="card-toolbar"
      role="toolbar"
      aria-label={m.cardActions}
      style={style}
      onPointerDown={(event) => {
        pressedBy.current = event.pointerType;
        event.stopPropagation();
      }}
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        event.preventDefault();
        event.stopPropagation();
        props.onClose();
      }}
    >
      <button type="button" onClick={armed(props.onEdit)}>
        {m.editCard}
      </button>
      <button type="button" aria-pressed={card.child} onClick={armed(props.onToggleChild)}>
        {m.childsOwnWords}
      </button>
      <button type="button" className="danger" onClick={armed(props.onDelete)}>
        {m.deleteCard}
      </button>
    </div>
  );
}
