/** @module Rotating this page's own facilitator link: the socket's 4401 that follows is expected, not a refusal. */
import { isLinkRole, type LinkRole } from '../../shared/roles';

/** Refusals held back while this page rotates its own link, per board. */
const rotating = new Map<string, Array<() => void>>();

/** Call before asking for the new link: the server may close this page's socket before it answers. */
export function beginOwnRotation(boardId: string): void {
  rotating.set(boardId, []);
}

/**
 * True when a refusal came during this page's own rotation and was held back. On success the
 * page reloads with the new link, so it never runs; if the rotation fails it runs after all.
 */
export function holdDuringOwnRotation(boardId: string, refusal: () => void): boolean {
  const held = rotating.get(boardId);
  if (held === undefined) return false;
  held.push(refusal);
  return true;
}

/** The rotation failed: the old link may still be refused, and then this page must say so. */
export function ownRotationFailed(boardId: string): void {
  const held = rotating.get(boardId) ?? [];
  rotating.delete(boardId);
  for (const refusal of held) refusal();
}

const reopenKey = (boardId: string) => `samkarta:links-reopen:${boardId}`;

/** After the reload with the new link, the Links panel opens again and shows it. */
export function reopenLinksAfterReload(boardId: string, rotated: LinkRole): void {
  try {
    window.sessionStorage.setItem(reopenKey(boardId), rotated);
  } catch {
    // Storage off: the panel stays closed after the reload; the new link is still remembered.
  }
}

/** The role whose link was just rotated before a reload, if the panel should open again. */
export function linksToReopen(boardId: string): LinkRole | null {
  try {
    const rotated = window.sessionStorage.getItem(reopenKey(boardId));
    return isLinkRole(rotated) ? rotated : null;
  } catch {
    return null;
  }
}

export function reopenedLinks(boardId: string): void {
  try {
    window.sessionStorage.removeItem(reopenKey(boardId));
  } catch {
    // Storage off: nothing was kept.
  }
}
