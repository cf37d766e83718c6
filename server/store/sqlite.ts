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
import { type LogEntry, UpdateLog } from './update-log';

/** The update log is folded into the database once it holds this many entries… */
const FOLD_AFTER_ENTRIES = 2000;
/** …or this many bytes… */
const FOLD_AFTER_BYTES = 4 * 1024 * 1024;
/** …or at the first append this long after its oldest entry was written… */
const FOLD_AFTER_MS = 1000;
/** …or, when no append comes to do it, this long after that entry. */
export const FOLD_WHEN_QUIET_AFTER_MS = 2000;
/** Boards whose last sequence number is kept in memory; past this the cache starts afresh. */
const MAX_CACHED_BOARDS = 10_000;

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
  const inMemory = file === ':memory:' || file === '';
  if (!inMemory) {
    // Owner-only: the directory holds special-category data about children.
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  }
  // First of all: a second process must not replay, fold or empty this one's update log.
  const lock = inMemory ? undefined : lockDataFiles(file);
  try {
    const db = new Database(file);
    try {
      configure(db);
      migrate(db);
      // Beside the database file, in the same owner-only directory; none for a store in memory.
      const { log, entries } = UpdateLog.open(inMemory ? null : `${file}-updates`);
      try {
        return new SqliteBoardStore(db, log, entries, lock);
      } catch (error) {
        log.close();
        throw error;
      }
    } catch (error) {
      db.close();
      throw error;
    }
  } catch (error) {
    lock?.close();
    throw error;
  }
}

/**
 * Holds `<file>-lock` exclusively while the store is open. Two processes on one data directory
 * would each fold and empty the update log the other relies on, and number a board's updates
 * without knowing of each other's. The lock is SQLite's own (an OS file lock): the OS releases it
 * when the process ends, however it ends, so a crash leaves no stale lock behind.
 */
