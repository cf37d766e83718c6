/** @module The small "add card" field under a section, for links that may write. */
import { type FormEvent, type KeyboardEvent, useId, useState } from 'react';
import type * as Y from 'yjs';
import { addCard } from '../shared/cards';
import type { SectionId } from '../shared/sections';
import type { Messages } from './i18n';

interface Props {
  doc: Y.Doc;
  section: SectionId;
  sectionLabel: string;
  author: string;
  messages: Messages;
}

export function AddCardForm({ doc, section, sectionLabel, author, messages: m }: Props) {
  const [text, setText] = useState('');
  const fieldId = useId();

  function submit() {
    // The words go in exactly as written; only an empty card is not worth adding.
    if (text.trim() === '') return;
    addCard(doc, { section, text, author });
    setText('');
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    submit();
  }

  // Enter adds the card, Shift+Enter starts a new line; never while an IME is composing.
  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    }
  }

  return (
    <form className="add-card" onSubmit={onSubmit}>
      <label htmlFor={fieldId} className="visually-hidden">
        {`${m.newCardIn} ${sectionLabel}`}
      </label>
      <textarea
        id={fieldId}
        rows={1}
        value={text}
        placeholder={m.newCardPlaceholder}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <button type="submit">{m.addCard}</button>
    </form>
  );
}
