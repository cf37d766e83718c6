/** @module Who this device's person is on a board: id, name, role, colour, kept per board in localStorage. */
import { nanoid } from 'nanoid';
import { isParticipantRole } from '../../shared/roles';
import type { Me } from './session';

/**
 * Marker and cursor colours: distinct from each other and dark enough for white initials
 * (contrast ≥ 4.5:1 against #fff).
 */
export const PARTICIPANT_COLORS = [
  '#1a4fa0',
  '#a3221b',
  '#1d6a35',
  '#6d3fb0',
  '#9a4a00',
  '#00677a',
  '#b0216d',
  '#4a5a12',
  '#5a4a8a',
  '#2f4f4f',
] as const;

export const meStorageKey = (boardId: string) => `samkarta:me:${boardId}`;

/** The person who joined this board on this device before, if any. */
export function recallMe(boardId: string): Me | null {
  try {
    const stored = window.localStorage.getItem(meStorageKey(boardId));
    if (stored === null) return null;
    const value: unknown = JSON.parse(stored);
    if (typeof value !== 'object' || value === null) return null;
    const { id, name, role, color } = value as Record<string, unknown>;
    if (typeof id !== 'string' || typeof name !== 'string' || name.trim() === '') return null;
    if (!isParticipantRole(role) || typeof color !== 'string') return null;
    return { id, name, role, color };
  } catch {
    return null;
  }
}

/** Remembers the person; the id stays the same when they change their name or role later. */
export function rememberMe(boardId: string, me: Me): void {
  try {
    window.localStorage.setItem(meStorageKey(boardId), JSON.stringify(me));
  } catch {
    // Storage off (private mode, policy): they are asked again next visit, nothing worse.
  }
}

export function newParticipantId(): string {
  return nanoid();
}

/** The first colour nobody on the board has yet; when all are taken, one picked by the id. */
export function pickColor(taken: readonly string[], id: string): string {
  const free = PARTICIPANT_COLORS.find((color) => !taken.includes(color));
  if (free !== undefined) return free;
  let hash = 0;
  for (const char of id) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return PARTICIPANT_COLORS[hash % PARTICIPANT_COLORS.length] ?? PARTICIPANT_COLORS[0];
}
