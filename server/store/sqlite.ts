/** @module The embedded BoardStore: one SQLite file via better-sqlite3, nothing else to install. */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Language } from '../../shared/language';
import { LINK_ROLES, type LinkRole } from '../../shared/roles';
import type { VersionInfo } from '../../shared/version';
import {
  type BoardRecord,
  type BoardStore,
  MAX_VERSIONS_PER_BOARD,
  type StoredUpdates,
  type StoredVersion,
  VersionLimitError,
} from './types';

/**
 * Schema steps; `PRAGMA user_version` counts how many a file has had. Append new steps, never
 * edit old ones: files written by earlier releases replay only the steps they lack.
 */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE IF NOT EXISTS boards (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    language TEXT NOT NULL CHECK (language IN ('sv', 'en')),
    created_at INTEGER NOT NULL
  );
  CREATE TABLE IF NOT EXISTS tokens (
    board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('facilitator', 'participant', 'viewer')),
    hash TEXT NOT NULL,
    PRIMARY KEY (board_id, role)
  );
  CREATE INDEX IF NOT EXISTS tokens_hash ON tokens(hash);
  -- seq grows per board; a compaction snapshot takes the seq of the newest update it replaces.
  CREATE TABLE IF NOT EXISTS updates (
    board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (board_id, seq)
  );
  -- Named versions come with a later issue; the table exists now so deleting a board erases them.
  CREATE TABLE IF NOT EXISTS versions (
    board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    label TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    snapshot BLOB NOT NULL,
    PRIMARY KEY (board_id, id)
  );
  `,
  // Versions saved in the same millisecond still list in the order they were saved: seq grows per
  // board (rowids would not do, VACUUM may renumber them). No version existed before this step.
  `
  ALTER TABLE versions ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;
  `,
];

interface BoardRow {
  id: string;
  title: string;
  language: Language;
  created_at: number;
}

/** A write for a board that is not (or no longer) in the store. */
class MissingBoard extends Error {
  constructor(boardId: string) {
    super(`Board ${boardId} does not exist.`);
  }
}

interface QueuedAppend {
  boardId: string;
  updates: readonly Uint8Array[];
  resolve(seq: number): void;
  reject(error: unknown): void;
}

interface VersionRow {
  id: string;
  label: string;
  created_at: number;
}

/** Opens (creating if needed) the store in `file`; `':memory:'` gives a throwaway store for tests. */
export function openSqliteStore(file: string): BoardStore {
  if (file !== ':memory:' && file !== '') {
    // Owner-only: the directory holds special-category data about children.
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  }
  const db = new Database(file);
  try {
    configure(db);
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return new SqliteBoardStore(db);
}

function configure(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  // With WAL, NORMAL syncs at checkpoints only: a commit has reached the OS when it returns, so it
  // survives a crash or kill -9 of the process (SPEC §6), though not necessarily a power cut.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  // Deleted rows and freed pages are overwritten with zeros: compacted updates do not linger, and
  // deleteBoard's VACUUM starts from clean pages.
  db.pragma('secure_delete = ON');
  // Temporary tables and VACUUM's copy of the database stay in memory, never in a temp file
  // outside the data directory.
  db.pragma('temp_store = MEMORY');
  // SQLite builds without these features ignore the two pragmas silently; erasure depends on them.
  if (db.pragma('foreign_keys', { simple: true }) !== 1) {
    throw new Error('This SQLite build does not enforce foreign keys.');
  }
  if (db.pragma('secure_delete', { simple: true }) !== 1) {
    throw new Error('This SQLite build cannot overwrite deleted content (secure_delete).');
  }
}

function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(
      `The database has schema version ${current}, newer than this server knows (${MIGRATIONS.length}).`,
    );
  }
  db.transaction(() => {
    for (const step of MIGRATIONS.slice(current)) db.exec(step);
    db.pragma(`user_version = ${MIGRATIONS.length}`);
  }).immediate();
}

/** better-sqlite3 returns Buffers; callers get plain views of the same memory. */
function toBytes(blob: Buffer): Uint8Array {
  return new Uint8Array(blob.buffer, blob.byteOffset, blob.byteLength);
}

function versionInfo(row: VersionRow): VersionInfo {
  return { id: row.id, label: row.label, createdAt: row.created_at };
}

class SqliteBoardStore implements BoardStore {
  // Prepared once: statements are compiled when the store opens, not on every call.
  private readonly insertBoard;
  private readonly selectBoard;
  private readonly selectBoardExists;
  private readonly upsertToken;
  private readonly selectRoleForHash;
  private readonly selectLastSeq;
  private readonly insertUpdate;
  private readonly appendOneUpdate;
  private readonly selectUpdates;
  private readonly deleteUpdatesUpTo;
  private readonly deleteBoardRow;
  private readonly selectStoredBytes;
  private readonly selectVersionCount;
  private readonly insertVersion;
  private readonly selectVersions;
  private readonly selectVersion;

  private readonly createBoardTx;
  private readonly appendUpdatesTx;
  private readonly appendAllTx;
  /** Appends waiting for this turn's group commit. */
  private queuedAppends: QueuedAppend[] = [];
  private readonly compactUpdatesTx;
  private readonly saveVersionTx;

  constructor(private readonly db: Database.Database) {
    this.insertBoard = db.prepare<[string, string, Language, number]>(
      'INSERT INTO boards (id, title, language, created_at) VALUES (?, ?, ?, ?)',
    );
    this.selectBoard = db.prepare<[string], BoardRow>(
      'SELECT id, title, language, created_at FROM boards WHERE id = ?',
    );
    this.selectBoardExists = db.prepare<[string], { found: 1 }>(
      'SELECT 1 AS found FROM boards WHERE id = ?',
    );
    this.upsertToken = db.prepare<[string, LinkRole, string]>(
      `INSERT INTO tokens (board_id, role, hash) VALUES (?, ?, ?)
       ON CONFLICT (board_id, role) DO UPDATE SET hash = excluded.hash`,
    );
    this.selectRoleForHash = db.prepare<[string, string], { role: LinkRole }>(
      'SELECT role FROM tokens WHERE board_id = ? AND hash = ?',
    );
    this.selectLastSeq = db.prepare<[string], { lastSeq: number }>(
      'SELECT COALESCE(MAX(seq), 0) AS lastSeq FROM updates WHERE board_id = ?',
    );
    this.insertUpdate = db.prepare<[string, number, Uint8Array]>(
      'INSERT INTO updates (board_id, seq, data) VALUES (?, ?, ?)',
    );
    // What a room stores each event-loop turn (one merged update): one statement, no transaction
    // of our own. The foreign key refuses a deleted board, so no existence check is needed.
    this.appendOneUpdate = db.prepare<[string, Uint8Array, string], { seq: number }>(
      `INSERT INTO updates (board_id, seq, data)
       SELECT ?, COALESCE(MAX(seq), 0) + 1, ? FROM updates WHERE board_id = ?
       RETURNING seq`,
    );
    this.selectUpdates = db.prepare<[string], { seq: number; data: Buffer }>(
      'SELECT seq, data FROM updates WHERE board_id = ? ORDER BY seq',
    );
    this.deleteUpdatesUpTo = db.prepare<[string, number]>(
      'DELETE FROM updates WHERE board_id = ? AND seq <= ?',
    );
    // Tokens, updates and versions go with it (ON DELETE CASCADE).
    this.deleteBoardRow = db.prepare<[string]>('DELETE FROM boards WHERE id = ?');
    this.selectStoredBytes = db.prepare<[], { bytes: number }>(
      'SELECT COALESCE(SUM(length(data)), 0) AS bytes FROM updates',
    );
    this.selectVersionCount = db.prepare<[string], { count: number; lastSeq: number }>(
      'SELECT COUNT(*) AS count, COALESCE(MAX(seq), 0) AS lastSeq FROM versions WHERE board_id = ?',
    );
    this.insertVersion = db.prepare<[string, string, string, number, Uint8Array, number]>(
      `INSERT INTO versions (board_id, id, label, created_at, snapshot, seq)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    this.selectVersions = db.prepare<[string], VersionRow>(
      'SELECT id, label, created_at FROM versions WHERE board_id = ? ORDER BY created_at, seq',
    );
    this.selectVersion = db.prepare<[string, string], VersionRow & { snapshot: Buffer }>(
      'SELECT id, label, created_at, snapshot FROM versions WHERE board_id = ? AND id = ?',
    );

    // IMMEDIATE takes the write lock up front, so reading MAX(seq) and inserting cannot interleave
    // with another writer on the same file.
    this.createBoardTx = db.transaction(
      (
        board: BoardRecord,
        tokenHashes: Readonly<Record<LinkRole, string>>,
        initialUpdate: Uint8Array,
      ) => {
        this.insertBoard.run(board.id, board.title, board.language, board.createdAt);
        for (const role of LINK_ROLES) this.upsertToken.run(board.id, role, tokenHashes[role]);
        this.insertUpdate.run(board.id, 1, initialUpdate);
      },
    ).immediate;
    this.appendUpdatesTx = db.transaction(
      (boardId: string, updates: readonly Uint8Array[]): number => {
        this.requireBoard(boardId);
        let seq = this.lastSeq(boardId);
        for (const update of updates) this.insertUpdate.run(boardId, ++seq, update);
        return seq;
      },
    ).immediate;
    this.appendAllTx = db.transaction((appends: readonly QueuedAppend[]) =>
      appends.map((append) => this.appendOrError(append)),
    ).immediate;
    this.compactUpdatesTx = db.transaction(
      (boardId: string, snapshot: Uint8Array, upToSeq: number): void => {
        this.requireBoard(boardId);
        const lastSeq = this.lastSeq(boardId);
        if (!Number.isSafeInteger(upToSeq) || upToSeq < 1 || upToSeq > lastSeq) {
          throw new RangeError(
            `Cannot compact up to seq ${upToSeq}; the last stored is ${lastSeq}.`,
          );
        }
        this.deleteUpdatesUpTo.run(boardId, upToSeq);
        // At upToSeq the snapshot sorts before every update it did not replace.
        this.insertUpdate.run(boardId, upToSeq, snapshot);
      },
    ).immediate;
    this.saveVersionTx = db.transaction((boardId: string, version: StoredVersion): void => {
      this.requireBoard(boardId);
      const { count = 0, lastSeq = 0 } = this.selectVersionCount.get(boardId) ?? {};
      if (count >= MAX_VERSIONS_PER_BOARD) throw new VersionLimitError(boardId);
      this.insertVersion.run(
        boardId,
        version.id,
        version.label,
        version.createdAt,
        version.snapshot,
        lastSeq + 1,
      );
    }).immediate;
  }

  async createBoard(
    board: BoardRecord,
    tokenHashes: Readonly<Record<LinkRole, string>>,
    initialUpdate: Uint8Array,
  ): Promise<void> {
    this.createBoardTx(board, tokenHashes, initialUpdate);
  }

  async getBoard(boardId: string): Promise<BoardRecord | undefined> {
    const row = this.selectBoard.get(boardId);
    return (
      row && { id: row.id, title: row.title, language: row.language, createdAt: row.created_at }
    );
  }

  async roleForTokenHash(boardId: string, tokenHash: string): Promise<LinkRole | undefined> {
    return this.selectRoleForHash.get(boardId, tokenHash)?.role;
  }

  async setTokenHash(boardId: string, role: LinkRole, tokenHash: string): Promise<void> {
    this.requireBoard(boardId);
    this.upsertToken.run(boardId, role, tokenHash);
  }

  /**
   * Appends are not written at once: those made in one turn of the event loop (every room that
   * changed in it flushes together, server/sync/turn.ts) are committed as one transaction right
   * after it, in a microtask. One commit instead of one per room: the write-ahead log, locks and
   * page cache are touched once for all of them.
   */
  appendUpdates(boardId: string, updates: readonly Uint8Array[]): Promise<number> {
    return new Promise((resolve, reject) => {
      if (this.queuedAppends.length === 0) queueMicrotask(this.commitQueuedAppends);
      this.queuedAppends.push({ boardId, updates, resolve, reject });
    });
  }

  private readonly commitQueuedAppends = (): void => {
    const appends = this.queuedAppends;
    this.queuedAppends = [];
    let results: (number | Error)[];
    try {
      results =
        appends.length === 1
          ? [this.appendOrError(appends[0] as QueuedAppend)]
          : this.appendAllTx(appends);
    } catch (error) {
      // The commit itself failed (disk full, I/O error): none of them is stored.
      for (const append of appends) append.reject(error);
      return;
    }
    appends.forEach((append, i) => {
      const result = results[i];
      if (typeof result === 'number') append.resolve(result);
      else append.reject(result);
    });
  };

  /** One board's append: its sequence number, or why this board's append was refused. */
  private appendOrError({ boardId, updates }: QueuedAppend): number | Error {
    const [only, ...more] = updates;
    try {
      if (only === undefined || more.length > 0) return this.appendUpdatesTx(boardId, updates);
      // A constraint failure undoes this statement only, never the others of the transaction.
      const row = this.appendOneUpdate.get(boardId, only, boardId);
      if (!row) return new Error('SQLite returned no sequence number for the stored update.');
      return row.seq;
    } catch (error) {
      if (error instanceof MissingBoard) return error;
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
        return new MissingBoard(boardId);
      }
      // Anything else (the disk) fails the whole commit.
      throw error;
    }
  }

  async loadUpdates(boardId: string): Promise<StoredUpdates> {
    const rows = this.selectUpdates.all(boardId);
    const updates = rows.map((row) => toBytes(row.data));
    return {
      updates,
      lastSeq: rows.at(-1)?.seq ?? 0,
      bytes: updates.reduce((sum, update) => sum + update.byteLength, 0),
    };
  }

  async compactUpdates(boardId: string, snapshot: Uint8Array, upToSeq: number): Promise<void> {
    this.compactUpdatesTx(boardId, snapshot, upToSeq);
  }

  async saveVersion(boardId: string, version: StoredVersion): Promise<void> {
    this.saveVersionTx(boardId, version);
  }

  async listVersions(boardId: string): Promise<VersionInfo[]> {
    return this.selectVersions.all(boardId).map(versionInfo);
  }

  async loadVersion(boardId: string, versionId: string): Promise<StoredVersion | undefined> {
    const row = this.selectVersion.get(boardId, versionId);
    return row && { ...versionInfo(row), snapshot: toBytes(row.snapshot) };
  }

  async deleteBoard(boardId: string): Promise<boolean> {
    if (this.deleteBoardRow.run(boardId).changes === 0) return false;
    // secure_delete zeroes the deleted rows, but not the stale copies of them that b-tree
    // rebalancing left in the unused space of pages other boards still use (the erasure test
    // finds them). VACUUM rebuilds every page from live rows only. It costs time and memory in
    // proportion to the whole file, which a rare, deliberate erasure can afford.
    this.db.exec('VACUUM');
    // The rebuilt pages are in the -wal file, after frames that still hold the old ones. Copy
    // them into the main file and cut the -wal file to zero bytes.
    const [result] = this.db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    if (result && result.busy !== 0) {
      // Only another connection reading the same file can cause this; the server keeps one.
      throw new Error(
        'The board was deleted, but another connection kept its old pages in the write-ahead log.',
      );
    }
    return true;
  }

  async storedBytes(): Promise<number> {
    return this.selectStoredBytes.get()?.bytes ?? 0;
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  private requireBoard(boardId: string): void {
    // A room may still flush after its board was deleted; that write must not land anywhere.
    if (!this.selectBoardExists.get(boardId)) throw new MissingBoard(boardId);
  }

  private lastSeq(boardId: string): number {
    return this.selectLastSeq.get(boardId)?.lastSeq ?? 0;
  }
}
