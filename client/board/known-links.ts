/** @module The role links this device knows for a board: the server keeps only hashes, so it cannot say them again. */
import { isRecord } from '../../shared/fields';
import { LINK_ROLES } from '../../shared/roles';
import type { RoleLinks } from '../api';
import { routeOf } from '../location';

/** Whatever this device was told: all three on the device that created the board, else fewer. */
export type KnownLinks = Partial<RoleLinks>;

export const linksStorageKey = (boardId: string) => `samkarta:links:${boardId}`;

/** Adds links (a new board's three, or one fresh from a rotation) to what this device knows. */
export function rememberLinks(boardId: string, links: KnownLinks): void {
  const known = { ...recallLinks(boardId), ...links };
  try {
    window.localStorage.setItem(linksStorageKey(boardId), JSON.stringify(known));
  } catch {
    // Storage full or off: the panel then offers a new link where it has none.
  }
}

/** Only links to this very board survive the check: storage is anyone's to write. */
export function recallLinks(boardId: string): KnownLinks {
  let stored: unknown;
  try {
    stored = JSON.parse(window.localStorage.getItem(linksStorageKey(boardId)) ?? 'null');
  } catch {
    return {};
  }
  if (!isRecord(stored)) return {};
  const known: KnownLinks = {};
  for (const role of LINK_ROLES) {
    const link = stored[role];
    if (typeof link === 'string' && isLinkTo(boardId, link)) known[role] = link;
  }
  return known;
}

export function forgetLinks(boardId: string): void {
  try {
    window.localStorage.removeItem(linksStorageKey(boardId));
  } catch {
    // Storage off: there is nothing to forget.
  }
}

/** The token in a link's `#k=`, or null. */
export function tokenOfLink(link: string): string | null {
  try {
    const url = new URL(link);
    const route = routeOf(url.pathname, url.hash);
    return route.page === 'board' ? route.token : null;
  } catch {
    return null;
  }
}

function isLinkTo(boardId: string, link: string): boolean {
  try {
    const url = new URL(link);
    const route = routeOf(url.pathname, url.hash);
    return (
      (url.protocol === 'https:' || url.protocol === 'http:') &&
      route.page === 'board' &&
      route.boardId === boardId &&
      route.token !== null
    );
  } catch {
    return false;
  }
}
