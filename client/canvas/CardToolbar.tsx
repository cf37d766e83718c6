/** @module What a writer can do with the selected card: edit, mark as the child's words, delete. */
import type { CSSProperties } from 'react';
import type { Messages } from '../i18n';
import type { CardLayout } from '../layout/board-layout';
import { rectToScreen, type Size, type View } from '../layout/geometry';

interface Props {
  card: CardLayout;
  view: View;
  viewport: Size;
  messages: Messages;
  onEdit: () => void;
  onToggleChild: () => void;
  onDelete: () => void;
}

/** Toolbar height in CSS px, to place it above the card (or below when there is no room). */
const TOOLBAR_HEIGHT = 48;

export function CardToolbar(props: Props) {
  const { card, view, viewport, messages: m } = props;
  const screen = rectToScreen(view, card.rect);
  const above = screen.y - TOOLBAR_HEIGHT - 8;
  const top =
    above >= 0 ? above : Math.min(viewport.height - TOOLBAR_HEIGHT, screen.y + screen.height + 8);
  const style: CSSProperties = {
    left: Math.max(4, Math.min(screen.x, viewport.width - 320)),
    top: Math.max(4, top),
  };
  return (
    <div
      className="card-toolbar"
      role="toolbar"
      aria-label={m.cardActions}
      style={style}
      onPointerDown={(event) => event.stopPropagation()}
    >
      <button type="button" onClick={props.onEdit}>
        {m.editCard}
      </button>
      <button type="button" aria-pressed={card.child} onClick={props.onToggleChild}>
        {m.childsOwnWords}
      </button>
      <button type="button" className="danger" onClick={props.onDelete}>
        {m.deleteCard}
      </button>
    </div>
  );
}
