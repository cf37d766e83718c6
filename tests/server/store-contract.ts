/** @module The BoardStore contract: one suite that every storage engine (SQLite, PostgreSQL) runs. */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  type BoardRecord,
  type BoardStore,
  MAX_VERSIONS_PER_BOARD,
  type StoredVersion,
  VersionLimitError,
} from '../../server/store/types';
import { LINK_ROLES, type LinkRole } from '../../shared/roles';

export interface StoreHarness {
  /** A store over empty (or at least unshared) data. */
  store: BoardStore;
  /** Opens the same data again after the suite has closed `store`; omit when the engine cannot. */
  reopen?: () => Promise<BoardStore>;
  /** Closes every store that `open` and `reopen` gave out (some already closed) and drops the data. */
  cleanup: () => Promise<void>;
}

export function describeStoreContract(engine: string, open: () => Promise<StoreHarness>): void {
  describe(`BoardStore contract: ${engine}`, () => {
    let harness: StoreHarness;
    let store: BoardStore;

    beforeEach(async () => {
      harness = await open();
      store = harness.store;
    });
    afterEach(async () => {
      await harness.cleanup();
    });

    /** Creates a board with a random initial update; returns what was stored. */
    async function createBoard(overrides: Partial<BoardRecord> = {}) {
      const board = boardRecord(overrides);
      const hashes = tokenHashes();
      const initial = randomUpdate();
      await store.createBoard(board, hashes, initial);
      return { board, hashes, initial };
    }

    describe('boards', () => {
      it('reads back a created board exactly, title in any script included', async () => {
        const { board } = await createBoard({
          title: 'Familjen Åström – möte 3 🏠',
          language: 'en',
        });
        expect(await store.getBoard(board.id)).toEqual(board);
      });

      it('knows nothing of a board that was never created', async () => {
        const id = `missing-${randomUUID()}`;
        expect(await store.getBoard(id)).toBeUndefined();
        expect(await store.loadUpdates(id)).toEqual({ updates: [], lastSeq: 0, bytes: 0 });
        expect(await store.roleForTokenHash(id, sha256('anything'))).toBeUndefined();
      });

      it('refuses a second board with the same id and keeps the first intact', async () => {
        const { board, initial } = await createBoard();
        const clash = boardRecord({ id: board.id, title: 'Someone else' });
        await expect(store.createBoard(clash, tokenHashes(), randomUpdate())).rejects.toThrow();
        expect(await store.getBoard(board.id)).toEqual(board);
        expect(hex((await store.loadUpdates(board.id)).updates)).toEqual(hex([initial]));
      });
    });

    describe('link tokens', () => {
      it('finds the role of each current token hash, and no role for any other hash', async () => {
        const { board, hashes } = await createBoard();
        const other = await createBoard();
        for (const role of LINK_ROLES) {
          expect(await store.roleForTokenHash(board.id, hashes[role])).toBe(role);
          // A valid link of another board opens nothing here.
          expect(await store.roleForTokenHash(board.id, other.hashes[role])).toBeUndefined();
        }
        expect(await store.roleForTokenHash(board.id, sha256('wrong'))).toBeUndefined();
        expect(await store.roleForTokenHash(board.id, '')).toBeUndefined();
      });

      it('rotating a role makes the old hash stop matching and the new one match', async () => {
        const { board, hashes } = await createBoard();
        const rotated = sha256(randomUUID());
        await store.setTokenHash(board.id, 'participant', rotated);
        expect(await store.roleForTokenHash(board.id, hashes.participant)).toBeUndefined();
        expect(await store.roleForTokenHash(board.id, rotated)).toBe('participant');
        // The other roles' links still work.
        expect(await store.roleForTokenHash(board.id, hashes.facilitator)).toBe('facilitator');
        expect(await store.roleForTokenHash(board.id, hashes.viewer)).toBe('viewer');
      });

      it('refuses to set a token for a board that does not exist', async () => {
        const id = `missing-${randomUUID()}`;
        const hash = sha256(randomUUID());
        await expect(store.setTokenHash(id, 'viewer', hash)).rejects.toThrow();
        expect(await store.roleForTokenHash(id, hash)).toBeUndefined();
      });
    });

    describe('updates', () => {
      it('loads the initial update first, then appended ones in order, bytes intact', async () => {
        const { board, initial } = await createBoard();
        const appended = [randomUpdate(), randomUpdate(), randomUpdate()];
        const seqs: number[] = [];
        for (const update of appended) seqs.push(await store.appendUpdates(board.id, [update]));

        expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
        expect(new Set(seqs).size).toBe(seqs.length);
        const stored = await store.loadUpdates(board.id);
        expect(hex(stored.updates)).toEqual(hex([initial, ...appended]));
        expect(stored.lastSeq).toBe(seqs.at(-1));
        expect(stored.bytes).toBe(byteSum([initial, ...appended]));
      });

      it('gives the initial update a positive seq that appended ones come after', async () => {
        const { board } = await createBoard();
        const { lastSeq } = await store.loadUpdates(board.id);
        expect(lastSeq).toBeGreaterThan(0);
        expect(await store.appendUpdates(board.id, [randomUpdate()])).toBeGreaterThan(lastSeq);
      });

      it('appends a batch in order and resolves with the seq of its last update', async () => {
        const { board, initial } = await createBoard();
        const batch = [randomUpdate(), randomUpdate(), randomUpdate()];
        const seq = await store.appendUpdates(board.id, batch);
        const stored = await store.loadUpdates(board.id);
        expect(stored.lastSeq).toBe(seq);
        expect(hex(stored.updates)).toEqual(hex([initial, ...batch]));
      });

      it('stores nothing for an empty batch and resolves with the current last seq', async () => {
        const { board } = await createBoard();
        const before = await store.loadUpdates(board.id);
        expect(await store.appendUpdates(board.id, [])).toBe(before.lastSeq);
        expect(await store.loadUpdates(board.id)).toEqual(before);
      });

      it('stores all of a batch or none of it', async () => {
        const { board } = await createBoard();
        const before = await store.loadUpdates(board.id);
        const broken = [randomUpdate(), null as unknown as Uint8Array, randomUpdate()];
        await expect(store.appendUpdates(board.id, broken)).rejects.toThrow();
        const after = await store.loadUpdates(board.id);
        expect(hex(after.updates)).toEqual(hex(before.updates));
        expect(after.lastSeq).toBe(before.lastSeq);
      });

      it('refuses updates for a board that does not exist or was deleted', async () => {
        const bytesBefore = await store.storedBytes();
        await expect(
          store.appendUpdates(`missing-${randomUUID()}`, [randomUpdate()]),
        ).rejects.toThrow();
        const { board } = await createBoard();
        await store.deleteBoard(board.id);
        // A room that flushes after its board was deleted must not bring any of it back.
        await expect(store.appendUpdates(board.id, [randomUpdate()])).rejects.toThrow();
        await expect(
          store.appendUpdates(board.id, [randomUpdate(), randomUpdate()]),
        ).rejects.toThrow();
        await expect(store.compactUpdates(board.id, randomUpdate(), 1)).rejects.toThrow();
        expect(await store.loadUpdates(board.id)).toEqual({ updates: [], lastSeq: 0, bytes: 0 });
        expect(await store.storedBytes()).toBe(bytesBefore);
      });

      it('stores the appends of many boards made together, refusing only the deleted boards', async () => {
        // What one event-loop turn of a busy server asks for (SQLite commits it as one transaction).
        const boards = await Promise.all(Array.from({ length: 6 }, () => createBoard()));
        // One deleted board appends a single update, the other a batch.
        const deleted = [boards[2]?.board.id ?? '', boards[3]?.board.id ?? ''];
        for (const boardId of deleted) await store.deleteBoard(boardId);
        const writes = boards.map(({ board }, index) => ({
          boardId: board.id,
          updates: Array.from({ length: 1 + (index % 2) }, () => randomUpdate()),
        }));
        const results = await Promise.allSettled(
          writes.map(({ boardId, updates }) => store.appendUpdates(boardId, updates)),
        );
        for (const [index, { boardId, updates }] of writes.entries()) {
          const result = results[index];
          const stored = await store.loadUpdates(boardId);
          if (deleted.includes(boardId)) {
            expect(result?.status).toBe('rejected');
            expect(stored.updates).toEqual([]);
          } else {
            expect(result).toEqual({ status: 'fulfilled', value: stored.lastSeq });
            expect(hex(stored.updates.slice(1))).toEqual(hex(updates));
          }
        }
      });

      it('keeps many boards apart however their writes interleave', async () => {
        const boards = await Promise.all(Array.from({ length: 5 }, () => createBoard()));
        const expected = new Map(boards.map(({ board, initial }) => [board.id, [initial]]));
        for (let round = 0; round < 6; round++) {
          for (const { board } of boards) {
            if ((round + board.id.length) % 3 === 0) continue;
            const update = randomUpdate();
            await store.appendUpdates(board.id, [update]);
            expected.get(board.id)?.push(update);
          }
        }
        for (const { board } of boards) {
          const stored = await store.loadUpdates(board.id);
          expect(hex(stored.updates)).toEqual(hex(expected.get(board.id) ?? []));
        }
      });

      it('lands every one of many concurrent appends, each batch whole, in one sequence', async () => {
        const { board, initial } = await createBoard();
        const batches = Array.from({ length: 25 }, (_, index) =>
          Array.from({ length: 1 + (index % 3) }, () => randomUpdate()),
        );
        const seqs = await Promise.all(
          batches.map((batch) => store.appendUpdates(board.id, batch)),
        );

        expect(new Set(seqs).size).toBe(batches.length);
        // Ordered by the seq each call got, the batches must be exactly what is stored.
        const inSeqOrder = batches
          .map((batch, index) => ({ batch, seq: seqs[index] ?? 0 }))
          .sort((a, b) => a.seq - b.seq)
          .flatMap(({ batch }) => batch);
        const stored = await store.loadUpdates(board.id);
        expect(hex(stored.updates)).toEqual(hex([initial, ...inSeqOrder]));
        expect(stored.lastSeq).toBe(Math.max(...seqs));
      });

      it('keeps large updates byte for byte', async () => {
        const { board } = await createBoard();
        const large = randomUpdate(3 * 1024 * 1024);
        await store.appendUpdates(board.id, [large]);
        const stored = await store.loadUpdates(board.id);
        expect(stored.updates.at(-1)?.byteLength).toBe(large.byteLength);
        expect(sha256(stored.updates.at(-1) ?? new Uint8Array())).toBe(sha256(large));
      });

      it('stores real Yjs updates that rebuild the document, before and after compaction', async () => {
        const doc = new Y.Doc();
        const board = boardRecord();
        await store.createBoard(board, tokenHashes(), Y.encodeStateAsUpdate(doc));
        let lastSeq = 0;
        const pending: Promise<number>[] = [];
        doc.on('update', (update: Uint8Array) => {
          pending.push(store.appendUpdates(board.id, [update]).then((seq) => (lastSeq = seq)));
        });
        doc.getMap('meta').set('title', 'Familjen L');
        doc.getText('note').insert(0, 'Mormor hämtar varje dag');
        doc.getText('note').insert(0, 'Ibland: ');
        await Promise.all(pending);

        const rebuilt = async () => {
          const copy = new Y.Doc();
          for (const update of (await store.loadUpdates(board.id)).updates)
            Y.applyUpdate(copy, update);
          return copy;
        };
        expect((await rebuilt()).getText('note').toString()).toBe(
          'Ibland: Mormor hämtar varje dag',
        );
        await store.compactUpdates(board.id, Y.encodeStateAsUpdate(doc), lastSeq);
        expect((await store.loadUpdates(board.id)).updates).toHaveLength(1);
        const copy = await rebuilt();
        expect(copy.getText('note').toString()).toBe('Ibland: Mormor hämtar varje dag');
        expect(copy.getMap('meta').get('title')).toBe('Familjen L');
      });
    });

    describe('compaction', () => {
      it('replaces updates up to a seq by the snapshot, which loads first; newer ones stay', async () => {
        const { board } = await createBoard();
        const older = [randomUpdate(), randomUpdate()];
        const upToSeq = await store.appendUpdates(board.id, older);
        const newer = [randomUpdate(), randomUpdate()];
        const lastSeq = await store.appendUpdates(board.id, newer);

        const snapshot = randomUpdate();
        await store.compactUpdates(board.id, snapshot, upToSeq);
        const stored = await store.loadUpdates(board.id);
        expect(hex(stored.updates)).toEqual(hex([snapshot, ...newer]));
        expect(stored.lastSeq).toBe(lastSeq);
        expect(stored.bytes).toBe(byteSum([snapshot, ...newer]));

        // Later updates still sort after everything, and a second compaction works the same way.
        const later = randomUpdate();
        const laterSeq = await store.appendUpdates(board.id, [later]);
        expect(laterSeq).toBeGreaterThan(lastSeq);
        const second = randomUpdate();
        await store.compactUpdates(board.id, second, lastSeq);
        expect(hex((await store.loadUpdates(board.id)).updates)).toEqual(hex([second, later]));
      });

      it('compacting up to the last seq leaves the snapshot alone and keeps the seq', async () => {
        const { board } = await createBoard();
        const lastSeq = await store.appendUpdates(board.id, [randomUpdate(), randomUpdate()]);
        const snapshot = randomUpdate();
        await store.compactUpdates(board.id, snapshot, lastSeq);
        const stored = await store.loadUpdates(board.id);
        expect(hex(stored.updates)).toEqual(hex([snapshot]));
        expect(stored.lastSeq).toBe(lastSeq);
        expect(await store.appendUpdates(board.id, [randomUpdate()])).toBeGreaterThan(lastSeq);
      });

      it('refuses a seq beyond the stored ones, or none at all, and changes nothing', async () => {
        const { board } = await createBoard();
        const lastSeq = await store.appendUpdates(board.id, [randomUpdate()]);
        const before = await store.loadUpdates(board.id);
        for (const upToSeq of [lastSeq + 1, 0, -1, 1.5]) {
          await expect(store.compactUpdates(board.id, randomUpdate(), upToSeq)).rejects.toThrow();
        }
        expect(hex((await store.loadUpdates(board.id)).updates)).toEqual(hex(before.updates));
      });
    });

    describe('versions', () => {
      it('lists saved versions oldest first, same-millisecond ones in the order they were saved', async () => {
        const { board } = await createBoard();
        const at = 1_747_000_000_000;
        const first = version({ label: 'Möte 1 — 12 maj', createdAt: at });
        const secondSameMs = version({ label: 'Möte 1, efter pausen', createdAt: at });
        const third = version({ label: 'Meeting 2 🏠', createdAt: at + 7 * 86_400_000 });
        // Saved out of time order: an older clock (another instance) still lists first.
        const older = version({ label: 'Före mötet', createdAt: at - 1 });
        for (const saved of [first, secondSameMs, third, older]) {
          await store.saveVersion(board.id, saved);
        }
        expect(await store.listVersions(board.id)).toEqual(
          [older, first, secondSameMs, third].map(info),
        );
      });

      it('loads a version with its label and snapshot byte for byte, and only on its own board', async () => {
        const { board } = await createBoard();
        const other = await createBoard();
        const saved = version({
          label: 'Möte 3 – Åsa och mormor',
          snapshot: randomUpdate(300_000),
        });
        await store.saveVersion(board.id, saved);

        const loaded = await store.loadVersion(board.id, saved.id);
        expect(loaded && info(loaded)).toEqual(info(saved));
        expect(hex([loaded?.snapshot ?? new Uint8Array()])).toEqual(hex([saved.snapshot]));
        expect(await store.loadVersion(board.id, `missing-${randomUUID()}`)).toBeUndefined();
        // A version id of one board opens nothing on another.
        expect(await store.loadVersion(other.board.id, saved.id)).toBeUndefined();
        expect(await store.listVersions(other.board.id)).toEqual([]);
        // Versions are not part of the update log.
        expect((await store.loadUpdates(board.id)).updates).toHaveLength(1);
      });

      it('refuses a version for a board that does not exist, and a second one with the same id', async () => {
        const missing = `missing-${randomUUID()}`;
        await expect(store.saveVersion(missing, version())).rejects.toThrow();
        expect(await store.listVersions(missing)).toEqual([]);

        const { board } = await createBoard();
        const saved = version({ label: 'Första' });
        await store.saveVersion(board.id, saved);
        await expect(
          store.saveVersion(board.id, { ...version({ label: 'Andra' }), id: saved.id }),
        ).rejects.toThrow();
        expect(await store.listVersions(board.id)).toEqual([info(saved)]);
        const loaded = await store.loadVersion(board.id, saved.id);
        expect(hex([loaded?.snapshot ?? new Uint8Array()])).toEqual(hex([saved.snapshot]));
      });

      it('lands every one of many concurrent saves, each listed once', async () => {
        const { board } = await createBoard();
        const createdAt = Date.now();
        const saved = Array.from({ length: 20 }, () => version({ createdAt }));
        await Promise.all(saved.map((each) => store.saveVersion(board.id, each)));
        const listed = await store.listVersions(board.id);
        expect(listed.map((each) => each.id).sort()).toEqual(saved.map((each) => each.id).sort());
      });

      it(`keeps at most ${MAX_VERSIONS_PER_BOARD} versions per board, however the saves race`, async () => {
        const { board } = await createBoard();
        const neighbour = await createBoard();
        const room = 10;
        const filler = Array.from({ length: MAX_VERSIONS_PER_BOARD - room }, (_, index) =>
          version({ createdAt: 1_747_000_000_000 + index, snapshot: randomUpdate(8) }),
        );
        for (let start = 0; start < filler.length; start += 50) {
          await Promise.all(
            filler.slice(start, start + 50).map((each) => store.saveVersion(board.id, each)),
          );
        }
        const racing = Array.from({ length: 2 * room }, () =>
          version({ snapshot: randomUpdate(8) }),
        );
        const results = await Promise.allSettled(
          racing.map((each) => store.saveVersion(board.id, each)),
        );
        const refused = results.filter((result) => result.status === 'rejected');
        expect(refused).toHaveLength(room);
        for (const result of refused) {
          expect((result as PromiseRejectedResult).reason).toBeInstanceOf(VersionLimitError);
        }
        expect(await store.listVersions(board.id)).toHaveLength(MAX_VERSIONS_PER_BOARD);
        // The cap is per board.
        await store.saveVersion(neighbour.board.id, version());
        expect(await store.listVersions(neighbour.board.id)).toHaveLength(1);
      });
    });

    describe('deleting a board', () => {
      it('erases the board, its links and its updates, and leaves other boards alone', async () => {
        const { board, hashes } = await createBoard();
        await store.appendUpdates(board.id, [randomUpdate(), randomUpdate()]);
        const neighbour = await createBoard();

        expect(await store.deleteBoard(board.id)).toBe(true);
        expect(await store.getBoard(board.id)).toBeUndefined();
        expect(await store.loadUpdates(board.id)).toEqual({ updates: [], lastSeq: 0, bytes: 0 });
        for (const role of LINK_ROLES) {
          expect(await store.roleForTokenHash(board.id, hashes[role])).toBeUndefined();
        }
        expect(await store.getBoard(neighbour.board.id)).toEqual(neighbour.board);
        expect(hex((await store.loadUpdates(neighbour.board.id)).updates)).toEqual(
          hex([neighbour.initial]),
        );
        expect(await store.roleForTokenHash(neighbour.board.id, neighbour.hashes.viewer)).toBe(
          'viewer',
        );
      });

      it('answers false for a board that does not exist or is already deleted', async () => {
        expect(await store.deleteBoard(`missing-${randomUUID()}`)).toBe(false);
        const { board } = await createBoard();
        expect(await store.deleteBoard(board.id)).toBe(true);
        expect(await store.deleteBoard(board.id)).toBe(false);
      });

      it('lets a new board take the id of a deleted one, with nothing of the old inside', async () => {
        const { board } = await createBoard();
        await store.appendUpdates(board.id, [randomUpdate()]);
        const saved = version();
        await store.saveVersion(board.id, saved);
        await store.deleteBoard(board.id);
        const again = await createBoard({ id: board.id });
        expect(hex((await store.loadUpdates(board.id)).updates)).toEqual(hex([again.initial]));
        expect(await store.listVersions(board.id)).toEqual([]);
        expect(await store.loadVersion(board.id, saved.id)).toBeUndefined();
      });

      it("erases the board's versions and leaves other boards' versions alone", async () => {
        const { board } = await createBoard();
        const neighbour = await createBoard();
        const saved = [version(), version()];
        for (const each of saved) await store.saveVersion(board.id, each);
        const kept = version();
        await store.saveVersion(neighbour.board.id, kept);

        expect(await store.deleteBoard(board.id)).toBe(true);
        expect(await store.listVersions(board.id)).toEqual([]);
        for (const each of saved)
          expect(await store.loadVersion(board.id, each.id)).toBeUndefined();
        // A deleted board takes no new version either.
        await expect(store.saveVersion(board.id, version())).rejects.toThrow();
        expect(await store.listVersions(board.id)).toEqual([]);
        expect(await store.listVersions(neighbour.board.id)).toEqual([info(kept)]);
      });
    });

    it('counts stored bytes through create, append, compaction and delete', async () => {
      const start = await store.storedBytes();
      const { board, initial } = await createBoard();
      expect(await store.storedBytes()).toBe(start + initial.byteLength);

      const appended = [randomUpdate(), randomUpdate()];
      const upToSeq = await store.appendUpdates(board.id, appended);
      expect(await store.storedBytes()).toBe(start + byteSum([initial, ...appended]));

      const newer = randomUpdate();
      await store.appendUpdates(board.id, [newer]);
      const snapshot = randomUpdate(10);
      await store.compactUpdates(board.id, snapshot, upToSeq);
      expect(await store.storedBytes()).toBe(start + snapshot.byteLength + newer.byteLength);

      const other = await createBoard();
      await store.deleteBoard(board.id);
      expect(await store.storedBytes()).toBe(start + other.initial.byteLength);
    });

    it('keeps everything across close and reopen', async ({ skip }) => {
      if (!harness.reopen) skip('this engine cannot reopen its data');
      const kept = await createBoard({ title: 'Skolan och mormor' });
      const rotated = sha256(randomUUID());
      await store.setTokenHash(kept.board.id, 'facilitator', rotated);
      const appended = [randomUpdate(), randomUpdate()];
      const lastSeq = await store.appendUpdates(kept.board.id, appended);
      const compacted = await createBoard();
      const upToSeq = await store.appendUpdates(compacted.board.id, [randomUpdate()]);
      const snapshot = randomUpdate();
      await store.compactUpdates(compacted.board.id, snapshot, upToSeq);
      const savedVersion = version({ label: 'Möte 1' });
      await store.saveVersion(kept.board.id, savedVersion);
      const deleted = await createBoard();
      await store.saveVersion(deleted.board.id, version());
      await store.deleteBoard(deleted.board.id);
      const bytes = await store.storedBytes();

      await store.close();
      const reopened = await harness.reopen?.();
      if (!reopened) throw new Error('reopen gave no store');
      store = reopened;

      expect(await store.getBoard(kept.board.id)).toEqual(kept.board);
      expect(await store.roleForTokenHash(kept.board.id, rotated)).toBe('facilitator');
      expect(await store.roleForTokenHash(kept.board.id, kept.hashes.facilitator)).toBeUndefined();
      expect(await store.roleForTokenHash(kept.board.id, kept.hashes.viewer)).toBe('viewer');
      const stored = await store.loadUpdates(kept.board.id);
      expect(hex(stored.updates)).toEqual(hex([kept.initial, ...appended]));
      expect(stored.lastSeq).toBe(lastSeq);
      expect(hex((await store.loadUpdates(compacted.board.id)).updates)).toEqual(hex([snapshot]));
      expect(await store.getBoard(deleted.board.id)).toBeUndefined();
      expect(await store.listVersions(deleted.board.id)).toEqual([]);
      expect(await store.listVersions(kept.board.id)).toEqual([info(savedVersion)]);
      const reloaded = await store.loadVersion(kept.board.id, savedVersion.id);
      expect(hex([reloaded?.snapshot ?? new Uint8Array()])).toEqual(hex([savedVersion.snapshot]));
      // Versions saved after a reopen still list after the earlier ones.
      const later = version({ createdAt: savedVersion.createdAt });
      await store.saveVersion(kept.board.id, later);
      expect(await store.listVersions(kept.board.id)).toEqual([info(savedVersion), info(later)]);
      expect(await store.storedBytes()).toBe(bytes);
      // Sequence numbers carry on where they were.
      expect(await store.appendUpdates(kept.board.id, [randomUpdate()])).toBeGreaterThan(lastSeq);
    });

    it('can be closed twice', async () => {
      await store.close();
      await expect(store.close()).resolves.toBeUndefined();
    });
  });
}

