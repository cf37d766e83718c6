/** @module One card in the list view: its words as written, who is typing, and a writer's buttons. */
import { type MouseEvent, useEffect, useRef, useState } from 'react';
import { type CardView, deleteCard, moveCard, setCardVoice } from '../../shared/cards';
import { useSession } from '../board/session';
import { CardEditor } from './CardEditor';
import { cardName } from './list-text';

interface Props {
  card: CardView;
  /** Its place in the section, for Move up / Move down. */
  index: number;
  last: boolean;
  /** Names of the others typing in this card right now. */
  editors: string[];
}

/** Which button should have focus once React has put the card in its new place. */
type Refocus = 'edit' | 'up' | 'down' | null;

export function CardItem({ card, index, last, editors }: Props) {
  const { doc, writable, messages: m } = useSession();
  const [editing, setEditing] = useState(false);
  const [refocus, setRefocus] = useState<Refocus>(null);
  const editRef = useRef<HTMLButtonElement>(null);
  const upRef = useRef<HTMLButtonElement>(null);
  const downRef = useRef<HTMLButtonElement>(null);
  const child = card.voice === 'child';
  const name = cardName(card.text, m.listEmptyCard);

  // Moving a card re-inserts list items, and closing the editor swaps elements: either loses
  // focus, so put it back on the button the person was using.
  useEffect(() => {
    if (refocus === null) return;
    const target = { edit: editRef, up: upRef, down: downRef }[refocus];
    target.current?.focus();
    setRefocus(null);
  }, [refocus]);

  function move(step: -1 | 1) {
    if ((step < 0 && index === 0) || (step > 0 && last)) return;
    // moveCard counts positions without the card itself, so one step is index ± 1.
    moveCard(doc, card.id, card.section, index + step);
    setRefocus(step < 0 ? 'up' : 'down');
  }

  function remove(event: MouseEvent<HTMLButtonElement>) {
    // Focus goes to the neighbouring card, or to the section's add button, not to the page top.
    const item = event.currentTarget.closest('li');
    const next =
      item?.nextElementSibling ??
      item?.previousElementSibling ??
      item?.closest('.list-section')?.querySelector('.list-add-open');
    deleteCard(doc, card.id);
    const target = next?.matches('button') ? next : next?.querySelector('button');
    if (target instanceof HTMLElement) target.focus();
  }

  return (
    <li className={`list-card${child ? ' list-card--child' : ''}`}>
      {child && <p className="list-card-voice">{m.childsOwnWords}</p>}
      {editing ? (
        <CardEditor
          cardId={card.id}
          onClose={() => {
            setEditing(false);
            setRefocus('edit');
          }}
        />
      ) : (
        <p className="list-card-text">{card.text}</p>
      )}
      {editors.length > 0 && (
        <p className="list-card-editors">
          {m.listEditingNow} {editors.join(', ')}
        </p>
      )}
      {writable && (
        <div className="list-card-actions">
          {!editing && (
            <button
              ref={editRef}
              type="button"
              aria-label={`${m.listEditCard}: ${name}`}
              onClick={() => setEditing(true)}
            >
              {m.listEdit}
            </button>
          )}
          <button
            type="button"
            aria-pressed={child}
            aria-label={`${m.childsOwnWords}: ${name}`}
            onClick={() => setCardVoice(doc, card.id, child ? undefined : 'child')}
          >
            {m.childsOwnWords}
          </button>
          {/* aria-disabled, not disabled: a disabled button would drop focus at the top or end. */}
          <button
            ref={upRef}
            type="button"
            aria-disabled={index === 0}
            aria-label={`${m.listMoveUp}: ${name}`}
            onClick={() => move(-1)}
          >
            {m.listMoveUp}
          </button>
          <button
            ref={downRef}
            type="button"
            aria-disabled={last}
            aria-label={`${m.listMoveDown}: ${name}`}
            onClick={() => move(1)}
          >
            {m.listMoveDown}
          </button>
          <button
            type="button"
            className="list-card-delete"
            aria-label={`${m.listDeleteCard}: ${name}`}
            onClick={remove}
          >
            {m.listDelete}
          </button>
        </div>
      )}
    </li>
  );
}
