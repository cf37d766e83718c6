/** @module The board API (SPEC §4.1): create, read, export, versions (versions.ts), rotate links, delete. Tokens come as `Authorization: Bearer`. */
import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import * as Y from 'yjs';
import { z } from 'zod';
import { initBoardDoc } from '../../shared/board';
import { exportBoardJson, exportBoardMarkdown } from '../../shared/export';
import { LANGUAGES } from '../../shared/language';
import { isLinkRole, LINK_ROLES, type LinkRole } from '../../shared/roles';
import { resolveAccess } from '../access';
import { httpError, readJson } from '../http-error';
import { newBoardId } from '../ids';
import type { Logger } from '../log';
import type { BoardRecord, BoardStore } from '../store/types';
import { serverDoc } from '../sync/doc';
import type { Rooms } from '../sync/rooms';
import { hashToken, newToken, secretsEqual } from '../tokens';
import { versionRoutes } from './versions';

export const MAX_TITLE_CHARS = 200;

const CreateBoardBody = z.object({
  title: z
    .string({ error: 'The board needs a title (a text).' })
    .trim()
    .min(1, 'The board needs a title.')
    .max(MAX_TITLE_CHARS, `The title can be at most ${MAX_TITLE_CHARS} characters.`),
  language: z.enum(LANGUAGES, { error: 'The language must be "sv" or "en".' }).optional(),
});

export interface BoardRoutesDeps {
  store: BoardStore;
  log: Logger;
  rooms: Rooms;
  publicUrl: string | undefined;
  createKey: string | undefined;
}

type BoardEnv = { Variables: { board: BoardRecord; role: LinkRole } };

export function boardRoutes(deps: BoardRoutesDeps) {
  const app = new Hono<BoardEnv>();
  const originOf = (requestUrl: string) => deps.publicUrl ?? new URL(requestUrl).origin;

  /** Resolves the bearer token to a role on the board, and refuses roles not in `allowed`. */
  const access = (allowed: readonly LinkRole[] = LINK_ROLES) =>
    createMiddleware<BoardEnv>(async (c, next) => {
      const result = await resolveAccess(
        deps.store,
        c.req.param('id') ?? '',
        bearer(c.req.header('authorization')),
      );
      if (!result.ok) {
        throw result.reason === 'unknown-board'
          ? httpError(404, 'There is no such board.')
          : httpError(401, 'A valid link token is needed for this board.');
      }
      if (!allowed.includes(result.role)) {
        throw httpError(403, 'Your link does not allow this.');
      }
      c.set('board', result.board);
      c.set('role', result.role);
      await next();
    });

  app.post('/', async (c) => {
    if (
      deps.createKey &&
      !secretsEqual(bearer(c.req.header('authorization')) ?? '', deps.createKey)
    ) {
      throw httpError(401, 'Creating a board needs the create key.');
    }
    const body = CreateBoardBody.safeParse(await readJson(c.req.raw));
    if (!body.success)
      throw httpError(400, body.error.issues[0]?.message ?? 'The request is not valid.');

    const board: BoardRecord = {
      id: newBoardId(),
      title: body.data.title,
      language: body.data.language ?? 'sv',
      createdAt: Date.now(),
    };
    const tokens = Object.fromEntries(LINK_ROLES.map((role) => [role, newToken()])) as Record<
      LinkRole,
      string
    >;
    const hashes = Object.fromEntries(
      LINK_ROLES.map((role) => [role, hashToken(tokens[role])]),
    ) as Record<LinkRole, string>;
    const doc = serverDoc(board.id);
    initBoardDoc(doc, board);
    await deps.store.createBoard(board, hashes, Y.encodeStateAsUpdate(doc));
    doc.destroy();

    const origin = originOf(c.req.url);
    const links = Object.fromEntries(
      LINK_ROLES.map((role) => [role, roleLink(origin, board.id, tokens[role])]),
    );
    return c.json({ id: board.id, tokens, links }, 201);
  });

  app.get('/:id', access(), (c) => {
    const board = c.get('board');
    return c.json({
      id: board.id,
      title: board.title,
      role: c.get('role'),
      createdAt: board.createdAt,
      // An extension of SPEC §4.1: the page speaks the board's language before the doc syncs.
      language: board.language,
    });
  });

  app.get('/:id/export.json', access(), async (c) => {
    const board = c.get('board');
    const exported = await deps.rooms.withDoc(board.id, (doc) =>
      exportBoardJson(doc, { id: board.id, exportedAt: Date.now() }),
    );
    return c.json(exported);
  });

  app.get('/:id/export.md', access(), async (c) => {
    const board = c.get('board');
    const markdown = await deps.rooms.withDoc(board.id, (doc) =>
      exportBoardMarkdown(doc, { id: board.id, exportedAt: Date.now() }),
    );
    return c.body(markdown, 200, { 'content-type': 'text/markdown; charset=utf-8' });
  });

  app.route('/', versionRoutes(deps, access));

  app.post('/:id/links/:role/rotate', access(['facilitator']), async (c) => {
    const board = c.get('board');
    const role = c.req.param('role');
    if (!isLinkRole(role)) {
      throw httpError(400, 'The role must be "facilitator", "participant" or "viewer".');
    }
    const token = newToken();
    // Stored first: from here on the old token is refused, so closing its sockets is final.
    const tokenHash = hashToken(token);
    await deps.store.setTokenHash(board.id, role, tokenHash);
    await deps.rooms.revokeLink(board.id, role, tokenHash);
    // The audit trail: who may reach the board changed (ids and roles only, as ever).
    deps.log.info({ boardId: board.id, role }, 'link rotated');
    return c.json({ token, link: roleLink(originOf(c.req.url), board.id, token) });
  });

  app.delete('/:id', access(['facilitator']), async (c) => {
    const board = c.get('board');
    await deps.rooms.deleteBoard(board.id, () => deps.store.deleteBoard(board.id));
    deps.log.info({ boardId: board.id }, 'board deleted');
    return c.body(null, 204);
  });

  return app;
}

/** The token rides in the fragment, which browsers never send to the server (SPEC §3). */
function roleLink(origin: string, boardId: string, token: string): string {
  return `${origin}/b/${boardId}#k=${token}`;
}

function bearer(header: string | undefined): string | undefined {
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return match?.[1];
}
