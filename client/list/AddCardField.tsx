/** @module "Add card to <section>" in the list view: a field that stays open for the next card. */
import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { addCard } from '../../shared/cards';
import type { SectionDefinition } from '../../shared/sections';
import { useSession } from '../board/session';
import { sentenceStarter } from '../board/starters';

interface Props {
  section: SectionDefinition;
  /** The participant id the new cards are written by. */
  author: string;
}

export function AddCardField({ section, author }: Props) {
  const { doc, language, messages: m } = useSession();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [added, setAdded] = useState(0);
  const openerRef = useRef<HTMLButtonElement>(null);
  const fieldRef = useRef<HTMLTextAreaElement>(null);
  const wasOpen = useRef(false);
  const fieldId = useId();
  const hintId = useId();
  const label = section.label[language];
  const starter = sentenceStarter(section.id, m);

  // Opening puts the caret in the field; closing puts focus back on the button that opened it.
  useEffect(() => {
    if (open) fieldRef.current?.focus();
    else if (wasOpen.current) openerRef.current?.focus();
    wasOpen.current = open;
  }, [open]);

  function save() {
    // The words go in exactly as written; only a card with no words at all is refused.
    if (text.trim() === '') return;
    addCard(doc, { section: section.id, author, text });
    setText('');
    setAdded((count) => count + 1);
    // After a click on Save, the next card is typed in the same field.
    fieldRef.current?.focus();
  }

  function close() {
    setText('');
    setOpen(false);
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    // Never while an IME is composing: there Enter and Escape belong to the IME.
    if (event.nativeEvent.isComposing) return;
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      save();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      close();
    }
  }

  if (!open) {
    return (
      <button ref={openerRef} type="button" className="list-add-open" onClick={() => setOpen(true)}>
        {`${m.listAddCardTo} ${label}`}
      </button>
    );
  }
  return (
    <div className="list-add">
      <label htmlFor={fieldId}>{`${m.newCardIn} ${label}`}</label>
      <textarea
        id={fieldId}
        ref={fieldRef}
        rows={starter === undefined ? 2 : 3}
        value={text}
        placeholder={starter?.starter ?? m.newCardPlaceholder}
        aria-describedby={hintId}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <div id={hintId} className="hint">
        {starter !== undefined && <p>{starter.hint}</p>}
        {/* Keys for a keyboard, buttons for a touch screen: each sees the hint that applies. */}
        <p className="hint-keys">{m.listNewCardKeys}</p>
        <p className="hint-touch">{m.listNewCardTouch}</p>
      </div>
      <div className="list-add-actions">
        <button type="button" onClick={save}>
          {m.listSaveCard}
        </button>
        <button type="button" className="list-secondary" onClick={close}>
          {m.listClose}
        </button>
      </div>
      {/* Tells a screen reader the card went in, since focus stays in the field. */}
      <p className="visually-hidden" role="status">
        {added > 0 ? `${m.listCardAdded} (${added})` : ''}
      </p>
    </div>
  );
}