function lockDataFiles(file: string): Database.Database {
  const lock = new Database(`${file}-lock`, { timeout: 0 });
  try {
    lock.exec('BEGIN EXCLUSIVE');
    return lock;
  } catch (error) {
    lock.close();
    if ((error as { code?: unknown }).code === 'SQLITE_BUSY') {
      throw new Error(
        `Another process is using the data in ${dirname(file)}. Two servers must not share one ` +
          'data directory: stop the other one, or give this one a DATA_DIR of its own.',
      );
    }
    throw error;
  }
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
  private readonly insertLoggedUpdate;
  private readonly selectUpdates;
  private readonly deleteUpdatesUpTo;
  private readonly deleteBoardRow;
  private readonly selectStoredBytes;
  private readonly selectVersionCount;
  private readonly insertVersion;
  private readonly selectVersions;
  private readonly selectVersion;

  private readonly createBoardTx;
  private readonly foldTx;
  private readonly compactUpdatesTx;
  private readonly saveVersionTx;

  /** Appends waiting for this turn's one write to the update log. */
  private queuedAppends: QueuedAppend[] = [];
  /** Entries in the update log and not yet in the database, oldest first. */
  private unfolded: LogEntry[] = [];
  private unfoldedBytes = 0;
  /** The log file still holds entries the database has (a fold whose emptying failed). */
  private logNeedsClearing = false;
  /** When the oldest unfolded entry was written (performance.now()). */
  private unfoldedSince = 0;
  private foldTimer: NodeJS.Timeout | undefined;
  /** A fold due after this turn's appends (scheduleFold). */
  private foldImmediate: NodeJS.Immediate | undefined;
  /** After a fold failed: appends schedule none before this (performance.now()). */
  private noFoldBefore = 0;
  /**
   * Each board's last sequence number, once it was appended to: an append then needs no database
   * read. Only this store writes the file (SQLite is one instance's store), so the cache stays true.
   */
  private readonly lastSeqs = new Map<string, number>();

  constructor(
    private readonly db: Database.Database,
    private readonly log: UpdateLog,
    replay: readonly LogEntry[],
    /** The data directory's lock (none in memory): released last, when the store closes. */
    private readonly lock: Database.Database | undefined,
  ) {
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
    // Folding: an entry of a board that is gone, or one the database has already (the log was
    // not emptied after the fold that stored it), is skipped.
    this.insertLoggedUpdate = db.prepare<[string, number, Uint8Array, string]>(
      `INSERT INTO updates (board_id, seq, data)
       SELECT ?, ?, ? WHERE EXISTS (SELECT 1 FROM boards WHERE id = ?)
       ON CONFLICT (board_id, seq) DO NOTHING`,
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
    this.foldTx = db.transaction((entries: readonly LogEntry[]) => {
      for (const { boardId, seq, update } of entries) {
        this.insertLoggedUpdate.run(boardId, seq, update, boardId);
      }
    }).immediate;
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

    // What the last process wrote to the log and did not fold (it crashed, or was killed).
    this.foldTx(replay);
    this.log.clear();
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
   * changed in it flushes together, server/sync/turn.ts) go to the update log as one record right
   * after it, in a microtask, and resolve once that write returns. The database gets them later,
   * many at a time (`fold`): a SQLite commit costs far more than the rows it carries, and one per
   * turn was most of the server's CPU time per update.
   */
  appendUpdates(boardId: string, updates: readonly Uint8Array[]): Promise<number> {
    // Closed: the in-memory store would otherwise resolve an append nothing will ever keep.
    if (!this.db.open) return Promise.reject(new Error('The store is closed.'));
    return new Promise((resolve, reject) => {
      // A promise job rather than queueMicrotask, which wraps each callback in an AsyncResource.
      if (this.queuedAppends.length === 0) Promise.resolve().then(this.writeQueuedAppends);
      this.queuedAppends.push({ boardId, updates, resolve, reject });
    });
  }

  private readonly writeQueuedAppends = (): void => {
    const appends = this.queuedAppends;
    this.queuedAppends = [];
    const entries: LogEntry[] = [];
    const accepted: { append: QueuedAppend; lastSeq: number }[] = [];
    // Sequence numbers taken by earlier appends of this record.
    const taken = new Map<string, number>();
    for (const append of appends) {
      try {
        const { boardId, updates } = append;
        // All or none: a batch with anything but bytes in it is refused before any is written.
        if (!updates.every((update) => update instanceof Uint8Array)) {
          throw new TypeError('An update is not a byte array.');
        }
        let seq = taken.get(boardId) ?? this.lastSeqForAppend(boardId);
        for (const update of updates) entries.push({ boardId, seq: ++seq, update });
        taken.set(boardId, seq);
        accepted.push({ append, lastSeq: seq });
      } catch (error) {
        append.reject(error);
      }
    }
    try {
      this.log.append(entries);
    } catch (error) {
      // Nothing of the record is in the file (UpdateLog cuts a part-written one off).
      for (const { append } of accepted) append.reject(error);
      return;
    }
    for (const [boardId, seq] of taken) this.lastSeqs.set(boardId, seq);
    if (this.unfolded.length === 0 && entries.length > 0) this.unfoldedSince = performance.now();
    for (const entry of entries) {
      this.unfolded.push(entry);
      this.unfoldedBytes += entry.update.byteLength;
    }
    for (const { append, lastSeq } of accepted) append.resolve(lastSeq);
    this.scheduleFold();
  };

  /** The board's last sequence number; throws MissingBoard for a board that is not stored. */
  private lastSeqForAppend(boardId: string): number {
    const cached = this.lastSeqs.get(boardId);
    if (cached !== undefined) return cached;
    // Not cached: nothing of this board is unfolded (see fold), so the database knows its last one.
    this.requireBoard(boardId);
    return this.lastSeq(boardId);
  }

  /**
   * A fold that is due runs once this turn's appends are relayed (their awaits come first), so it
   * holds up none of them, and the next update of a dragged marker is a frame away. Folding on a
   * timer alone did hold one up each time: the timer was set by an update's append, and a second is
   * a whole number of a marker's frames (30 at 30/s), so it fired just as another came in.
   */
  private scheduleFold(): void {
    if (this.unfolded.length === 0) return;
    const now = performance.now();
    if (now < this.noFoldBefore) {
      this.armFoldTimer();
    } else if (
      this.unfolded.length >= FOLD_AFTER_ENTRIES ||
      this.unfoldedBytes >= FOLD_AFTER_BYTES ||
      now - this.unfoldedSince >= FOLD_AFTER_MS
    ) {
      this.foldImmediate ??= setImmediate(this.foldQuietly);
    } else {
      this.armFoldTimer();
    }
  }

  /** For when the appends stop: then nothing else is going on that the fold could hold up. */
  private armFoldTimer(): void {
    if (this.foldTimer !== undefined) return;
    this.foldTimer = setTimeout(this.foldQuietly, FOLD_WHEN_QUIET_AFTER_MS);
    // A pending fold must not keep the process alive: close() folds what is left.
    this.foldTimer.unref();
  }

  /**
   * A fold nobody waits for. If it fails (the disk), the entries stay in the log and in memory:
   * the next fold tries again, and reads, compactions and deletions, which fold first, fail loudly.
   */
  private readonly foldQuietly = (): void => {
    if (!this.db.open) return;
    try {
      this.fold();
    } catch {
      // Not again at every append's turn (past the size limits too): a fold interval from now.
      this.noFoldBefore = performance.now() + FOLD_AFTER_MS;
    }
  };

  /** Moves every unfolded entry into the database in one transaction, then empties the log. */
  private fold(): void {
    clearTimeout(this.foldTimer);
    this.foldTimer = undefined;
    clearImmediate(this.foldImmediate);
    this.foldImmediate = undefined;
    try {
      this.foldEverything();
    } catch (error) {
      // Whoever asked (a read, a compaction, the timer) fails; the entries still get another try.
      this.armFoldTimer();
      throw error;
    }
  }

  private foldEverything(): void {
    if (this.unfolded.length > 0) {
      this.foldTx(this.unfolded);
      this.unfolded = [];
      this.unfoldedBytes = 0;
      this.logNeedsClearing = true;
    }
    // Only now, with nothing unfolded, may a board's cached number go: the database has the rest.
    if (this.lastSeqs.size >= MAX_CACHED_BOARDS) this.lastSeqs.clear();
    if (this.logNeedsClearing) {
      // Were this not done, replaying the log would skip what the database has; but a compaction
      // or deletion must not leave old updates in the file, so those fold (and clear) first.
      this.log.clear();
      this.logNeedsClearing = false;
    }
  }

  async loadUpdates(boardId: string): Promise<StoredUpdates> {
    this.fold();
    const rows = this.selectUpdates.all(boardId);
    const updates = rows.map((row) => toBytes(row.data));
    return {
      updates,
      lastSeq: rows.at(-1)?.seq ?? 0,
      bytes: updates.reduce((sum, update) => sum + update.byteLength, 0),
    };
  }

  async compactUpdates(boardId: string, snapshot: Uint8Array, upToSeq: number): Promise<void> {
    // The snapshot may replace updates that are still only in the log.
    this.fold();
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
    // Into the database first, where the deletion erases them, and out of the log file.
    this.fold();
    this.lastSeqs.delete(boardId);
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
    this.fold();
    return this.selectStoredBytes.get()?.bytes ?? 0;
  }

  async close(): Promise<void> {
    if (!this.db.open) return;
    try {
      this.fold();
    } finally {
      // Appends still queued are refused by the closed log; the database closes whatever happens.
      try {
        this.log.close();
      } finally {
        try {
          this.db.close();
        } finally {
          this.lock?.close();
        }
      }
    }
  }

  private requireBoard(boardId: string): void {
    // A room may still flush after its board was deleted; that write must not land anywhere.
    if (!this.selectBoardExists.get(boardId)) throw new MissingBoard(boardId);
  }

  private lastSeq(boardId: string): number {
    return this.selectLastSeq.get(boardId)?.lastSeq ?? 0;
  }
}
