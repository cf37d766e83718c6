/** @module Reads which page to show from the address: the board id from the path, the token from `#k=`. */

export type Route =
  | { page: 'home' }
  | { page: 'board'; boardId: string; token: string | null }
  | { page: 'print'; boardId: string; token: string | null; versionId: string | null };

const BOARD_PATH = /^\/b\/([^/]+)\/?$/;
/** The record for the case file: `/b/:id/print#k=<token>`, `&v=<versionId>` for a saved version. */
const PRINT_PATH = /^\/b\/([^/]+)\/print\/?$/;

export function routeOf(pathname: string, hash: string): Route {
  const printId = PRINT_PATH.exec(pathname)?.[1];
  if (printId !== undefined) {
    return {
      page: 'print',
      boardId: safeDecode(printId),
      token: fragmentValue(hash, 'k'),
      versionId: fragmentValue(hash, 'v'),
    };
  }
  const match = BOARD_PATH.exec(pathname);
  const encodedId = match?.[1];
  if (encodedId === undefined) return { page: 'home' };
  return { page: 'board', boardId: safeDecode(encodedId), token: fragmentValue(hash, 'k') };
}

/** The fragment is never part of a page request, so the token stays between the link and this page. */
function fragmentValue(hash: string, key: string): string | null {
  const value = new URLSearchParams(hash.replace(/^#/, '')).get(key);
  return value === null || value === '' ? null : value;
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
