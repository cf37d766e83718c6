/** @module The PostgreSQL store on this machine's real server: the contract, two instances at once, erasure. */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../server/store/postgres';
import type { BoardStore } from '../../server/store/types';
import { addCard, insertCardText, listAllCards } from '../../shared/cards';
import { connectClient, untilDoc } from '../helpers/clients';
import { createBoard, startTestServer, type TestServer } from '../helpers/server';
import {
  boardRecord,
  describeStoreContract,
  hex,
  randomUpdate,
  tokenHashes,
} from './store-contract';

/** Trust auth on 127.0.0.1; TEST_DATABASE_URL points the tests at another server. */
const DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const START_HINT =
  'Start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start';

/** One connection for the tests' own queries (creating and dropping schemas, reading tables). */
const admin = postgres(DATABASE_URL, { max: 2, onnotice: () => {} });
afterAll(async () => {
  await admin.end({ timeout: 5 });
});

/** Rejects with a readable sentence, and how to start PostgreSQL, when `url` cannot be reached. */
async function checkReachable(url: string): Promise<void> {
  const probe = postgres(url, { max: 1, connect_timeout: 5, onnotice: () => {} });
  try {
    await probe`SELECT 1`;
  } catch (error) {
    const { code, message } = error as { code?: string; message?: string };
    throw new Error(`PostgreSQL is not reachable at ${url} (${code ?? message}). ${START_HINT}`);
  } finally {
    await probe.end({ timeout: 1 });
  }
}

let reachable: Promise<void> | undefined;
/** Fails (never skips) every test that needs PostgreSQL when it is not running. */
function requirePostgres(): Promise<void> {
  reachable ??= checkReachable(DATABASE_URL);
  return reachable;
}

/** A schema name no other test (file) uses; the store creates the schema on open. */
function freshSchemaName(): string {
  return `samkarta_test_${randomBytes(6).toString('hex')}`;
}

/** Stores over one private schema, and a cleanup that closes them all and drops the schema. */
async function schemaStores(schema = freshSchemaName()) {
  await requirePostgres();
  const opened: BoardStore[] = [];
  return {
    schema,
    async open(): Promise<BoardStore> {
      const store = await openPostgresStore(DATABASE_URL, { schema });
      opened.push(store);
      return store;
    },
    async cleanup(): Promise<void> {
      for (const store of opened) await store.close();
      await admin`DROP SCHEMA IF EXISTS ${admin(schema)} CASCADE`;
    },
  };
}

describeStoreContract('postgres', async () => {
  const stores = await schemaStores();
  return {
    store: await stores.open(),
    reopen: () => stores.open(),
    cleanup: () => stores.cleanup(),
  };
});

