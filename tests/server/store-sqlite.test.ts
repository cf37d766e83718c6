/** @module The SQLite store: the shared contract, erasure down to the disk bytes, and a model check. */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { appendFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openSqliteStore } from '../../server/store/sqlite';
import type { BoardStore } from '../../server/store/types';
import { filesContaining } from '../helpers/files';
import {
  boardRecord,
  describeStoreContract,
  hex,
  randomUpdate,
  tokenHashes,
} from './store-contract';

/** A fresh directory per use, and every store opened in it, closed and removed together. */
function tempStores() {
  const dir = mkdtempSync(join(tmpdir(), 'samkarta-store-'));
  const opened: BoardStore[] = [];
  return {
    dir,
    open(name = 'samkarta.db'): BoardStore {
      const store = openSqliteStore(join(dir, name));
      opened.push(store);
      return store;
    },
    async cleanup(): Promise<void> {
      for (const store of opened) await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describeStoreContract('sqlite', async () => {
  const stores = tempStores();
  // A nested path: opening creates the missing data directory.
  const file = join('data', 'samkarta.db');
  return {
    store: stores.open(file),
    reopen: async () => stores.open(file),
    cleanup: () => stores.cleanup(),
  };
});

describe('SQLite store', () => {
  let stores: ReturnType<typeof tempStores>;
  beforeEach(() => {
    stores = tempStores();
  });
  afterEach(async () => {
    await stores.cleanup();
  });

  it('sets up WAL and a schema version, and opens its own file again idempotently', async () => {
    const store = stores.open();
    const { board } = await createBoardIn(store);
    await store.close();
    const again = stores.open();
    expect(await again.getBoard(board.id)).toEqual(board);
    await again.close();

    const db = new Database(join(stores.dir, 'samkarta.db'), { readonly: true });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('user_version', { simple: true })).toBe(2);
    } finally {
      db.close();
    }
  });

  it('refuses a file written by a newer schema rather than guess at it', () => {
    const file = join(stores.dir, 'newer.db');
    const db = new Database(file);
    db.pragma('user_version = 99');
    db.close();
    expect(() => openSqliteStore(file)).toThrow(/schema version 99/);
  });

  it('works in memory', async () => {
    const store = openSqliteStore(':memory:');
    try {
      const { board, initial } = await createBoardIn(store);
      expect(hex((await store.loadUpdates(board.id)).updates)).toEqual(hex([initial]));
    } finally {
      await store.close();
    }
  });

  // Page layout depends only on the sizes, ids and order of writes, so seeded sizes and fixed ids
  // make this test deterministic. Without the VACUUM in deleteBoard, each of these seeds leaves
  // stale copies of the board's rows (from b-tree rebalancing) in the unused space of pages the
  // neighbours still use, within the first two rounds (SQLite 3.53; seeds found by a sweep).
  it.each([3, 4, 10])(
    'leaves no byte of a deleted board in any file (size seed %i)',
    async (seed) => {
      const nextSize = seededSizes(seed);
      const dir = join(stores.dir, `seed-${seed}`);
      const store = stores.open(join(`seed-${seed}`, 'samkarta.db'));
      const neighbours: { id: string; updates: Uint8Array[] }[] = [];
      for (let index = 0; index < 2; index++) {
        // Fixed ids: where they sort against the erased board's id shapes the index pages.
        const { board, initial } = await createBoardIn(
          store,
          { id: `board-neighbour-${index}` },
          randomUpdate(100),
        );
        neighbours.push({ id: board.id, updates: [initial] });
      }
      const markers: string[] = [];

      for (let round = 0; round < 3; round++) {
        const marker = `SAMKARTA-ERASE-ME-round-${round}`;
        markers.push(marker);
        const withMarker = (length: number) => {
          // At the start, the middle and the end: a large update spans several pages.
          const update = randomUpdate(length);
          const bytes = Buffer.from(marker);
          for (const at of [0, Math.floor(length / 2), length - bytes.length])
            update.set(bytes, at);
          return update;
        };
        const erased = boardRecord({ id: `board-${marker}`, title: `Familjen ${marker}` });
        await store.createBoard(erased, tokenHashes(), withMarker(300));
        // Interleaved with the neighbours, so their rows share pages.
        for (let step = 0; step < 200; step++) {
          await store.appendUpdates(erased.id, [withMarker(40 + nextSize())]);
          const neighbour = neighbours[step % neighbours.length];
          if (!neighbour) throw new Error('no neighbour');
          const update = randomUpdate(nextSize());
          await store.appendUpdates(neighbour.id, [update]);
          neighbour.updates.push(update);
        }
        // Overflow pages, and a compaction whose replaced updates are freed while the board lives.
        const bigSeq = await store.appendUpdates(erased.id, [withMarker(200_000)]);
        await store.compactUpdates(erased.id, withMarker(50_000), bigSeq);
        await store.appendUpdates(erased.id, [withMarker(1000)]);
        // Versions have no store method yet: write one directly so the cascade is covered, and
        // checkpoint, so that both the main file and the -wal file hold the board.
        const other = new Database(join(dir, 'samkarta.db'));
        other
          .prepare(
            'INSERT INTO versions (board_id, id, label, created_at, snapshot) VALUES (?, ?, ?, ?, ?)',
          )
          .run(erased.id, 'v1', `Möte ${marker}`, Date.now(), withMarker(5000));
        other.pragma('wal_checkpoint(PASSIVE)');
        other.close();
        await store.appendUpdates(erased.id, [withMarker(400)]);

        // The search works: before the delete, it finds the board.
        expect(filesContaining(dir, marker)).not.toEqual([]);
        expect(await store.deleteBoard(erased.id)).toBe(true);
        expect({ round, files: filesContaining(dir, marker) }).toEqual({ round, files: [] });
        for (const neighbour of neighbours) {
          expect(hex((await store.loadUpdates(neighbour.id)).updates)).toEqual(
            hex(neighbour.updates),
          );
        }
      }

      await store.close();
      for (const marker of markers) expect(filesContaining(dir, marker)).toEqual([]);
    },
  );

  it('keeps every board equal to a model through random appends, compactions and reopens', async () => {
    type Op =
      | { kind: 'append'; board: number; updates: Uint8Array[] }
      | { kind: 'compact'; board: number; pick: number }
      | { kind: 'load'; board: number }
      | { kind: 'reopen' };
    const board = fc.integer({ min: 0, max: 1 });
    const op: fc.Arbitrary<Op> = fc.oneof(
      {
        weight: 4,
        arbitrary: fc.record({
          kind: fc.constant('append' as const),
          board,
          updates: fc.array(fc.uint8Array({ minLength: 1, maxLength: 64 }), { maxLength: 3 }),
        }),
      },
      {
        weight: 2,
        arbitrary: fc.record({ kind: fc.constant('compact' as const), board, pick: fc.nat() }),
      },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('load' as const), board }) },
      { weight: 1, arbitrary: fc.constant({ kind: 'reopen' as const }) },
    );
    let run = 0;

    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 30 }), async (ops) => {
        const file = `model-${run++}.db`;
        let store = stores.open(file);
        // The model: per board, what should load, with seqs; and everything it was ever given.
        const models = await Promise.all(
          [0, 1].map(async () => {
            const { board, initial } = await createBoardIn(store);
            return { id: board.id, stored: [{ seq: 1, bytes: initial }], given: [initial] };
          }),
        );

        const check = async (model: (typeof models)[number]) => {
          const loaded = await store.loadUpdates(model.id);
          expect(hex(loaded.updates)).toEqual(hex(model.stored.map((entry) => entry.bytes)));
          expect(loaded.lastSeq).toBe(model.stored.at(-1)?.seq);
          // Snapshots are the concatenation of what they replace, so nothing is ever lost.
          expect(hex([concat(loaded.updates)])).toEqual(hex([concat(model.given)]));
        };

        for (const step of ops) {
          if (step.kind === 'reopen') {
            await store.close();
            store = stores.open(file);
            continue;
          }
          const model = models[step.board];
          if (!model) throw new Error('no such board in the model');
          if (step.kind === 'append') {
            let seq = model.stored.at(-1)?.seq ?? 0;
            for (const bytes of step.updates) model.stored.push({ seq: ++seq, bytes });
            model.given.push(...step.updates);
            expect(await store.appendUpdates(model.id, step.updates)).toBe(seq);
          } else if (step.kind === 'compact') {
            const upTo = model.stored[step.pick % model.stored.length]?.seq ?? 1;
            const replaced = model.stored.filter((entry) => entry.seq <= upTo);
            const snapshot = concat(replaced.map((entry) => entry.bytes));
            model.stored = [
              { seq: upTo, bytes: snapshot },
              ...model.stored.filter((entry) => entry.seq > upTo),
            ];
            await store.compactUpdates(model.id, snapshot, upTo);
          } else {
            await check(model);
          }
        }
        for (const model of models) await check(model);
        const total = models
          .flatMap((model) => model.stored)
          .reduce((sum, entry) => sum + entry.bytes.byteLength, 0);
        expect(await store.storedBytes()).toBe(total);
        await store.close();
      }),
      { numRuns: 60 },
    );
  });
});