export function boardRecord(overrides: Partial<BoardRecord> = {}): BoardRecord {
  return {
    id: `board-${randomUUID()}`,
    title: 'Familjen L',
    language: 'sv',
    createdAt: 1_747_000_000_000 + Math.floor(Math.random() * 1_000_000),
    ...overrides,
  };
}

export function tokenHashes(): Record<LinkRole, string> {
  return {
    facilitator: sha256(randomUUID()),
    participant: sha256(randomUUID()),
    viewer: sha256(randomUUID()),
  };
}

export function version(overrides: Partial<StoredVersion> = {}): StoredVersion {
  return {
    id: `version-${randomUUID()}`,
    label: 'Möte 2 — 12 maj',
    createdAt: 1_747_000_000_000 + Math.floor(Math.random() * 1_000_000),
    snapshot: randomUpdate(),
    ...overrides,
  };
}

/** A version as listed: without its snapshot. */
function info({ id, label, createdAt }: StoredVersion) {
  return { id, label, createdAt };
}

/** Random bytes stand in for Yjs updates: the store must treat them as opaque. */
export function randomUpdate(length = 16 + Math.floor(Math.random() * 200)): Uint8Array {
  return new Uint8Array(randomBytes(length));
}

/** Bytes as hex strings: comparable whatever array type an engine returns, readable in a diff. */
export function hex(updates: readonly Uint8Array[]): string[] {
  return updates.map((update) =>
    Buffer.from(update.buffer, update.byteOffset, update.byteLength).toString('hex'),
  );
}

function byteSum(updates: readonly Uint8Array[]): number {
  return updates.reduce((sum, update) => sum + update.byteLength, 0);
}

function sha256(value: string | Uint8Array): string {
  return createHash('sha256').update(value).digest('hex');
}
