/** @module Editing a card's words in the list view: a textarea bound to the card's Y.Text. */
import { type KeyboardEvent, useEffect, useId, useRef } from 'react';
import { cardText } from '../../shared/cards';
import { setPresenceField } from '../board/presence';
import { useSession } from '../board/session';
import { useTextBinding } from '../editor/useTextBinding';

interface Props {
  cardId: string;
  onClose: () => void;
}

export function CardEditor({ cardId, onClose }: Props) {
  const { doc, awareness, messages: m } = useSession();
  const fieldRef = useRef<HTMLTextAreaElement>(null);
  const fieldId = useId();
  // Every keystroke goes into the shared text at once, so Done only closes; nothing to save.
  useTextBinding(fieldRef, cardText(doc, cardId) ?? null);

  // Tell the others who is typing here, for as long as the field is open.
  useEffect(() => {
    // Opened, or back after someone moved the card to another section: the focus was on the
    // Edit button or the old field, which are gone. Never take it from where it went meanwhile.
    const field = fieldRef.current;
    const focused = field?.ownerDocument.activeElement;
    if (focused === null || focused === field?.ownerDocument.body) field?.focus();
    setPresenceField(awareness, 'editing', cardId);
    return () => {
      // Another editor may have claimed `editing` since; only clear it if it is still ours.
      if (awareness.getLocalState()?.editing === cardId) {
        setPresenceField(awareness, 'editing', undefined);
      }
    };
  }, [awareness, cardId]);

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Escape' && !event.nativeEvent.isComposing) {
      event.preventDefault();
      onClose();
    }
  }

  return (
    <div className="list-card-editor">
      <label htmlFor={fieldId}>{m.listEditCard}</label>
      <textarea id={fieldId} ref={fieldRef} rows={3} onKeyDown={onKeyDown} />
      <button type="button" onClick={onClose}>
        {m.listDone}
      </button>
    </div>
  );
}