describe('SQLite store: the update log in front of the database', () => {
  let stores: ReturnType<typeof tempStores>;
  beforeEach(() => {
    stores = tempStores();
  });
  afterEach(async () => {
    await stores.cleanup();
  });

  /** Runs the writer child (tests/helpers/sqlite-writer.ts), which ends by SIGKILLing itself. */
  async function killedWriter(args: string[], updates: Uint8Array[]): Promise<string[]> {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'tests/helpers/sqlite-writer.ts',
        ...args,
        ...updates.map((u) => Buffer.from(u).toString('hex')),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const lines: string[] = [];
    createInterface({ input: child.stdout }).on('line', (line) => lines.push(line));
    const [, signal] = (await once(child, 'exit')) as [number | null, string | null];
    expect(signal).toBe('SIGKILL');
    return lines;
  }

  it("refuses a second process on the same data directory, which leaves the first one's log alone", async () => {
    const file = join(stores.dir, 'samkarta.db');
    const first = stores.open();
    const [initial, mine, theirs] = [randomUpdate(), randomUpdate(), randomUpdate()];
    await first.createBoard(
      { id: 'board-shared', title: 'Familjen Delad', language: 'sv', createdAt: 1 },
      { facilitator: 'f'.repeat(64), participant: 'p'.repeat(64), viewer: 'v'.repeat(64) },
      initial,
    );
    await first.appendUpdates('board-shared', [mine]);
    const logBytes = statSync(`${file}-updates`).size;
    expect(logBytes).toBeGreaterThan(0);

    // A second server started on the same DATA_DIR by mistake: it must not open the store at all.
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'tests/helpers/sqlite-writer.ts',
        file,
        'board-shared',
        Buffer.from(theirs).toString('hex'),
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const [code] = (await once(child, 'exit')) as [number | null, string | null];
    expect(code).not.toBe(0);
    expect(stderr).toContain('Another process is using the data in');
    expect(stdout).toBe('');
    // It neither folded nor emptied the first one's log, nor wrote its own update anywhere.
    expect(statSync(`${file}-updates`).size).toBe(logBytes);
    expect(hex((await first.loadUpdates('board-shared')).updates)).toEqual(hex([initial, mine]));

    // Closed, the directory is free again.
    await first.close();
    const again = openSqliteStore(file);
    expect(hex((await again.loadUpdates('board-shared')).updates)).toEqual(hex([initial, mine]));
    await again.close();
  });

  it('keeps every append that resolved before a kill -9, and loads them after a restart', async () => {
    const file = join(stores.dir, 'samkarta.db');
    const updates = Array.from({ length: 30 }, () => randomUpdate());
    const printed = await killedWriter(['--create', file, 'board-crash'], updates);
    // Every append resolved (it printed its seq) before the process was killed.
    expect(printed).toEqual(updates.slice(1).map((_, i) => `stored ${i + 2}`));
    // They were in the log file, not yet in the database: the crash came before any fold.
    expect(statSync(`${file}-updates`).size).toBeGreaterThan(0);

    const store = stores.open();
    const loaded = await store.loadUpdates('board-crash');
    expect(hex(loaded.updates)).toEqual(hex(updates));
    expect(loaded.lastSeq).toBe(30);
    // Folded into the database, the log is empty again; and a new append follows on.
    expect(statSync(`${file}-updates`).size).toBe(0);
    expect(await store.appendUpdates('board-crash', [randomUpdate()])).toBe(31);
  });

  it('drops a record the process did not finish writing, and later records still load', async () => {
    const file = join(stores.dir, 'samkarta.db');
    // A write cut short by the crash: a header that promises more bytes than follow.
    const tear = () =>
      appendFileSync(`${file}-updates`, Buffer.from([0xff, 0, 0, 0, 1, 2, 3, 4, 5, 6]));
    const first = Array.from({ length: 5 }, () => randomUpdate());
    await killedWriter(['--create', file, 'board-torn'], first);
    tear();
    // The whole records before the torn one load.
    const reopened = stores.open();
    expect(hex((await reopened.loadUpdates('board-torn')).updates)).toEqual(hex(first));
    await reopened.close();
    // Torn with nothing whole before it: the next process must cut it off before appending, or
    // its own records would sit behind it, unreadable.
    tear();
    const second = Array.from({ length: 5 }, () => randomUpdate());
    const printed = await killedWriter([file, 'board-torn'], second);
    expect(printed.at(-1)).toBe('stored 10');

    const store = stores.open();
    expect(hex((await store.loadUpdates('board-torn')).updates)).toEqual(
      hex([...first, ...second]),
    );
  });

  it('opens after a crash left zeros at the end of the log, keeping the records before them', async () => {
    const file = join(stores.dir, 'samkarta.db');
    const updates = Array.from({ length: 3 }, () => randomUpdate());
    await killedWriter(['--create', file, 'board-zeros'], updates);
    // A file extended but never written (a power cut on some file systems): zeros pass the
    // checksum of an empty record.
    appendFileSync(`${file}-updates`, Buffer.alloc(64));
    const store = stores.open();
    expect(hex((await store.loadUpdates('board-zeros')).updates)).toEqual(hex(updates));
    expect(await store.appendUpdates('board-zeros', [randomUpdate()])).toBe(4);
  });

  it.each(['samkarta.db', ':memory:'])(
    'refuses appends once closed, never writing them anywhere (%s)',
    async (name) => {
      const store =
        name === ':memory:' ? openSqliteStore(':memory:') : stores.open(join('closed', name));
      const { board } = await createBoardIn(store);
      await store.appendUpdates(board.id, [randomUpdate()]);
      // Queued in the same turn as the close, and after it.
      const queued = store.appendUpdates(board.id, [randomUpdate()]);
      await store.close();
      await expect(queued).rejects.toThrow(/closed/);
      await expect(store.appendUpdates(board.id, [randomUpdate()])).rejects.toThrow(/closed/);
      if (name !== ':memory:') {
        expect(statSync(join(stores.dir, 'closed', `${name}-updates`)).size).toBe(0);
      }
    },
  );

  it('is folded into the database within two seconds, with nobody appending or reading', async () => {
    const file = join(stores.dir, 'samkarta.db');
    const store = stores.open();
    const { board, initial } = await createBoardIn(store);
    const update = randomUpdate();
    await store.appendUpdates(board.id, [update]);
    expect(statSync(`${file}-updates`).size).toBeGreaterThan(0);
    // A second connection to the file sees only what the store folded into it.
    const db = new Database(file, { readonly: true });
    try {
      const rows = () =>
        db.prepare('SELECT data FROM updates WHERE board_id = ? ORDER BY seq').all(board.id).length;
      expect(rows()).toBe(1);
      await vi.waitFor(() => expect(rows()).toBe(2), { timeout: 5_000, interval: 50 });
    } finally {
      db.close();
    }
    expect(statSync(`${file}-updates`).size).toBe(0);
    expect(hex((await store.loadUpdates(board.id)).updates)).toEqual(hex([initial, update]));
  });

  it('folds while a marker is dragged, a second in, once the append that found it due has resolved', async () => {
    const file = join(stores.dir, 'samkarta.db');
    const store = stores.open();
    const { board } = await createBoardIn(store);
    const db = new Database(file, { readonly: true });
    const rows = () =>
      db.prepare('SELECT data FROM updates WHERE board_id = ? ORDER BY seq').all(board.id).length;
    const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
    // As a room appends: from the callback that ends an event-loop turn (server/sync/turn.ts).
    const append = () =>
      new Promise<number>((resolve, reject) =>
        setImmediate(() => store.appendUpdates(board.id, [randomUpdate()]).then(resolve, reject)),
      );
    try {
      const firstAppendAt = performance.now();
      // A drag: one append per frame and nothing else, until the store folds.
      for (let frame = 0; frame < 200; frame++) {
        await append();
        // Resolved, so its room relays it now: the fold must not have run before that.
        const resolvedWith = rows();
        await nextTurn();
        if (rows() > resolvedWith) {
          // Folded in the turn right after an append, not by the timer between frames, and in one
          // batch: not before its oldest entry was a second old.
          expect(resolvedWith).toBe(1);
          expect(rows()).toBe(frame + 2);
          expect(performance.now() - firstAppendAt).toBeGreaterThanOrEqual(1000);
          expect(statSync(`${file}-updates`).size).toBe(0);
          return;
        }
        expect(rows()).toBe(1);
        await new Promise((resolve) => setTimeout(resolve, 33));
      }
      throw new Error('200 frames went by without a fold');
    } finally {
      db.close();
    }
  });

  it('refuses appends to a deleted board even after they were cached, and never writes them', async () => {
    const file = join(stores.dir, 'samkarta.db');
    const store = stores.open();
    const { board } = await createBoardIn(store);
    await store.appendUpdates(board.id, [randomUpdate()]);
    expect(await store.deleteBoard(board.id)).toBe(true);
    const marker = randomUpdate(64);
    await expect(store.appendUpdates(board.id, [marker])).rejects.toThrow(/does not exist/);
    expect(statSync(`${file}-updates`).size).toBe(0);
  });
});

async function createBoardIn(
  store: BoardStore,
  overrides: Parameters<typeof boardRecord>[0] = {},
  initial = randomUpdate(),
) {
  const board = boardRecord(overrides);
  await store.createBoard(board, tokenHashes(), initial);
  return { board, initial };
}

/** Update sizes of 16–1015 bytes from a small seeded generator (a linear congruential one). */
function seededSizes(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return 16 + (state % 1000);
  };
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  return new Uint8Array(Buffer.concat(parts));
}

/** Names of the files in `dir` whose raw bytes contain `marker`, or either half of it. */
