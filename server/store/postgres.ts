/** @module The scale-out BoardStore: PostgreSQL via `postgres`, shared by every server instance. */
import postgres from 'postgres';
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
 * Schema steps; the one row of `samkarta_schema` counts how many a schema has had. Append new
 * steps, never edit old ones: databases set up by earlier releases replay only the steps they lack.
 */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE boards (
    id text PRIMARY KEY,
    title text NOT NULL,
    language text NOT NULL CHECK (language IN ('sv', 'en')),
    created_at bigint NOT NULL,
    -- Appends take their seqs from here under the row's lock, so instances never hand out one twice.
    last_seq bigint NOT NULL,
    -- Bytes of the board's stored updates, kept with every write: /metrics adds up one number per
    -- board instead of reading every update.
    stored_bytes bigint NOT NULL
  );
  CREATE TABLE tokens (
    board_id text NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    role text NOT NULL CHECK (role IN ('facilitator', 'participant', 'viewer')),
    hash text NOT NULL,
    PRIMARY KEY (board_id, role)
  );
  CREATE INDEX tokens_hash ON tokens(hash);
  -- seq grows per board; a compaction snapshot takes the seq of the newest update it replaces.
  CREATE TABLE updates (
    board_id text NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    seq bigint NOT NULL,
    data bytea NOT NULL,
    PRIMARY KEY (board_id, seq)
  );
  -- Named versions come with a later issue; the table exists now so deleting a board erases them.
  CREATE TABLE versions (
    board_id text NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    id text NOT NULL,
    label text NOT NULL,
    created_at bigint NOT NULL,
    snapshot bytea NOT NULL,
    PRIMARY KEY (board_id, id)
  );
  -- Planner statistics would copy sampled values (ids, titles, token hashes, update bytes) into
  -- pg_statistic, out of deleteBoard's reach. Every query finds its rows by board id and key anyway.
  ALTER TABLE boards ALTER id SET STATISTICS 0, ALTER title SET STATISTICS 0;
  ALTER TABLE tokens ALTER board_id SET STATISTICS 0, ALTER hash SET STATISTICS 0;
  ALTER TABLE updates ALTER board_id SET STATISTICS 0, ALTER data SET STATISTICS 0;
  ALTER TABLE versions ALTER board_id SET STATISTICS 0, ALTER id SET STATISTICS 0,
    ALTER label SET STATISTICS 0, ALTER snapshot SET STATISTICS 0;
  `,
  // Versions saved in the same millisecond still list in the order they were saved: seq grows per
  // board. No version existed before this step.
  `
  ALTER TABLE versions ADD COLUMN seq bigint NOT NULL DEFAULT 0;
  `,
];

/**
 * First keys of this store's advisory locks (ASCII "SAMK", "SAML", "SAMV"); the second is the
 * hash of the schema (migration, erasure) or of the board (saving a version).
 */
const MIGRATION_LOCK_CLASS = 0x53414d4b;
const ERASE_LOCK_CLASS = 0x53414d4c;
const VERSION_LOCK_CLASS = 0x53414d56;
/**
 * How long deleteBoard waits for the exclusive locks of its table rewrite. While it waits, every
 * other query on those tables queues behind it, so a long reader (a backup) must not turn the wait
 * into an outage: it gives up instead, and the next deletion's rewrite covers this board too.
 */
const ERASE_LOCK_TIMEOUT_MS = 2_000;
/** SQLSTATE of a lock_timeout that ran out. */
const LOCK_NOT_AVAILABLE = '55P03';
/** close() lets running queries finish for this long before it cuts the connections. */
const CLOSE_TIMEOUT_S = 5;
/** A schema name that needs no quoting anywhere (search_path, identifiers, hashes). */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export interface PostgresStoreOptions {
  /**
   * Keep every table in this schema, created if missing (tests give each store its own). Without
   * it the store uses the connection's current schema: `public`, unless the URL chooses another
   * with `?search_path=name` (postgres.js passes unknown URL parameters to the server as settings).
   */
  schema?: string;
}

interface BoardRow {
  id: string;
  title: string;
  language: Language;
  /** bigint columns arrive as strings: JavaScript numbers cannot hold every int8. */
  created_at: string;
}

interface VersionRow {
  id: string;
  label: string;
  created_at: string;
}

/** Connects, creates or migrates the schema, and resolves once the store is ready. */
export async function openPostgresStore(
  url: string,
  options: PostgresStoreOptions = {},
): Promise<BoardStore> {
  const { schema } = options;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new Error(`"${schema}" is not a schema name this store accepts (a-z, 0-9, _).`);
  }
  const sql = postgres(url, {
    // CREATE … IF NOT EXISTS answers with notices, which postgres.js would print to stdout.
    onnotice: () => {},
    ...(schema && { connection: { search_path: schema } }),
  });
  try {
    await checkDurability(sql);
    const schemaName = await migrate(sql, schema);
    return new PostgresBoardStore(sql, schemaName);
  } catch (error) {
    await sql.end({ timeout: CLOSE_TIMEOUT_S });
    throw error;
  }
}

/** Writes resolve as durable (types.ts); with synchronous_commit off, a commit may not be yet. */
async function checkDurability(sql: postgres.Sql): Promise<void> {
  const [row] = await sql<
    { setting: string }[]
  >`SELECT current_setting('synchronous_commit') AS setting`;
  if (row?.setting === 'off') {
    throw new Error(
      'PostgreSQL has synchronous_commit = off, so a stored update could still be lost; turn it on.',
    );
  }
}

/** Brings the schema up to date; resolves with its name. */
async function migrate(sql: postgres.Sql, schema: string | undefined): Promise<string> {
  return sql.begin(async (tx) => {
    const [current] = await tx<{ name: string | null }[]>`SELECT current_schema() AS name`;
    const name = schema ?? current?.name;
    if (!name) {
      throw new Error('The search_path of DATABASE_URL names no schema that exists; create it.');
    }
    // Two instances starting at once: the second waits here until the first has committed, then
    // finds nothing left to do. The lock ends with the transaction.
    await tx`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_CLASS}::int, hashtext(${name}))`;
    if (schema) await tx`CREATE SCHEMA IF NOT EXISTS ${tx(schema)}`;
    await tx`CREATE TABLE IF NOT EXISTS samkarta_schema (version integer NOT NULL)`;
    const [row] = await tx<{ version: number }[]>`SELECT version FROM samkarta_schema`;
    const version = row?.version ?? 0;
    if (version > MIGRATIONS.length) {
      throw new Error(
        `The database has schema version ${version}, newer than this server knows (${MIGRATIONS.length}).`,
      );
    }
    for (const step of MIGRATIONS.slice(version)) await tx.unsafe(step);
    if (row) await tx`UPDATE samkarta_schema SET version = ${MIGRATIONS.length}`;
    else await tx`INSERT INTO samkarta_schema (version) VALUES (${MIGRATIONS.length})`;
    return name;
  });
}

/** postgres.js returns Buffers; callers get plain views of the same memory. */
function toBytes(data: Buffer): Uint8Array {
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

function byteSum(updates: readonly Uint8Array[]): number {
  return updates.reduce((sum, update) => sum + update.byteLength, 0);
}

function versionInfo(row: VersionRow): VersionInfo {
  return { id: row.id, label: row.label, createdAt: Number(row.created_at) };
}

function missingBoard(boardId: string): Error {
  return new Error(`Board ${boardId} does not exist.`);
}

class PostgresBoardStore implements BoardStore {
  private closing: Promise<void> | undefined;

  constructor(
    private readonly sql: postgres.Sql,
    private readonly schema: string,
  ) {}

  async createBoard(
    board: BoardRecord,
    tokenHashes: Readonly<Record<LinkRole, string>>,
    initialUpdate: Uint8Array,
  ): Promise<void> {
    await this.sql.begin(async (tx) => {
      await tx`
        INSERT INTO boards (id, title, language, created_at, last_seq, stored_bytes)
        VALUES (${board.id}, ${board.title}, ${board.language}, ${board.createdAt}, 1,
                ${initialUpdate.byteLength})`;
      for (const role of LINK_ROLES) {
        await tx`INSERT INTO tokens (board_id, role, hash) VALUES (${board.id}, ${role}, ${tokenHashes[role]})`;
      }
      await tx`INSERT INTO updates (board_id, seq, data) VALUES (${board.id}, 1, ${initialUpdate})`;
    });
  }

  async getBoard(boardId: string): Promise<BoardRecord | undefined> {
    const [row] = await this.sql<BoardRow[]>`
      SELECT id, title, language, created_at FROM boards WHERE id = ${boardId}`;
    return (
      row && {
        id: row.id,
        title: row.title,
        language: row.language,
        createdAt: Number(row.created_at),
      }
    );
  }

  async roleForTokenHash(boardId: string, tokenHash: string): Promise<LinkRole | undefined> {
    const [row] = await this.sql<{ role: LinkRole }[]>`
      SELECT role FROM tokens WHERE board_id = ${boardId} AND hash = ${tokenHash}`;
    return row?.role;
  }

  async setTokenHash(boardId: string, role: LinkRole, tokenHash: string): Promise<void> {
    // The foreign key refuses a board that does not exist, even one deleted a moment ago.
    await this.sql`
      INSERT INTO tokens (board_id, role, hash) VALUES (${boardId}, ${role}, ${tokenHash})
      ON CONFLICT (board_id, role) DO UPDATE SET hash = excluded.hash`;
  }

  async appendUpdates(boardId: string, updates: readonly Uint8Array[]): Promise<number> {
    if (updates.length === 0) {
      const [board] = await this.sql<{ last_seq: string }[]>`
        SELECT last_seq FROM boards WHERE id = ${boardId}`;
      if (!board) throw missingBoard(boardId);
      return Number(board.last_seq);
    }
    const bytes = byteSum(updates);
    // One statement, so one round trip (a transaction of its own): the UPDATE takes the board's row
    // lock, which orders appends to one board across every instance (other boards go on in
    // parallel), and a deleted board has no row to lock, so nothing of it is inserted.
    const [board] = await this.sql<{ last_seq: string }[]>`
      WITH board AS (
        UPDATE boards
        SET last_seq = last_seq + ${updates.length}, stored_bytes = stored_bytes + ${bytes}
        WHERE id = ${boardId}
        RETURNING last_seq
      ), appended AS (
        INSERT INTO updates (board_id, seq, data)
        SELECT ${boardId}, board.last_seq - ${updates.length} + item.ord, item.data
        FROM board,
          unnest(${this.sql.array(updates as Uint8Array[])}::bytea[]) WITH ORDINALITY
            AS item(data, ord)
      )
      SELECT last_seq FROM board`;
    if (!board) throw missingBoard(boardId);
    return Number(board.last_seq);
  }

  async loadUpdates(boardId: string): Promise<StoredUpdates> {
    const rows = await this.sql<{ seq: string; data: Buffer }[]>`
      SELECT seq, data FROM updates WHERE board_id = ${boardId} ORDER BY seq`;
    const updates = rows.map((row) => toBytes(row.data));
    return {
      updates,
      lastSeq: Number(rows.at(-1)?.seq ?? 0),
      bytes: byteSum(updates),
    };
  }

  async compactUpdates(boardId: string, snapshot: Uint8Array, upToSeq: number): Promise<void> {
    await this.sql.begin(async (tx) => {
      const [board] = await tx<{ last_seq: string }[]>`
        SELECT last_seq FROM boards WHERE id = ${boardId} FOR UPDATE`;
      if (!board) throw missingBoard(boardId);
      const lastSeq = Number(board.last_seq);
      if (!Number.isSafeInteger(upToSeq) || upToSeq < 1 || upToSeq > lastSeq) {
        throw new RangeError(`Cannot compact up to seq ${upToSeq}; the last stored is ${lastSeq}.`);
      }
      await tx`DELETE FROM updates WHERE board_id = ${boardId} AND seq <= ${upToSeq}`;
      // At upToSeq the snapshot sorts before every update it did not replace.
      await tx`INSERT INTO updates (board_id, seq, data) VALUES (${boardId}, ${upToSeq}, ${snapshot})`;
      // Recounted rather than adjusted: few rows remain after a compaction, and octet_length reads
      // only each value's header.
      await tx`
        UPDATE boards
        SET stored_bytes = (SELECT sum(octet_length(data)) FROM updates WHERE board_id = ${boardId})
        WHERE id = ${boardId}`;
    });
  }

  async saveVersion(boardId: string, version: StoredVersion): Promise<void> {
    await this.sql.begin(async (tx) => {
      // Saves of one board take turns (the count and the next seq stay true) without locking its
      // row against appends. KEY SHARE keeps the board from being deleted until this commits.
      await tx`SELECT pg_advisory_xact_lock(${VERSION_LOCK_CLASS}::int, hashtext(${boardId}))`;
      const [board] = await tx`SELECT 1 FROM boards WHERE id = ${boardId} FOR KEY SHARE`;
      if (!board) throw missingBoard(boardId);
      const [stats] = await tx<{ count: string; last_seq: string }[]>`
        SELECT count(*) AS count, COALESCE(max(seq), 0) AS last_seq
        FROM versions WHERE board_id = ${boardId}`;
      if (Number(stats?.count ?? 0) >= MAX_VERSIONS_PER_BOARD) throw new VersionLimitError(boardId);
      await tx`
        INSERT INTO versions (board_id, id, label, created_at, snapshot, seq)
        VALUES (${boardId}, ${version.id}, ${version.label}, ${version.createdAt},
                ${version.snapshot}, ${Number(stats?.last_seq ?? 0) + 1})`;
    });
  }

  async listVersions(boardId: string): Promise<VersionInfo[]> {
    const rows = await this.sql<VersionRow[]>`
      SELECT id, label, created_at FROM versions WHERE board_id = ${boardId}
      ORDER BY created_at, seq`;
    return rows.map(versionInfo);
  }

  async loadVersion(boardId: string, versionId: string): Promise<StoredVersion | undefined> {
    const [row] = await this.sql<(VersionRow & { snapshot: Buffer })[]>`
      SELECT id, label, created_at, snapshot FROM versions
      WHERE board_id = ${boardId} AND id = ${versionId}`;
    return row && { ...versionInfo(row), snapshot: toBytes(row.snapshot) };
  }

  /**
   * A DELETE alone leaves the rows' bytes in the tables' pages (dead tuples; even after a plain
   * VACUUM, in the free space of heap and index pages) until later writes happen to reuse them.
   * VACUUM FULL writes each table anew from its live rows only and truncates the old files. What
   * it cannot reach, and stays until PostgreSQL or the operator recycles it:
   * - the write-ahead log, which holds every insert of the board (and page images) until its
   *   segments are reused after checkpoints, plus any WAL archive, replica and base backup;
   * - the old files' blocks, freed to the file system but not overwritten;
   * - rows still visible to a transaction older than the DELETE (a running pg_dump, say), which
   *   the rewrite must keep; the next deletion's rewrite drops them.
   * - server logs, when the operator logs statements with their parameters.
   * Planner statistics (pg_statistic) never sample these columns (STATISTICS 0 in the schema).
   * The rewrite locks each table for a time in proportion to its size (about 1.5 s per 270 MB on
   * a small machine), during which every board's writes wait: acceptable for a rare, deliberate
   * erasure, as with SQLite's VACUUM. When a long transaction keeps a table locked beyond
   * ERASE_LOCK_TIMEOUT_MS, this rejects although the rows are gone; their bytes stay in the
   * files until the next deletion's rewrite.
   */
  async deleteBoard(boardId: string): Promise<boolean> {
    // Tokens, updates and versions go with it (ON DELETE CASCADE), in one transaction.
    const deleted = await this.sql`DELETE FROM boards WHERE id = ${boardId}`;
    if (deleted.count === 0) return false;
    await this.rewriteTables();
    return true;
  }

  async storedBytes(): Promise<number> {
    const [row] = await this.sql<{ bytes: string }[]>`
      SELECT COALESCE(sum(stored_bytes), 0) AS bytes FROM boards`;
    return Number(row?.bytes ?? 0);
  }

  async close(): Promise<void> {
    this.closing ??= this.sql.end({ timeout: CLOSE_TIMEOUT_S });
    await this.closing;
  }

  /** VACUUM FULL of every table that holds board data; see deleteBoard. */
  private async rewriteTables(): Promise<void> {
    // VACUUM runs outside any transaction, and lock_timeout must not outlive this call on a
    // connection the pool hands out again: one reserved connection, reset before it goes back.
    const connection = await this.sql.reserve();
    try {
      // Deletions on several instances take turns rather than queue behind each other's rewrites
      // (which would count against the lock timeout).
      await connection`
        SELECT pg_advisory_lock(${ERASE_LOCK_CLASS}::int, hashtext(${this.schema}))`;
      await connection.unsafe(`SET lock_timeout = ${ERASE_LOCK_TIMEOUT_MS}`);
      await connection`VACUUM (FULL) boards, tokens, updates, versions`;
    } catch (error) {
      if ((error as { code?: string }).code !== LOCK_NOT_AVAILABLE) throw error;
      throw new Error(
        'The board was deleted, but a long transaction kept its tables locked, so their files may ' +
          'hold it until the next deletion rewrites them.',
        { cause: error },
      );
    } finally {
      await connection`RESET lock_timeout`.catch(() => {});
      await connection`SELECT pg_advisory_unlock_all()`.catch(() => {});
      connection.release();
    }
  }
}
