/** @module What this device remembers of a board it opened, so a reload while offline still works. */

import { isLanguage } from '../../shared/language';
import { isLinkRole } from '../../shared/roles';
import type { BoardInfo } from '../api';
import { linksStorageKey, recallLinks, tokenOfLink } from './known-links';
import { meStorageKey } from './me';
import { languageStorageKey } from './useUiLanguage';

const storageKey = (boardId: string) => `samkarta:info:${boardId}`;

/** The name of this board's local copy in IndexedDB (y-indexeddb's database). */
export const localCopyName = (boardId: string) => `samkarta:board:${boardId}`;

interface Remembered {
  /** SHA-256 of the link's token: only the same link may open the remembered board offline. */
  link: string;
  info: BoardInfo;
}

/** Keeps the checked link's answer (title, role) for the next offline reload. */
export async function rememberBoard(info: BoardInfo, token: string): Promise<void> {
  const link = await fingerprint(token);
  if (link === undefined) return;
  write(storageKey(info.id), JSON.stringify({ link, info } satisfies Remembered));
}

/** The board as last checked with this very link, or undefined. */
export async function recallBoard(boardId: string, token: string): Promise<BoardInfo | undefined> {
  const link = await fingerprint(token);
  const stored = read(storageKey(boardId));
  if (link === undefined || stored === null) return undefined;
  try {
    const parsed: unknown = JSON.parse(stored);
    if (!isRemembered(parsed) || parsed.link !== link || parsed.info.id !== boardId) {
      return undefined;
    }
    return parsed.info;
  } catch {
    return undefined;
  }
}

/**
 * The server said the link or board is gone: forget it on this device too, the board's words
 * in this device's copy included (that copy is only opened, and cleared, by a board page that
 * gets as far as the socket, which a refused link never does).
 */
export function forgetBoard(
  boardId: string,
  reason: 'link-refused' | 'board-gone',
  refusedToken?: string,
): void {
  // A refused link may come back as a new one (rotation): the person stays who they were. A
  // board that is gone takes its last traces on this device with it, their name included. The
  // links this device kept go with the board, or with the facilitator link they came with: a
  // device that no longer leads should not keep the others' links.
  const keys = [storageKey(boardId)];
  const kept = recallLinks(boardId).facilitator;
  if (reason === 'board-gone' || (kept && tokenOfLink(kept) === refusedToken)) {
    keys.push(linksStorageKey(boardId));
  }
  if (reason === 'board-gone') keys.push(meStorageKey(boardId), languageStorageKey(boardId));
  try {
    for (const key of keys) window.localStorage.removeItem(key);
  } catch {
    // Storage off: there is nothing to forget.
  }
  try {
    // Waits, if need be, until another tab with the board open lets go of it.
    indexedDB.deleteDatabase(localCopyName(boardId));
  } catch {
    // No IndexedDB (private mode, policy): there is no copy either.
  }
}

async function fingerprint(token: string): Promise<string | undefined> {
  // crypto.subtle exists only on secure origins (https, localhost); elsewhere remember nothing.
  if (typeof crypto === 'undefined' || crypto.subtle === undefined) return undefined;
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

function isRemembered(value: unknown): value is Remembered {
  if (typeof value !== 'object' || value === null) return false;
  const { link, info } = value as Record<string, unknown>;
  if (typeof link !== 'string' || typeof info !== 'object' || info === null) return false;
  const fields = info as Record<string, unknown>;
  return (
    typeof fields.id === 'string' &&
    typeof fields.title === 'string' &&
    isLinkRole(fields.role) &&
    typeof fields.createdAt === 'number' &&
    (fields.language === undefined || isLanguage(fields.language))
  );
}

function read(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string): void {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // Storage full or off: offline reloads then need the server, nothing worse.
  }
}
