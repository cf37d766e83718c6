/** @module Typing in a card: a textarea laid exactly over it, bound to the card's shared text. */
import { type CSSProperties, useEffect, useId, useRef } from 'react';
import type * as Y from 'yjs';
import type { SentenceStarter } from '../board/starters';
import { useTextBinding } from '../editor/useTextBinding';
import { CARD_FONT_FAMILY, type CardLayout } from '../layout/board-layout';
import type { View } from '../layout/geometry';
import { CARD_FILL, CHILD_FILL } from './theme';

interface Props {
  card: CardLayout;
  text: Y.Text | null;
  view: View;
  label: string;
  /** The section's guided sentence (danger statements, safety goals), shown under the card. */
  starter?: (SentenceStarter & { label: string }) | undefined;
  onClose: () => void;
}

/** World px between the card and the sentence starter under it. */
const STARTER_GAP = 8;

/**
 * The textarea is sized in world pixels and scaled with the view, so its lines fall where the
 * canvas draws them: the same font, size, line height and text width (no border, the padding of
 * the card's text box), wrapping spaces and long words as `wrapText` does. Uncontrolled:
 * useTextBinding owns its value.
 */
export function CardEditor({ card, text, view, label, starter, onClose }: Props) {
  const ref = useRef<HTMLTextAreaElement>(null);
  const starterId = useId();
  useTextBinding(ref, text);
  useEffect(() => {
    const textarea = ref.current;
    if (textarea === null) return;
    textarea.focus({ preventScroll: true });
    textarea.setSelectionRange(textarea.value.length, textarea.value.length);
  }, []);

  const { rect, textBox } = card;
  const at = (y: number) =>
    `translate(${rect.x * view.scale + view.x}px, ${y * view.scale + view.y}px) scale(${view.scale})`;
  const style: CSSProperties = {
    transform: at(rect.y),
    width: rect.width,
    height: rect.height,
    paddingLeft: textBox.x - rect.x,
    paddingRight: rect.x + rect.width - (textBox.x + textBox.width),
    paddingTop: textBox.y - rect.y,
    paddingBottom: 0,
    fontFamily: CARD_FONT_FAMILY,
    fontSize: card.fontSize,
    lineHeight: `${card.lineHeight}px`,
    background: card.child ? CHILD_FILL : CARD_FILL,
  };
  return (
    <>
      <textarea
        ref={ref}
        className="card-editor"
        style={style}
        aria-label={label}
        aria-describedby={starter === undefined ? undefined : starterId}
        onBlur={onClose}
        onKeyDown={(event) => {
          // Escape ends editing; the textarea keeps Enter for new lines, as a note would.
          if (event.key === 'Escape' && !event.nativeEvent.isComposing) {
            event.preventDefault();
            onClose();
          }
          event.stopPropagation();
        }}
        onPointerDown={(event) => event.stopPropagation()}
        onWheel={(event) => event.stopPropagation()}
      />
      {starter !== undefined && (
        <div
          id={starterId}
          className="card-starter"
          data-testid="card-starter"
          style={{
            transform: at(rect.y + rect.height + STARTER_GAP),
            width: rect.width,
            fontSize: Math.round(card.fontSize * 0.8),
          }}
        >
          <span className="card-starter-label">{starter.label} </span>
          <strong>{starter.starter}</strong>
          <span className="card-starter-hint">{starter.hint}</span>
        </div>
      )}
    </>
  );
}
