/** @module Which card this screen is typing in; tells the others, and tidies up a new empty card. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { cardText, deleteCard } from '../../shared/cards';
import { setPresenceField } from '../board/presence';

export interface Editing {
  id: string;
  /** Added just now to be written in: closed while still empty, it goes away again. */
  created: boolean;
}

export function useCardEditing(
  doc: Y.Doc,
  awareness: Awareness,
  cardExists: (id: string) => boolean,
) {
  const [editing, setEditing] = useState<Editing | null>(null);
  const current = useRef<Editing | null>(null);

  const start = useCallback(
    (id: string, created: boolean) => {
      const previous = current.current;
      if (previous !== null && previous.id !== id) finish(doc, previous);
      current.current = { id, created };
      setEditing(current.current);
      setPresenceField(awareness, 'editing', id);
    },
    [doc, awareness],
  );

  const stop = useCallback(() => {
    const previous = current.current;
    if (previous === null) return;
    current.current = null;
    setEditing(null);
    setPresenceField(awareness, 'editing', undefined);
    finish(doc, previous);
  }, [doc, awareness]);

  // Someone deleted the card being written in: stop, and stop telling the others.
  const gone = editing !== null && !cardExists(editing.id);
  useEffect(() => {
    if (gone) stop();
  }, [gone, stop]);

  // Leaving the board while typing must not leave "editing" behind in presence.
  useEffect(
    () => () => {
      if (current.current !== null) setPresenceField(awareness, 'editing', undefined);
    },
    [awareness],
  );

  return { editing, start, stop };
}

/**
 * Not tracked by the undo manager (it tracks origin null): tidying away a new card closed empty
 * is not a change of this person's to undo. Undone, it would bring back an empty card; left out,
 * the card's creation undoes to nothing and Ctrl+Z goes on to the change before it.
 */
const EMPTY_CARD_TIDY = Symbol('empty new card tidied away');

function finish(doc: Y.Doc, editing: Editing): void {
  if (!editing.created) return;
  const text = cardText(doc, editing.id);
  if (text !== undefined && text.length === 0) {
    doc.transact(() => deleteCard(doc, editing.id), EMPTY_CARD_TIDY);
  }
}
