/** @module Named versions of a board (SPEC §4.1): save, list, export, rebuild and restore one. */
import { Hono, type MiddlewareHandler } from 'hono';
import { nanoid } from 'nanoid';
import type * as Y from 'yjs';
import { z } from 'zod';
import { exportBoardJson, exportBoardMarkdown } from '../../shared/export';
import type { Language } from '../../shared/language';
import { restoreBoard } from '../../shared/restore';
import type { LinkRole } from '../../shared/roles';
import { MAX_VERSION_LABEL_LENGTH, type VersionInfo } from '../../shared/version';
import { httpError, readJson } from '../http-error';
import type { Logger } from '../log';
import {
  type BoardRecord,
  type BoardStore,
  MAX_VERSIONS_PER_BOARD,
  type StoredVersion,
  VersionLimitError,
} from '../store/types';
import { docOfUpdates, readDocOf } from '../sync/doc';
import { encodeBoardState } from '../sync/encode';
import { JoinRefused, type Rooms } from '../sync/rooms';

export interface VersionRoutesDeps {
  store: BoardStore;
  log: Logger;
  rooms: Rooms;
}

export type VersionEnv = { Variables: { board: BoardRecord; role: LinkRole } };

/** The board routes' token check: sets `board` and `role`, refuses roles not in `allowed`. */
export type BoardAccess = (allowed?: readonly LinkRole[]) => MiddlewareHandler<VersionEnv>;

const SaveVersionBody = z.object({
  label: z
    .string({ error: 'The version needs a label (a text).' })
    .trim()
    .min(1, 'The version needs a label.')
    .max(
      MAX_VERSION_LABEL_LENGTH,
      `The label can be at most ${MAX_VERSION_LABEL_LENGTH} characters.`,
    ),
});

/** The label of the version a restore saves first, so that the restore can itself be undone. */
const BEFORE_RESTORE: Record<Language, (label: string) => string> = {
  sv: (label) => `Före återställning till «${label}»`,
  en: (label) => `Before restoring «${label}»`,
};

/** The before-restore label within the label limit: a long inner label is cut, never the frame. */
export function beforeRestoreLabel(language: Language, label: string): string {
  const frame = BEFORE_RESTORE[language];
  const room = MAX_VERSION_LABEL_LENGTH - frame('').length;
  const chars = [...label];
  return frame(chars.length <= room ? label : `${chars.slice(0, room - 1).join('')}…`);
}

/** Routes under `/api/boards`, mounted by boardRoutes with its `access` check. */
export function versionRoutes(deps: VersionRoutesDeps, access: BoardAccess) {
  const app = new Hono<VersionEnv>();

  /** Stores `snapshot` as a new version of the board. */
  const save = async (
    boardId: string,
    label: string,
    snapshot: Uint8Array,
    createdAt = Date.now(),
  ): Promise<VersionInfo> => {
    const version: StoredVersion = { id: nanoid(), label, createdAt, snapshot };
    try {
      await deps.store.saveVersion(boardId, version);
    } catch (error) {
      if (error instanceof VersionLimitError) throw versionLimit();
      throw error;
    }
    // Ids only: a label may name the family.
    deps.log.info({ boardId, versionId: version.id }, 'version saved');
    return infoOf(version);
  };

  /** Stores the board as it is stored now (never what is applied but not yet durable). */
  const saveCurrent = async (boardId: string, label: string): Promise<VersionInfo> =>
    save(boardId, label, await deps.rooms.withDoc(boardId, (doc) => encodeBoardState(doc)));

  const loadVersion = async (boardId: string, versionId: string): Promise<StoredVersion> => {
    const version = await deps.store.loadVersion(boardId, versionId);
    if (!version) throw httpError(404, 'There is no such version.');
    return version;
  };

  app.post('/:id/versions', access(['facilitator']), async (c) => {
    const body = SaveVersionBody.safeParse(await readJson(c.req.raw));
    if (!body.success) {
      throw httpError(400, body.error.issues[0]?.message ?? 'The request is not valid.');
    }
    return c.json(await saveCurrent(c.get('board').id, body.data.label), 201);
  });

  app.get('/:id/versions', access(), async (c) => {
    return c.json(await deps.store.listVersions(c.get('board').id));
  });

  app.get('/:id/versions/:vid/export.json', access(), async (c) => {
    const board = c.get('board');
    const version = await loadVersion(board.id, c.req.param('vid'));
    return c.json(
      withVersionDoc(version, (doc) =>
        exportBoardJson(doc, { id: board.id, exportedAt: Date.now() }),
      ),
    );
  });

  app.get('/:id/versions/:vid/export.md', access(), async (c) => {
    const board = c.get('board');
    const version = await loadVersion(board.id, c.req.param('vid'));
    const markdown = withVersionDoc(version, (doc) =>
      exportBoardMarkdown(doc, { id: board.id, exportedAt: Date.now(), version: infoOf(version) }),
    );
    return c.body(markdown, 200, { 'content-type': 'text/markdown; charset=utf-8' });
  });

  app.get('/:id/versions/:vid/update', access(), async (c) => {
    const board = c.get('board');
    const version = await loadVersion(board.id, c.req.param('vid'));
    // A new ArrayBuffer of exactly the snapshot's bytes (the stored view may share a larger one).
    return c.body(version.snapshot.slice().buffer, 200, {
      'content-type': 'application/octet-stream',
    });
  });

  app.post('/:id/versions/:vid/restore', access(['facilitator']), async (c) => {
    const board = c.get('board');
    const version = await loadVersion(board.id, c.req.param('vid'));
    // The board is saved as it was right before the restore, so the restore can be undone; a full
    // board is refused before anything changes.
    if ((await deps.store.listVersions(board.id)).length >= MAX_VERSIONS_PER_BOARD) {
      throw versionLimit();
    }
    const versionDoc = docOf(version);
    const restoredAt = Date.now();
    let before: Uint8Array;
    try {
      // Taken in the same step as the restore: nothing anyone does can fall between the two.
      before = await deps.rooms.changeBoard(board.id, (doc) => {
        const state = encodeBoardState(doc);
        restoreBoard(doc, versionDoc);
        return state;
      });
    } catch (error) {
      if (error instanceof JoinRefused) throw httpError(404, 'There is no such board.');
      throw error;
    } finally {
      versionDoc.destroy();
    }
    const saved = await save(
      board.id,
      beforeRestoreLabel(board.language, version.label),
      before,
      restoredAt,
    );
    deps.log.info(
      { boardId: board.id, versionId: version.id, savedVersionId: saved.id },
      'version restored',
    );
    return c.json({ saved, restored: infoOf(version) });
  });

  return app;
}

function versionLimit() {
  return httpError(
    409,
    `This board already keeps ${MAX_VERSIONS_PER_BOARD} versions, as many as it can.`,
  );
}

function infoOf({ id, label, createdAt }: VersionInfo): VersionInfo {
  return { id, label, createdAt };
}

function docOf(version: StoredVersion): Y.Doc {
  return docOfUpdates(version.id, [version.snapshot]);
}

function withVersionDoc<T>(version: StoredVersion, read: (doc: Y.Doc) => T): T {
  return readDocOf(version.id, [version.snapshot], read);
}
