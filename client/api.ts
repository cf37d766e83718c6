/** @module The HTTP calls the pages make (SPEC §4.1), with the server's error sentence kept. */
import type { BoardExport } from '../shared/export';
import { isRecord } from '../shared/fields';
import { isLanguage, type Language } from '../shared/language';
import { isLinkRole, type LinkRole } from '../shared/roles';
import type { VersionInfo } from '../shared/version';

export type RoleLinks = Record<LinkRole, string>;

export interface CreatedBoard {
  id: string;
  links: RoleLinks;
}

export interface BoardInfo {
  id: string;
  title: string;
  role: LinkRole;
  createdAt: number;
  /** Not in SPEC §4.1 today; used when a server sends it, so the page need not guess. */
  language?: Language;
}

/** What a failed call tells the person: the server's sentence, or nothing we can show. */
export type ApiResult<T> =
  | { ok: true; value: T }
  | { ok: false; status: number; error: string | undefined };

/** A new link for a role; the old one no longer works (SPEC §3). */
export interface RotatedLink {
  token: string;
  link: string;
}

/** `createKey`: needed when the server has CREATE_KEY set; it answers 401 without it. */
export async function createBoard(
  title: string,
  language: Language,
  createKey?: string,
): Promise<ApiResult<CreatedBoard>> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (createKey !== undefined) headers.Authorization = `Bearer ${createKey}`;
  return request(
    '/api/boards',
    { method: 'POST', headers, body: JSON.stringify({ title, language }) },
    parseCreatedBoard,
  );
}

/** Facilitator only: revokes the role's link at once and answers with the new one. */
export async function rotateLink(
  boardId: string,
  role: LinkRole,
  token: string,
): Promise<ApiResult<RotatedLink>> {
  return request(
    `/api/boards/${encodeURIComponent(boardId)}/links/${role}/rotate`,
    { method: 'POST', headers: { Authorization: `Bearer ${token}` } },
    parseRotatedLink,
  );
}

/** Facilitator only: erases the board for everyone (204, no body). */
export async function deleteBoard(boardId: string, token: string): Promise<ApiResult<true>> {
  return request(
    `/api/boards/${encodeURIComponent(boardId)}`,
    { method: 'DELETE', headers: { Authorization: `Bearer ${token}` } },
    () => true,
  );
}

export async function fetchBoardInfo(
  boardId: string,
  token: string,
): Promise<ApiResult<BoardInfo>> {
  return request(
    `/api/boards/${encodeURIComponent(boardId)}`,
    {
      headers: { Authorization: `Bearer ${token}` },
    },
    parseBoardInfo,
  );
}

async function request<T>(
  path: string,
  init: RequestInit,
  parse: (body: unknown) => T | undefined,
): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch {
    // Offline or the server is down: status 0 says "no answer at all".
    return { ok: false, status: 0, error: undefined };
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (response.ok) {
    const value = parse(body);
    if (value !== undefined) return { ok: true, value };
  }
  return { ok: false, status: response.status, error: errorSentence(body) };
}

/** A GET whose answer is not JSON (bytes, a file): `read` takes the body of a 2xx answer. */
async function requestBody<T>(
  path: string,
  token: string,
  read: (response: Response) => Promise<T>,
): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(path, { headers: { Authorization: `Bearer ${token}` } });
  } catch {
    return { ok: false, status: 0, error: undefined };
  }
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => undefined);
    return { ok: false, status: response.status, error: errorSentence(body) };
  }
  try {
    return { ok: true, value: await read(response) };
  } catch {
    // The connection dropped while the body came.
    return { ok: false, status: 0, error: undefined };
  }
}

function errorSentence(body: unknown): string | undefined {
  if (isRecord(body) && typeof body.error === 'string' && body.error.trim() !== '') {
    return body.error;
  }
  return undefined;
}

function parseCreatedBoard(body: unknown): CreatedBoard | undefined {
  if (!isRecord(body) || typeof body.id !== 'string' || !isRecord(body.links)) return undefined;
  const { facilitator, participant, viewer } = body.links;
  if (typeof facilitator !== 'string' || typeof participant !== 'string') return undefined;
  if (typeof viewer !== 'string') return undefined;
  return { id: body.id, links: { facilitator, participant, viewer } };
}

function parseRotatedLink(body: unknown): RotatedLink | undefined {
  if (!isRecord(body) || typeof body.token !== 'string' || typeof body.link !== 'string') {
    return undefined;
  }
  return { token: body.token, link: body.link };
}