describe('PostgreSQL store', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });
  async function privateSchema() {
    const stores = await schemaStores();
    cleanups.push(() => stores.cleanup());
    return stores;
  }

  it('fails with a hint to start PostgreSQL when it is not running', async () => {
    // Port 1 never has a PostgreSQL server: the store refuses to open (the server does not start),
    // and the tests' check names the fix.
    const nowhere = 'postgres://postgres@127.0.0.1:1/test';
    await expect(openPostgresStore(nowhere, { schema: freshSchemaName() })).rejects.toThrow(
      /ECONNREFUSED/,
    );
    await expect(checkReachable(nowhere)).rejects.toThrow(/not reachable.*pg_ctlcluster/);
    await expect(checkReachable(DATABASE_URL)).resolves.toBeUndefined();
  });

  it('two instances appending to one board at once keep one gapless sequence, each batch whole', async () => {
    const stores = await privateSchema();
    // Two stores, two connection pools: as two server instances sharing the database.
    const [first, second] = [await stores.open(), await stores.open()];
    if (!first || !second) throw new Error('no store');
    const board = boardRecord();
    const initial = randomUpdate();
    await first.createBoard(board, tokenHashes(), initial);

    const batches = Array.from({ length: 60 }, (_, index) =>
      Array.from({ length: 1 + (index % 4) }, () => randomUpdate()),
    );
    const seqs = await Promise.all(
      batches.map((batch, index) =>
        (index % 2 === 0 ? first : second).appendUpdates(board.id, batch),
      ),
    );

    expect(new Set(seqs).size).toBe(batches.length);
    const inSeqOrder = batches
      .map((batch, index) => ({ batch, seq: seqs[index] ?? 0 }))
      .sort((a, b) => a.seq - b.seq)
      .flatMap(({ batch }) => batch);
    for (const store of [first, second]) {
      const stored = await store.loadUpdates(board.id);
      expect(hex(stored.updates)).toEqual(hex([initial, ...inSeqOrder]));
      expect(stored.lastSeq).toBe(Math.max(...seqs));
      // The running byte count (the only board in this schema) saw every batch once.
      expect(await store.storedBytes()).toBe(stored.bytes);
    }
    // Every seq from 1 up is taken exactly once: no two appends got overlapping ranges.
    const rows = await admin<{ seq: string }[]>`
      SELECT seq FROM ${admin(stores.schema)}.updates WHERE board_id = ${board.id} ORDER BY seq`;
    expect(rows.map((row) => Number(row.seq))).toEqual(
      Array.from({ length: 1 + inSeqOrder.length }, (_, index) => index + 1),
    );
  });

  it('runs the migrations once when several instances open one empty schema at the same moment', async () => {
    const stores = await privateSchema();
    const opened = await Promise.all(Array.from({ length: 4 }, () => stores.open()));
    const versions = await admin<{ version: number }[]>`
      SELECT version FROM ${admin(stores.schema)}.samkarta_schema`;
    expect(versions).toEqual([{ version: 2 }]);
    // Each of them works on the same tables.
    const board = boardRecord();
    await opened[0]?.createBoard(board, tokenHashes(), randomUpdate());
    for (const store of opened) expect(await store.getBoard(board.id)).toEqual(board);
  });

  it('refuses a schema written by a newer release rather than guess at it', async () => {
    const stores = await privateSchema();
    await (await stores.open()).close();
    await admin`UPDATE ${admin(stores.schema)}.samkarta_schema SET version = 99`;
    await expect(stores.open()).rejects.toThrow(/schema version 99/);
  });

  it('refuses settings under which it could not keep its promises', async () => {
    await requirePostgres();
    const withSetting = (name: string, value: string) => {
      const url = new URL(DATABASE_URL);
      url.searchParams.set(name, value);
      return url.toString();
    };
    // A commit that has not reached the disk would break "durable when the promise resolves".
    await expect(
      openPostgresStore(withSetting('synchronous_commit', 'off'), { schema: freshSchemaName() }),
    ).rejects.toThrow(/synchronous_commit = off/);
    // A search_path that names no schema leaves nowhere to put the tables.
    await expect(openPostgresStore(withSetting('search_path', freshSchemaName()))).rejects.toThrow(
      /names no schema that exists/,
    );
  });

  it('leaves no row of a deleted board in any table, and the neighbour whole', async () => {
    const stores = await privateSchema();
    const store = await stores.open();
    const erased = boardRecord();
    await store.createBoard(erased, tokenHashes(), randomUpdate());
    await store.appendUpdates(erased.id, [randomUpdate(), randomUpdate()]);
    const neighbour = boardRecord();
    const neighbourInitial = randomUpdate();
    await store.createBoard(neighbour, tokenHashes(), neighbourInitial);
    // Versions have no store method yet: written directly so the cascade is covered.
    const table = (name: string) => admin(`${stores.schema}.${name}`);
    await admin`
      INSERT INTO ${table('versions')} (board_id, id, label, created_at, snapshot)
      VALUES (${erased.id}, 'v1', 'Möte 1', ${Date.now()}, ${randomUpdate()})`;

    const rowsOf = async (boardId: string) => {
      const counts: Record<string, number> = {};
      for (const name of ['tokens', 'updates', 'versions']) {
        const [row] = await admin<{ count: string }[]>`
          SELECT count(*) AS count FROM ${table(name)} WHERE board_id = ${boardId}`;
        counts[name] = Number(row?.count);
      }
      const [board] = await admin<{ count: string }[]>`
        SELECT count(*) AS count FROM ${table('boards')} WHERE id = ${boardId}`;
      counts.boards = Number(board?.count);
      return counts;
    };
    expect(await rowsOf(erased.id)).toEqual({ boards: 1, tokens: 3, updates: 3, versions: 1 });

    expect(await store.deleteBoard(erased.id)).toBe(true);
    expect(await rowsOf(erased.id)).toEqual({ boards: 0, tokens: 0, updates: 0, versions: 0 });
    expect(await rowsOf(neighbour.id)).toEqual({ boards: 1, tokens: 3, updates: 1, versions: 0 });
    expect(hex((await store.loadUpdates(neighbour.id)).updates)).toEqual(hex([neighbourInitial]));
    expect(await store.storedBytes()).toBe(neighbourInitial.byteLength);
  });

  it('gives up the rewrite rather than hold every board up behind a long reader, and says so', async () => {
    const stores = await privateSchema();
    const store = await stores.open();
    const erased = boardRecord();
    await store.createBoard(erased, tokenHashes(), randomUpdate());
    const neighbour = boardRecord();
    await store.createBoard(neighbour, tokenHashes(), randomUpdate());
    // A long reader (a report, a backup) holds a lock on the updates table until it ends.
    const reader = await admin.reserve();
    try {
      await reader`BEGIN`;
      await reader`SELECT count(*) FROM ${admin(`${stores.schema}.updates`)}`;
      await expect(store.deleteBoard(erased.id)).rejects.toThrow(/kept its tables locked/);
      // The board is gone all the same, and the other boards' writes go on.
      expect(await store.getBoard(erased.id)).toBeUndefined();
      expect(await store.appendUpdates(neighbour.id, [randomUpdate()])).toBe(2);
    } finally {
      await reader`ROLLBACK`;
      reader.release();
    }
  });

  it('leaves no byte of a deleted board in any file of its database', async () => {
    await requirePostgres();
    // A database of its own: no other test's transaction can hold an older snapshot in it, which
    // would oblige the rewrite to keep the deleted rows (see deleteBoard).
    const database = freshSchemaName();
    await admin`CREATE DATABASE ${admin(database)} TEMPLATE template0`;
    const url = new URL(DATABASE_URL);
    url.pathname = `/${database}`;
    const store = await openPostgresStore(url.toString(), { schema: 'samkarta' });
    cleanups.push(async () => {
      await store.close();
      await admin`DROP DATABASE IF EXISTS ${admin(database)} WITH (FORCE)`;
    });
    const inDatabase = postgres(url.toString(), { max: 1, onnotice: () => {} });
    cleanups.push(() => inDatabase.end({ timeout: 5 }));
    // Nor may autovacuum's ANALYZE hold one; the test runs ANALYZE itself below.
    for (const name of ['boards', 'tokens', 'updates', 'versions']) {
      await inDatabase`ALTER TABLE ${inDatabase(`samkarta.${name}`)} SET (autovacuum_enabled = false)`;
    }

    const marker = 'SAMKARTA-ERASE-ME-postgres';
    const withMarker = (length: number) => {
      // At the start, the middle and the end: a large update spans several TOAST chunks.
      const update = randomUpdate(length);
      const bytes = Buffer.from(marker);
      for (const at of [0, Math.floor(length / 2), length - bytes.length]) update.set(bytes, at);
      return update;
    };
    const neighbours = [boardRecord(), boardRecord()];
    for (const board of neighbours) await store.createBoard(board, tokenHashes(), randomUpdate());
    const erased = boardRecord({ id: `board-${marker}`, title: `Familjen ${marker}` });
    await store.createBoard(erased, tokenHashes(), withMarker(300));
    // Interleaved with the neighbours, so their rows share pages.
    for (let step = 0; step < 200; step++) {
      await store.appendUpdates(erased.id, [withMarker(100 + ((step * 37) % 900))]);
      const neighbour = neighbours[step % neighbours.length];
      if (!neighbour) throw new Error('no neighbour');
      await store.appendUpdates(neighbour.id, [randomUpdate(40 + ((step * 53) % 900))]);
    }
    // TOAST, and a compaction whose replaced updates die while the board lives.
    const bigSeq = await store.appendUpdates(erased.id, [withMarker(200_000)]);
    await store.compactUpdates(erased.id, withMarker(50_000), bigSeq);
    await store.appendUpdates(erased.id, [withMarker(1000)]);
    await inDatabase`
      INSERT INTO samkarta.versions (board_id, id, label, created_at, snapshot)
      VALUES (${erased.id}, 'v1', ${`Möte ${marker}`}, ${Date.now()}, ${withMarker(5000)})`;
    // Planner statistics sample column values into pg_statistic; none of the board's may land there.
    await inDatabase`ANALYZE samkarta.boards, samkarta.tokens, samkarta.updates, samkarta.versions`;
    const neighbourUpdates = await Promise.all(
      neighbours.map(async (board) => hex((await store.loadUpdates(board.id)).updates)),
    );

    /** Files of the database's directory that hold the marker or either half, as on disk now. */
    const filesWithMarker = async () => {
      // Dirty pages reach the files at a checkpoint.
      await admin`CHECKPOINT`;
      const half = Math.floor(marker.length / 2);
      const [whole, start, end] = [marker, marker.slice(0, half), marker.slice(half)].map((text) =>
        Buffer.from(text),
      ) as [Buffer, Buffer, Buffer];
      // Read through the server: its files belong to the postgres user, and may be on another host.
      // A file that a checkpoint removes between listing and reading reads as NULL (missing_ok).
      const rows = await admin<{ file: string }[]>`
        SELECT db.dir || '/' || file AS file
        FROM (SELECT 'base/' || oid AS dir FROM pg_database WHERE datname = ${database}) AS db,
             pg_ls_dir(db.dir) AS file,
             pg_stat_file(db.dir || '/' || file, true) AS stat,
             pg_read_binary_file(db.dir || '/' || file, 0, coalesce(stat.size, 0), true) AS bytes
        WHERE position(${whole}::bytea in bytes) > 0
           OR position(${start}::bytea in bytes) > 0
           OR position(${end}::bytea in bytes) > 0`;
      return rows.map((row) => row.file);
    };
    // The search works: before the delete, it finds the board.
    expect(await filesWithMarker()).not.toEqual([]);

    expect(await store.deleteBoard(erased.id)).toBe(true);
    expect(await filesWithMarker()).toEqual([]);
    for (const [index, board] of neighbours.entries()) {
      expect(hex((await store.loadUpdates(board.id)).updates)).toEqual(neighbourUpdates[index]);
    }
  });

  it('serves a board through the real server, and finds it again after a restart', async () => {
    await requirePostgres();
    // The schema travels in the URL (postgres.js passes search_path to the server as a setting);
    // an operator creates it once, as here.
    const schema = freshSchemaName();
    await admin`CREATE SCHEMA ${admin(schema)}`;
    cleanups.push(async () => {
      await admin`DROP SCHEMA IF EXISTS ${admin(schema)} CASCADE`;
    });
    const url = new URL(DATABASE_URL);
    url.searchParams.set('search_path', schema);
    const env = { DATABASE_URL: url.toString() };
    const servers: TestServer[] = [];
    const clients: ReturnType<typeof connectClient>[] = [];
    cleanups.push(async () => {
      for (const client of clients) client.destroy();
      for (const server of servers) await server.close();
    });
    const start = async () => {
      const server = await startTestServer({ env });
      servers.push(server);
      return server;
    };

    const first = await start();
    const board = await createBoard(first.url, { title: 'Familjen L' });
    const anna = connectClient(first.wsUrl, board.id, board.tokens.participant);
    const bo = connectClient(first.wsUrl, board.id, board.tokens.participant);
    clients.push(anna, bo);
    await Promise.all([anna.synced, bo.synced]);
    const card = addCard(anna.doc, { section: 'strengths', author: 'anna', text: 'Mormor' });
    insertCardText(anna.doc, card, 6, ' hämtar varje dag');
    const texts = (client: typeof anna) => listAllCards(client.doc).map((each) => each.text);
    // The server stores an update before it relays it: once Bo has it, PostgreSQL has it.
    await untilDoc(bo.doc, () => texts(bo).includes('Mormor hämtar varje dag'));
    const [stored] = await admin<{ title: string; updates: string }[]>`
      SELECT b.title, (SELECT count(*) FROM ${admin(schema)}.updates u WHERE u.board_id = b.id) AS updates
      FROM ${admin(schema)}.boards b WHERE b.id = ${board.id}`;
    expect(stored?.title).toBe('Familjen L');
    expect(Number(stored?.updates)).toBeGreaterThan(1);
    // Nothing went to SQLite.
    expect(existsSync(join(first.dataDir, 'samkarta.db'))).toBe(false);

    for (const client of clients.splice(0)) client.destroy();
    await first.close();
    // A fresh data directory: the board can only come from PostgreSQL.
    const second = await start();
    expect(second.dataDir).not.toBe(first.dataDir);
    const carl = connectClient(second.wsUrl, board.id, board.tokens.viewer);
    clients.push(carl);
    await carl.synced;
    expect(texts(carl)).toEqual(['Mormor hämtar varje dag']);
  });
});
