/** @module One card in the list view: its words as written, who is typing, and a writer's buttons. */
import { type MouseEvent, useEffect, useId, useRef, useState } from 'react';
import { type CardView, deleteCard, moveCard, setCardVoice } from '../../shared/cards';
import { isSectionId, type SectionId, sectionLabel } from '../../shared/sections';
import { announceCardDeleted } from '../board/deleted-notice';
import { useSession } from '../board/session';
import { CardEditor } from './CardEditor';
import { moveCardToSection, takeArrivingCard } from './card-move';
import { cardName, sectionChoices } from './list-text';

interface Props {
  card: CardView;
  /** Its place in the section, for Move up / Move down. */
  index: number;
  last: boolean;
  /** Names of the others typing in this card right now. */
  editors: string[];
  /** Its words are open in an editor (kept by the list, so a move elsewhere keeps it open). */
  editing: boolean;
  onEditing: (open: boolean) => void;
}

/** Which control should have focus once React has put the card in its new place. */
type Refocus = 'edit' | 'more' | 'up' | 'down' | 'section' | null;

export function CardItem({ card, index, last, editors, editing, onEditing }: Props) {
  const { doc, writable, language, messages: m } = useSession();
  // Edit and the child's-words toggle are always there; the rarer actions wait behind "More",
  // so that a phone shows one row of buttons per card rather than three.
  const [moreOpen, setMoreOpen] = useState(false);
  const [target, setTarget] = useState<SectionId>(card.section);
  const [refocus, setRefocus] = useState<Refocus>(null);
  const editRef = useRef<HTMLButtonElement>(null);
  const moreRef = useRef<HTMLButtonElement>(null);
  const upRef = useRef<HTMLButtonElement>(null);
  const downRef = useRef<HTMLButtonElement>(null);
  const sectionRef = useRef<HTMLSelectElement>(null);
  const moreId = useId();
  const sectionFieldId = useId();
  const child = card.voice === 'child';
  const name = cardName(card.text, m.listEmptyCard);

  // A card just moved here from another section comes back as a new component: open its
  // actions again and put focus where the person left it.
  useEffect(() => {
    if (!takeArrivingCard(card.id)) return;
    setMoreOpen(true);
    setRefocus('section');
  }, [card.id]);

  // Someone else may move the card meanwhile: the choice starts from where it is now.
  useEffect(() => setTarget(card.section), [card.section]);

  // Moving a card re-inserts list items, and closing the editor swaps elements: either loses
  // focus, so put it back on the control the person was using.
  useEffect(() => {
    if (refocus === null) return;
    const refs = { edit: editRef, more: moreRef, up: upRef, down: downRef, section: sectionRef };
    refs[refocus].current?.focus();
    setRefocus(null);
  }, [refocus]);

  function move(step: -1 | 1) {
    if ((step < 0 && index === 0) || (step > 0 && last)) return;
    // moveCard counts positions without the card itself, so one step is index ± 1.
    moveCard(doc, card.id, card.section, index + step);
    setRefocus(step < 0 ? 'up' : 'down');
  }

  function moveToSection() {
    if (target === card.section) return;
    const label = sectionLabel(target, language);
    moveCardToSection(doc, card.id, target, `${m.listCardMovedTo} ${label}: ${name}`);
  }

  function remove(event: MouseEvent<HTMLButtonElement>) {
    // Focus goes to the neighbouring card, or to the section's add button, not to the page top.
    const item = event.currentTarget.closest('li');
    const next =
      item?.nextElementSibling ??
      item?.previousElementSibling ??
      item?.closest('.list-section')?.querySelector('.list-add-open');
    deleteCard(doc, card.id);
    announceCardDeleted();
    const focusTarget = next?.matches('button') ? next : next?.querySelector('button');
    if (focusTarget instanceof HTMLElement) focusTarget.focus();
  }

  return (
    <li className={`list-card${child ? ' list-card--child' : ''}`}>
      {child && <p className="list-card-voice">{m.childsOwnWords}</p>}
      {editing ? (
        <CardEditor
          cardId={card.id}
          onClose={() => {
            onEditing(false);
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
              onClick={() => onEditing(true)}
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
          <button
            ref={moreRef}
            type="button"
            className="list-card-more"
            aria-expanded={moreOpen}
            aria-controls={moreId}
            aria-label={`${m.listMoreActionsFor}: ${name}`}
            onClick={() => setMoreOpen((open) => !open)}
          >
            {m.listMoreActions}
          </button>
        </div>
      )}
      {writable && (
        <fieldset
          id={moreId}
          aria-label={`${m.listMoreActionsFor}: ${name}`}
          className="list-card-more-actions"
          hidden={!moreOpen}
          onKeyDown={(event) => {
            if (event.key !== 'Escape' || event.defaultPrevented) return;
            event.preventDefault();
            setMoreOpen(false);
            setRefocus('more');
          }}
        >
          {/* A choice and a button rather than moving on change: arrow keys on a closed
              select change it at once, and each change would carry the card off again. */}
          <div className="list-card-section">
            <label htmlFor={sectionFieldId}>{m.listMoveToSection}</label>
            <div className="list-card-section-row">
              <select
                ref={sectionRef}
                id={sectionFieldId}
                aria-label={`${m.listMoveToSection}: ${name}`}
                value={target}
                onChange={(event) => {
                  if (isSectionId(event.target.value)) setTarget(event.target.value);
                }}
              >
                {sectionChoices(language).map((group) => (
                  <optgroup key={group.label} label={group.label}>
                    {group.sections.map((section) => (
                      <option key={section.id} value={section.id}>
                        {section.label}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </select>
              <button
                type="button"
                aria-disabled={target === card.section}
                aria-label={`${m.listMoveCard}: ${name}`}
                onClick={moveToSection}
              >
                {m.listMove}
              </button>
            </div>
          </div>
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
        </fieldset>
      )}
    </li>
  );
}