function parseBoardInfo(body: unknown): BoardInfo | undefined {
  if (!isRecord(body) || typeof body.id !== 'string' || typeof body.title !== 'string') {
    return undefined;
  }
  if (!isLinkRole(body.role) || typeof body.createdAt !== 'number') return undefined;
  const info: BoardInfo = {
    id: body.id,
    title: body.title,
    role: body.role,
    createdAt: body.createdAt,
  };
  if (isLanguage(body.language)) info.language = body.language;
  return info;
}

// — Versions (SPEC §4.1): named snapshots of the board —

/** What a restore did: the board as it was, saved first, and the version it now equals. */
export interface RestoredVersion {
  saved: VersionInfo;
  restored: VersionInfo;
}

/** Every saved version of the board, oldest first. Any role. */
export async function listVersions(
  boardId: string,
  token: string,
): Promise<ApiResult<VersionInfo[]>> {
  return request(
    versionsPath(boardId),
    { headers: { Authorization: `Bearer ${token}` } },
    (body) => (Array.isArray(body) && body.every(isVersionInfo) ? body : undefined),
  );
}

/** Facilitator only: saves the board as it is now under this name. */
export async function saveVersion(
  boardId: string,
  token: string,
  label: string,
): Promise<ApiResult<VersionInfo>> {
  return request(
    versionsPath(boardId),
    {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ label }),
    },
    (body) => (isVersionInfo(body) ? body : undefined),
  );
}

/** The version's Yjs state as one update: applied to a new Y.Doc it is the board as it was. */
export async function fetchVersionUpdate(
  boardId: string,
  token: string,
  versionId: string,
): Promise<ApiResult<Uint8Array>> {
  return requestBody(
    `${versionsPath(boardId)}/${encodeURIComponent(versionId)}/update`,
    token,
    async (response) => new Uint8Array(await response.arrayBuffer()),
  );
}

/** Facilitator only: saves the board as it is now, then makes it equal the version, live for everyone. */
export async function restoreVersion(
  boardId: string,
  token: string,
  versionId: string,
): Promise<ApiResult<RestoredVersion>> {
  return request(
    `${versionsPath(boardId)}/${encodeURIComponent(versionId)}/restore`,
    { method: 'POST', headers: { Authorization: `Bearer ${token}` } },
    (body) =>
      isRecord(body) && isVersionInfo(body.saved) && isVersionInfo(body.restored)
        ? { saved: body.saved, restored: body.restored }
        : undefined,
  );
}

function versionsPath(boardId: string): string {
  return `/api/boards/${encodeURIComponent(boardId)}/versions`;
}

function isVersionInfo(value: unknown): value is VersionInfo {
  return (
    isRecord(value) &&
    typeof value.id === 'string' &&
    typeof value.label === 'string' &&
    typeof value.createdAt === 'number'
  );
}

/** The outline only: our own server built it; enough that reading it cannot throw. */
function looksLikeBoardExport(value: unknown): value is BoardExport {
  return (
    isRecord(value) &&
    typeof value.title === 'string' &&
    Array.isArray(value.sections) &&
    value.sections.every((section) => isRecord(section) && Array.isArray(section.cards)) &&
    Array.isArray(value.scales) &&
    value.scales.every((scale) => isRecord(scale) && Array.isArray(scale.ratings)) &&
    Array.isArray(value.participants)
  );
}

// — Export for the case file (SPEC §4.1, §4.4): the record as JSON or Markdown —

/** The board as SPEC §4.4 JSON: as it is now, or as a saved version was. Any role. */
export async function fetchBoardExport(
  boardId: string,
  token: string,
  versionId?: string,
): Promise<ApiResult<BoardExport>> {
  return request(
    `${exportBase(boardId, versionId)}/export.json`,
    { headers: { Authorization: `Bearer ${token}` } },
    (body) => (looksLikeBoardExport(body) ? body : undefined),
  );
}

export type RecordFormat = 'md' | 'json';

/** The record as a file to save, byte for byte as the server wrote it. Any role. */
export async function fetchRecordFile(
  boardId: string,
  token: string,
  format: RecordFormat,
  versionId?: string,
): Promise<ApiResult<Blob>> {
  return requestBody(`${exportBase(boardId, versionId)}/export.${format}`, token, (response) =>
    response.blob(),
  );
}

function exportBase(boardId: string, versionId: string | undefined): string {
  return versionId === undefined
    ? `/api/boards/${encodeURIComponent(boardId)}`
    : `${versionsPath(boardId)}/${encodeURIComponent(versionId)}`;
}
