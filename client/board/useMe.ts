/** @module Joining a board: the remembered person, written into the doc's participants and presence. */
import { useCallback, useEffect, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { listParticipants, upsertParticipant } from '../../shared/participants';
import { renameRatings } from '../../shared/ratings';
import type { ParticipantRole } from '../../shared/roles';
import { newParticipantId, pickColor, recallMe, rememberMe } from './me';
import type { PresenceUser } from './presence';
import type { Me } from './session';

/**
 * The origin of writes that say who this person is. The undo manager tracks only changes without
 * an origin, so Undo never brings back a name the person has corrected.
 */
const WHO_I_AM = Symbol('who-i-am');

interface Options {
  boardId: string;
  doc: Y.Doc;
  awareness: Awareness;
  /** Viewers never join; facilitators are marked so that followers know whose focus to follow. */
  writable: boolean;
  facilitator: boolean;
  /** Only write into the doc once it holds the board, so colours already taken are known. */
  ready: boolean;
}

export function useMe({ boardId, doc, awareness, writable, facilitator, ready }: Options) {
  const [me, setMe] = useState<Me | null>(() => (writable ? recallMe(boardId) : null));

  const join = useCallback(
    (name: string, role: ParticipantRole) => {
      const before = recallMe(boardId);
      const id = before?.id ?? newParticipantId();
      const taken = listParticipants(doc)
        .filter((participant) => participant.id !== id)
        .map((participant) => participant.color);
      // Correcting a name keeps the person's colour: the others know their marker by it.
      const joined: Me = { id, name, role, color: before?.color ?? pickColor(taken, id) };
      rememberMe(boardId, joined);
      setMe(joined);
    },
    [boardId, doc],
  );

  // The doc's participants map is what ratings and exports name people by; keep it in step.
  useEffect(() => {
    if (me === null || !ready) return;
    writeWhoIAm(doc, me);
  }, [doc, me, ready]);

  useEffect(() => {
    if (me === null) return;
    const user: PresenceUser = { id: me.id, name: me.name, role: me.role, color: me.color };
    if (facilitator) user.facilitator = true;
    awareness.setLocalStateField('user', user);
  }, [awareness, me, facilitator]);

  return { me, join };
}

/** Writes the person into the participants map and their markers, outside the undo history. */
export function writeWhoIAm(doc: Y.Doc, me: Me): void {
  doc.transact(() => {
    upsertParticipant(doc, me.id, { name: me.name, role: me.role, color: me.color });
    // A rating carries the name it was given under; a corrected name reaches those too.
    renameRatings(doc, me.id, me.name, me.role);
  }, WHO_I_AM);
}
