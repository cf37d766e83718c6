/** @module Saving an export as a file: its name (`samkarta-<title>-<yyyy-mm-dd>.md`) and the Blob link that saves it. */

const MAX_SLUG_CHARS = 60;
/** Long enough for the browser to have started the download; the URL only holds memory. */
const REVOKE_AFTER_MS = 60_000;

/**
 * "Familjen Åberg, möte 2" on 12 May 2026 → `samkarta-familjen-aberg-mote-2-2026-05-12.md`: a name
 * every file system and mail program accepts. The date is the local one, as the person reads it.
 */
export function recordFileName(title: string, date: Date, extension: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_SLUG_CHARS)
    .replace(/-+$/, '');
  const day = [
    String(date.getFullYear()).padStart(4, '0'),
    String(date.getMonth() + 1).padStart(2, '0'),
    String(date.getDate()).padStart(2, '0'),
  ].join('-');
  return `samkarta-${slug === '' ? 'board' : slug}-${day}.${extension}`;
}

/** Saves a fetched file through a temporary link: the token stays in the fetch, never in a URL. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}

/** The print view of the board now, or of a saved version; the token goes in the fragment. */
export function printViewHref(boardId: string, token: string, versionId?: string): string {
  const fragment = new URLSearchParams({ k: token });
  if (versionId !== undefined) fragment.set('v', versionId);
  return `/b/${encodeURIComponent(boardId)}/print#${fragment.toString()}`;
}
