/** @module Reads which page to show from the address: the board id from the path, the token from `#k=`. */

export type Route = { page: 'home' } | { page: 'board'; boardId: string; token: string | null };

const BOARD_PATH = /^\/b\/([^/]+)\/?$/;

export function routeOf(pathname: string, hash: string): Route {
  const match = BOARD_PATH.exec(pathname);
  const encodedId = match?.[1];
  if (encodedId === undefined) return { page: 'home' };
  return { page: 'board', boardId: safeDecode(encodedId), token: tokenOf(hash) };
}

/** The fragment is never part of a page request, so the token stays between the link and this page. */
function tokenOf(hash: string): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('k');
  return token === null || token === '' ? null : token;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** ws:// or wss:// to the same host that served the page. */
export function webSocketOrigin(location: Location): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}`;
}
