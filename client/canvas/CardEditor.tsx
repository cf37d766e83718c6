/** @module Typing in a card: a textarea laid exactly over it, bound to the card's shared text. */
import { type CSSProperties, useEffect, useRef } from 'react';
import type * as Y from 'yjs';
import { useTextBinding } from '../editor/useTextBinding';
import { CARD_FONT_FAMILY, type CardLayout } from '../layout/board-layout';
import type { View } from '../layout/geometry';
import { CARD_FILL, CHILD_FILL } from './theme';

interface Props {
  card: CardLayout;
  text: Y.Text | null;
  view: View;
  label: string;
  onClose: () => void;
}

/**
 * The textarea is sized in world pixels and scaled with the view, so its lines fall where the
 * canvas draws them. Uncontrolled: useTextBinding owns its value.
 */
export function CardEditor({ card, text, view, label, onClose }: Props) {
  const ref = useRef<HTMLTextAreaElement>(null);
  useTextBinding(ref, text);
  useEffect(() => {
    const textarea = ref.current;
    if (textarea === null) return;
    textarea.focus({ preventScroll: true });
    textarea.setSelectionRange(textarea.value.length, textarea.value.length);
  }, []);

  const { rect, textBox } = card;
  const style: CSSProperties = {
    transform: `translate(${rect.x * view.scale + view.x}px, ${rect.y * view.scale + view.y}px) scale(${view.scale})`,
    width: rect.width,
    height: rect.height,
    paddingLeft: textBox.x - rect.x,
    paddingRight: textBox.x - rect.x,
    paddingTop: textBox.y - rect.y,
    paddingBottom: 0,
    fontFamily: CARD_FONT_FAMILY,
    fontSize: card.fontSize,
    lineHeight: `${card.lineHeight}px`,
    background: card.child ? CHILD_FILL : CARD_FILL,
  };
  return (
    <textarea
      ref={ref}
      className="card-editor"
      style={style}
      aria-label={label}
      onBlur={onClose}
      onKeyDown={(event) => {
        // Escape ends editing; the textarea keeps Enter for new lines, as a note would.
        if (event.key === 'Escape') {
          event.preventDefault();
          onClose();
        }
        event.stopPropagation();
      }}
      onPointerDown={(event) => event.stopPropagation()}
      onWheel={(event) => event.stopPropagation()}
    />
  );
}
