/** @module This browser's participant id on a board: random, kept in localStorage per board. */
import { nanoid } from 'nanoid';
import { useMemo } from 'react';

const storageKey = (boardId: string) => `samkarta:participant:${boardId}`;

export function useParticipantId(boardId: string): string {
  return useMemo(() => participantIdFor(boardId), [boardId]);
}

function participantIdFor(boardId: string): string {
  try {
    const stored = window.localStorage.getItem(storageKey(boardId));
    if (stored) return stored;
    const fresh = nanoid();
    window.localStorage.setItem(storageKey(boardId), fresh);
    return fresh;
  } catch {
    // Storage can be off (private mode, policy); the id then lasts as long as the page.
    return nanoid();
  }
}
