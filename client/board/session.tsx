/** @module The open board as every component sees it: the doc, presence, who I am, words and undo. */
import { createContext, useContext, useEffect, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import type { Language } from '../../shared/language';
import type { LinkRole, ParticipantRole } from '../../shared/roles';
import type { Messages } from '../i18n';
import { type Peer, readPeers } from './presence';

/** The person at this screen, once they have joined (viewers never join). */
export interface Me {
  id: string;
  name: string;
  role: ParticipantRole;
  color: string;
}

export interface BoardSession {
  boardId: string;
  doc: Y.Doc;
  awareness: Awareness;
  linkRole: LinkRole;
  /** False for viewers: no editing controls anywhere. */
  writable: boolean;
  /** Null for viewers (a projector is nobody). */
  me: Me | null;
  /** The UI language (the board's, unless this person switched). Section labels follow it. */
  language: Language;
  messages: Messages;
  /** Undoes this screen's own changes only; null for viewers. */
  undo: Y.UndoManager | null;
}

const SessionContext = createContext<BoardSession | null>(null);

export const SessionProvider = SessionContext.Provider;

export function useSession(): BoardSession {
  const session = useContext(SessionContext);
  if (session === null) throw new Error('useSession needs a SessionProvider above it');
  return session;
}

/**
 * A number that changes on every document update: components that read the doc during render
 * pass it to useMemo so they compute again exactly when the board changed.
 */
export function useDocRevision(doc: Y.Doc): number {
  const [revision, setRevision] = useState(0);
  useEffect(() => {
    const bump = () => setRevision((value) => value + 1);
    doc.on('update', bump);
    return () => doc.off('update', bump);
  }, [doc]);
  return revision;
}

/** Everyone who has said who they are, this screen included, updated live. */
export function usePeers(awareness: Awareness): Peer[] {
  const [peers, setPeers] = useState<Peer[]>(() => readPeers(awareness));
  useEffect(() => {
    // 'change' fires only when a state really changed, not on the 15 s keep-alive renewals.
    const refresh = () => setPeers(readPeers(awareness));
    refresh();
    awareness.on('change', refresh);
    return () => awareness.off('change', refresh);
  }, [awareness]);
  return peers;
}
