/** @module The HTTP calls the pages make (SPEC §4.1), with the server's error sentence kept. */
import { isRecord } from '../shared/fields';
import { isLanguage, type Language } from '../shared/language';
import { isLinkRole, type LinkRole } from '../shared/roles';

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
