/**
 * @module Benchmark (`npm run bench`): Samkarta (every update stored in SQLite before it is
 * relayed) against the reference `@y/websocket-server` (no persistence; and, for the relay figures
 * and many rooms, also with its own y-leveldb store), all as child processes on this machine in one
 * run.
 * Prints tables of medians and ours/reference ratios; asserts nothing.
 * `npm run bench -- --quick` is a smoke check; `-- --profile` also writes CPU profiles of the
 * fan-out and prints the functions with the most self time.
 * `-- --threads` prints each server's CPU time on its main thread and on the others for every phase.
 * `-- --perf` prints, for every phase, each server's CPU by stage of handling an update, sampled
 * with Linux perf (perf-record.ts; needs `perf` installed).
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import * as Y from 'yjs';
import { FOLD_WHEN_QUIET_AFTER_MS } from '../../server/store/sqlite';
import { addCard, deleteCardText, insertCardText, moveCard } from '../../shared/cards';
import { SECTIONS } from '../../shared/sections';
import { liveObjects } from './heap';
import type { HotPathFigures, HotPathSide } from './hot-path';
import {
  PERF_NODE_ARGS,
  PERF_STAGES,
  type PerfRecorder,
  perfAvailable,
  recordPerf,
  removePerfMap,
  stagesOf,
} from './perf-record';
import type { ProbeLoop, ProbeMemory } from './probe';
import { type BenchServer, spawnOurs, spawnReference } from './processes';
import { printSelfTimes } from './profile';
import { markUpdate, UpdateIds, WireClient } from './wire';

const QUICK = process.argv.includes('--quick') || process.env.BENCH_QUICK === '1';
const PROFILE = process.argv.includes('--profile') || process.env.BENCH_PROFILE === '1';
/** `--threads`: prints each server's CPU time on its main thread and on the others per phase. */
const THREADS = process.argv.includes('--threads');
/** `--perf`: prints each server's CPU by stage for every phase, sampled with Linux perf. */
const PERF = process.argv.includes('--perf');
/** Node flags for the bench's servers, which `--perf` samples in every phase with relay runs. */
const SERVER_NODE_ARGS = PERF ? PERF_NODE_ARGS : [];
/** `--only=relay,cold,memory,rooms,redis` runs just those parts (all when absent). */
const ONLY = process.argv
  .find((arg) => arg.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
const runs = (part: 'relay' | 'cold' | 'memory' | 'rooms' | 'redis') =>
  !ONLY || ONLY.includes(part);
/** Windows over which a server's idle CPU use is measured before the relay runs (the quietest). */
const IDLE_WINDOW_MS = 1_000;
const IDLE_WINDOWS = 5;

const SIZES = QUICK
  ? {
      fanOutRuns: 1,
      meetingRuns: 1,
      meetingSeconds: 3,
      meetingWarmUpSeconds: 1,
      everyoneDragsRuns: 1,
      hotPathUpdates: 5_000,
      hotPathRuns: 1,
      coldLoads: 5,
      memoryRooms: 50,
      manyRooms: 100,
      manyRoomsSeconds: 4,
      redisSeconds: 3,
    }
  : {
      fanOutRuns: 5,
      meetingRuns: 5,
      meetingSeconds: 8,
      meetingWarmUpSeconds: 5,
      everyoneDragsRuns: 3,
      hotPathUpdates: 20_000,
      hotPathRuns: 3,
      coldLoads: 15,
      memoryRooms: 200,
      manyRooms: 500,
      manyRoomsSeconds: 10,
      redisSeconds: 8,
    };

const FAN_OUT_CLIENTS = 50;
const FAN_OUT_UPDATES_EACH = 20;
const MEETING_CLIENTS = 10;
/** A marker dragged live: one update per 33 ms frame, as client/board throttles it. */
const DRAG_UPDATES_PER_SECOND = 30;
const COLD_CARDS = 1_000;
const COLD_EDITS = 10_000;
/** Edits per transaction (one stored update each) while seeding the cold-load board. */
const COLD_EDITS_PER_UPDATE = 20;
const CLIENTS_PER_BOARD = 4;
/** The many-rooms load: Hocuspocus's published figure was 350 updates/s over 500 rooms. */
const MANY_ROOMS_UPDATES_PER_SECOND = 350;
/** Ticks of the many-rooms sender, in milliseconds. */
const SEND_TICK_MS = 10;
/** How long to wait for every expected delivery before counting the rest as missing. */
const DELIVERY_TIMEOUT_MS = 30_000;
/**
 * A server counts as done with a run's work once it spends less than QUIET_CPU_MS in a window of
 * QUIET_WINDOW_MS, on all its threads: what it does after relaying (write callbacks, the reference
 * with y-leveldb storing, a reference room reloading from its store) belongs to the run. Under
 * --profile only the main thread is watched, and more loosely: the sampler is a thread of its own
 * and interrupts the main thread four thousand times a second.
 */
const QUIET_WINDOW_MS = 100;
const QUIET_CPU_MS = PROFILE ? 10 : 1;
const QUIET_TIMEOUT_MS = 15_000;
/**
 * How long after a run a server may still start work the run left, with nothing going on: ours
 * folds its update log into SQLite at the latest FOLD_WHEN_QUIET_AFTER_MS after the oldest entry.
 * Every server waits as long, so that whatever idling costs in that time weighs on all alike.
 */
const AFTER_RUN_MS = FOLD_WHEN_QUIET_AFTER_MS + QUIET_WINDOW_MS;
const UNLOAD_TIMEOUT_MS = 20_000;
/** Clients connecting at once; more would be a SYN flood rather than a benchmark. */
const CONNECT_BATCH = 100;
/** Boards created over HTTP at once. */
const CREATE_BATCH = 10;

// Honest clients stay far below; a benchmark sends faster than any person.
const OURS_ENV = { MAX_MESSAGES_PER_SECOND: '1000000', MAX_MESSAGES_IN_BURST: '1000000' };

// ---------------------------------------------------------------------------------------------
// Figures

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

function median(values: number[]): number {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const fmt = (value: number, digits = 2) => (Number.isFinite(value) ? value.toFixed(digits) : '—');
const kib = (bytes: number) => fmt(bytes / 1024, 1);
const mib = (bytes: number) => fmt(bytes / 1024 / 1024, 1);

function printTable(title: string, header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join('  ');
  console.log(`\n${title}`);
  console.log(`  ${line(header)}`);
  console.log(`  ${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const row of rows) console.log(`  ${line(row)}`);
}

// ---------------------------------------------------------------------------------------------
// Rooms on either server

interface Target {
  server: BenchServer;
  /** A fresh room; resolves with the URL every client of it uses. */
  newRoom(): Promise<string>;
  /** Resolves once no room is loaded (ours); the reference never unloads without persistence. */
  untilUnloaded(): Promise<boolean>;
  /** Rooms start as our new boards do: the reference gets the same first state from a client. */
  seedState?: Uint8Array;
}

/** Resolves once the server has had a quiet window, or after QUIET_TIMEOUT_MS (said so). */
async function untilQuiet(server: BenchServer): Promise<void> {
  const deadline = performance.now() + QUIET_TIMEOUT_MS;
  const read = () => (PROFILE ? server.threadCpuMs().main : server.cpuMs());
  let before = read();
  while (performance.now() < deadline) {
    await sleep(QUIET_WINDOW_MS);
    const now = read();
    if (now - before < QUIET_CPU_MS) return;
    before = now;
  }
  console.log(`  (${server.name} was still busy ${QUIET_TIMEOUT_MS / 1000} s after a run)`);
}

interface CreatedBoard {
  id: string;
  tokens: { participant: string };
}

async function createBoard(url: string): Promise<CreatedBoard> {
  const response = await fetch(`${url}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'Bench board', language: 'en' }),
  });
  if (response.status !== 201) throw new Error(`creating a board answered ${response.status}`);
  return (await response.json()) as CreatedBoard;
}

async function roomsLoaded(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const match = /^samkarta_rooms_loaded (\d+)/m.exec(text);
  return match ? Number(match[1]) : Number.NaN;
}

function oursTarget(server: BenchServer): Target {
  return {
    server,
    async newRoom() {
      const board = await createBoard(server.url);
      return server.roomUrl(board.id, board.tokens.participant);
    },
    async untilUnloaded() {
      const deadline = performance.now() + UNLOAD_TIMEOUT_MS;
      while (performance.now() < deadline) {
        if ((await roomsLoaded(server.url)) === 0) return true;
        await sleep(20);
      }
      return false;
    },
  };
}

let referenceRooms = 0;
function referenceTarget(server: BenchServer, seedState: Uint8Array): Target {
  return {
    server,
    seedState,
    newRoom: async () => server.roomUrl(`bench-${referenceRooms++}`),
    untilUnloaded: async () => false,
  };
}

async function inBatches<T>(
  count: number,
  batch: number,
  make: (i: number) => Promise<T>,
): Promise<T[]> {
  const out: T[] = [];
  for (let start = 0; start < count; start += batch) {
    const size = Math.min(batch, count - start);
    out.push(...(await Promise.all(Array.from({ length: size }, (_, k) => make(start + k)))));
  }
  return out;
}

/** Connects clients and waits until each has the board. */
async function connectAll(urls: string[]): Promise<WireClient[]> {
  return inBatches(urls.length, CONNECT_BATCH, async (i) => {
    const client = new WireClient(urls[i] as string);
    await client.synced;
    return client;
  });
}

async function closeAll(clients: WireClient[]): Promise<void> {
  await Promise.all(clients.map((c) => c.close()));
}

/** Gives a reference room the state a new board of ours starts with, so rooms hold alike. */
async function seedReferenceRooms(target: Target, urls: string[]): Promise<void> {
  if (!target.seedState) return;
  const seeders = await connectAll(urls);
  for (const seeder of seeders) seeder.sendUpdate(target.seedState);
  await Promise.all(seeders.map((s) => s.roundTrip()));
  await closeAll(seeders);
}

// ---------------------------------------------------------------------------------------------
// Update-to-delivery latency

/** Who received which update when; ids are `writer:seq`. */
class Deliveries {
  readonly sentAt = new Map<string, number>();
  readonly latencies: number[] = [];
  delivered = 0;
  /**
   * Values a client never saw because a later one of the same writer replaced them on the way:
   * an instance that gets two of a writer's updates in one turn stores and publishes them merged,
   * and another instance applies that in one transaction, in which Yjs drops the replaced value's
   * content (so does one that applies a lost message and a later one together, when it catches
   * up from the store). Its clients show the same board as those of the first (which render only
   * the later value of such a message too). Not a loss: Yjs integrates a writer's changes in
   * their order only, so a client that got the later value had the earlier one integrated on its
   * server. A loss that is never repaired shows as missing.
   */
  superseded = 0;
  /** The highest seq each client (index) has seen of each writer: `client>writer` → seq. */
  private readonly highest = new Map<string, number>();
  firstSend = Number.NaN;
  lastDelivery = Number.NaN;
  private readonly ids = new UpdateIds();
  private expected = Number.POSITIVE_INFINITY;
  private resolveDone: () => void = () => {};
  private readonly done = new Promise<void>((resolve) => {
    this.resolveDone = resolve;
  });

  listen(client: WireClient, index: number): void {
    const own = `${index}:`;
    client.onUpdate = (update, at) => {
      for (const id of this.ids.read(update)) {
        // The server echoes to the writer too; that is not a delivery to someone else.
        if (id.startsWith(own)) continue;
        const sent = this.sentAt.get(id);
        if (sent === undefined) continue;
        this.latencies.push(at - sent);
        this.delivered += 1;
        this.lastDelivery = at;
        const [writer, seq] = id.split(':').map(Number) as [number, number];
        const key = `${index}>${writer}`;
        const before = this.highest.get(key) ?? -1;
        if (seq > before + 1) this.superseded += seq - before - 1;
        if (seq > before) this.highest.set(key, seq);
      }
      if (this.delivered + this.superseded >= this.expected) this.resolveDone();
    };
  }

  /**
   * Marks `writer`'s update `seq` as sent now, via the writer's own doc. Each writer numbers its
   * updates 0, 1, 2…: a gap in what a client receives is what counts as superseded.
   */
  send(doc: Y.Doc, writer: number, seq: number): void {
    const id = `${writer}:${seq}`;
    const now = performance.now();
    if (Number.isNaN(this.firstSend)) this.firstSend = now;
    this.sentAt.set(id, now);
    markUpdate(doc, `w${writer}`, id);
  }

  async untilAll(expected: number): Promise<void> {
    this.expected = expected;
    if (this.delivered + this.superseded >= expected) return;
    // The timer must not outlive a run that finished: it would hold the bench open for its length.
    const timeout = new AbortController();
    await Promise.race([
      this.done,
      sleep(DELIVERY_TIMEOUT_MS, undefined, { signal: timeout.signal }).catch(() => {}),
    ]);
    timeout.abort();
  }
}

interface RelayFigures {
  p50: number;
  p99: number;
  deliveriesPerSecond: number;
  cpuPerUpdateMs: number;
  /** Neither delivered nor superseded (Deliveries) when the wait for them ended. */
  missing: number;
  superseded: number;
}

/** A writer's own doc: its updates carry only its own changes, each sent as one message. */
function writerDoc(client: WireClient): Y.Doc {
  const doc = new Y.Doc();
  doc.on('update', (update: Uint8Array) => client.sendUpdate(update));
  return doc;
}

async function measureRelay(
  target: Target,
  clients: WireClient[],
  run: (deliveries: Deliveries) => Promise<number>,
  receiversPerUpdate: number,
  /** Called once everything is delivered, before the server's after-work is waited for. */
  delivered?: () => Promise<void>,
): Promise<RelayFigures> {
  const deliveries = new Deliveries();
  for (const [i, client] of clients.entries()) deliveries.listen(client, i);
  const perf = perfWindows?.get(target.server);
  await perf?.recorder.enable();
  const cpuBefore = target.server.cpuMs();
  const updates = await run(deliveries);
  const expected = updates * receiversPerUpdate;
  await deliveries.untilAll(expected);
  await delivered?.();
  // What a server does after relaying is part of what the updates cost it.
  await sleep(AFTER_RUN_MS);
  await untilQuiet(target.server);
  const cpu = target.server.cpuMs() - cpuBefore;
  await perf?.recorder.disable();
  if (perf) perf.updates += updates;
  const sorted = deliveries.latencies.sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    deliveriesPerSecond:
      deliveries.delivered / ((deliveries.lastDelivery - deliveries.firstSend) / 1000),
    cpuPerUpdateMs: cpu / updates,
    missing: expected - deliveries.delivered - deliveries.superseded,
    superseded: deliveries.superseded,
  };
}

/** 50 clients in one room each send 20 updates as fast as the socket takes them. */
async function fanOut(target: Target): Promise<RelayFigures> {
  const url = await target.newRoom();
  await seedReferenceRooms(target, [url]);
  const clients = await connectAll(Array.from({ length: FAN_OUT_CLIENTS }, () => url));
  await untilQuiet(target.server);
  const docs = clients.map(writerDoc);
  const figures = await measureRelay(
    target,
    clients,
    async (deliveries) => {
      for (let seq = 0; seq < FAN_OUT_UPDATES_EACH; seq++) {
        for (const [writer, doc] of docs.entries()) deliveries.send(doc, writer, seq);
        // One round per event-loop turn, so the sockets write as the updates are made.
        await new Promise((resolve) => setImmediate(resolve));
      }
      return FAN_OUT_CLIENTS * FAN_OUT_UPDATES_EACH;
    },
    FAN_OUT_CLIENTS - 1,
  );
  await closeAll(clients);
  return figures;
}

/**
 * A meeting: 10 clients; `draggers` of them (one, or all at once as when everyone places their
 * marker on a scale) each drag a marker at 30 updates/s. The clients join first; the drag starts
 * once `ready` resolves (at once when absent), so two meetings can run side by side.
 */
async function meeting(
  target: Target,
  seconds: number,
  draggers = 1,
  ready?: () => Promise<void>,
): Promise<RelayFigures> {
  const url = await target.newRoom();
  await seedReferenceRooms(target, [url]);
  const clients = await connectAll(Array.from({ length: MEETING_CLIENTS }, () => url));
  await untilQuiet(target.server);
  if (ready) await ready();
  const docs = clients.slice(0, draggers).map(writerDoc);
  const figures = await measureRelay(
    target,
    clients,
    async (deliveries) => {
      const frames = Math.round(seconds * DRAG_UPDATES_PER_SECOND);
      const started = performance.now();
      for (let seq = 0; seq < frames; seq++) {
        // Paced against the clock, so a late timer does not stretch the whole drag.
        const due = started + (seq * 1000) / DRAG_UPDATES_PER_SECOND;
        const wait = due - performance.now();
        if (wait > 0) await sleep(wait);
        for (const [writer, doc] of docs.entries()) deliveries.send(doc, writer, seq);
      }
      return frames * draggers;
    },
    MEETING_CLIENTS - 1,
  );
  await closeAll(clients);
  return figures;
}

// ---------------------------------------------------------------------------------------------
// Cold load (ours only: the reference has no store)

function pseudoRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    // Mulberry32: a fixed seed gives the same board history on every run.
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Builds a board of 1,000 cards with 10,000 edits through the server; returns its state size. */
async function seedColdBoard(target: Target): Promise<{ url: string; bytes: number }> {
  const url = await target.newRoom();
  const doc = new Y.Doc();
  const writer = new WireClient(url, doc);
  await writer.synced;
  const random = pseudoRandom(42);
  const cards: string[] = [];
  const CARDS_PER_UPDATE = 100;
  for (let i = 0; i < COLD_CARDS; i += CARDS_PER_UPDATE) {
    doc.transact(() => {
      for (let k = i; k < i + CARDS_PER_UPDATE; k++) {
        const section = SECTIONS[k % SECTIONS.length]?.id ?? 'strengths';
        cards.push(addCard(doc, { section, author: 'bench', text: `Card ${k}: ` }));
      }
    });
  }
  const pick = () => cards[Math.floor(random() * cards.length)] as string;
  for (let edit = 0; edit < COLD_EDITS; edit += COLD_EDITS_PER_UPDATE) {
    doc.transact(() => {
      for (let k = 0; k < COLD_EDITS_PER_UPDATE; k++) {
        const roll = random();
        // Mostly typing, some erasing, some moving: what a meeting leaves in a board's history.
        if (roll < 0.7)
          insertCardText(doc, pick(), Number.MAX_SAFE_INTEGER, 'abcdefgh'[k % 8] as string);
        else if (roll < 0.9) deleteCardText(doc, pick(), 0, 1);
        else {
          const section = SECTIONS[Math.floor(random() * SECTIONS.length)]?.id ?? 'strengths';
          moveCard(doc, pick(), section, Math.floor(random() * 20));
        }
      }
    });
    // Keep the server's queue short, as a real client's socket would.
    if (edit % (COLD_EDITS_PER_UPDATE * 50) === 0) await writer.roundTrip();
  }
  await writer.roundTrip();
  const bytes = Y.encodeStateAsUpdate(doc).byteLength;
  await writer.close();
  doc.destroy();
  return { url, bytes };
}

interface ColdFigures {
  openToSynced: number[];
  connectToSynced: number[];
  unloadedEveryTime: boolean;
}

async function coldLoads(target: Target, url: string, loads: number): Promise<ColdFigures> {
  const figures: ColdFigures = { openToSynced: [], connectToSynced: [], unloadedEveryTime: true };
  for (let i = 0; i < loads; i++) {
    if (!(await target.untilUnloaded())) figures.unloadedEveryTime = false;
    const started = performance.now();
    const client = new WireClient(url);
    const opened = await client.opened;
    const synced = await client.synced;
    figures.openToSynced.push(synced - opened);
    figures.connectToSynced.push(synced - started);
    await client.close();
  }
  return figures;
}

// ---------------------------------------------------------------------------------------------
// Memory

interface MemoryFigures {
  perRoom: number;
  perConnection: number;
  residualPerRoom: number;
  rssResidualPerRoom: number;
  released: boolean | undefined;
  /** Objects of a room (Y.Doc, its items, awareness, our Room) still alive after everyone left. */
  liveAfter: Record<string, number>;
}

/** Rooms warmed up before measuring: the first rooms also pay for JIT code and lazy singletons. */
const MEMORY_WARMUP_ROOMS = 20;
/** Constructor names whose live count tells whether rooms were released. */
const ROOM_OBJECTS = [
  'Doc',
  'WSSharedDoc',
  'Item',
  'Awareness',
  'Room',
  'SocketConnection',
] as const;

const heapOf = (m: ProbeMemory) => m.heapUsed + m.external;

async function memory(target: Target, rooms: number, snapshotFile: string): Promise<MemoryFigures> {
  const warm = await inBatches(MEMORY_WARMUP_ROOMS, CREATE_BATCH, () => target.newRoom());
  await seedReferenceRooms(target, warm);
  await closeAll(await connectAll(warm));
  await target.untilUnloaded();

  const urls = await inBatches(rooms, CREATE_BATCH, () => target.newRoom());
  // Before the reference's seeding: its rooms exist from their first connection on.
  const before = await target.server.memory();
  await seedReferenceRooms(target, urls);
  const first = await connectAll(urls);
  const oneEach = await target.server.memory();
  const second = await connectAll(urls);
  const twoEach = await target.server.memory();
  await closeAll([...first, ...second]);
  const released = target.seedState ? undefined : await target.untilUnloaded();
  // Let socket teardown finish before the collection.
  await sleep(500);
  const after = await target.server.memory();
  await target.server.snapshot(snapshotFile);
  const liveAfter = liveObjects(snapshotFile, ROOM_OBJECTS);
  rmSync(snapshotFile, { force: true });
  const perConnection = (heapOf(twoEach) - heapOf(oneEach)) / rooms;
  return {
    perConnection,
    perRoom: (heapOf(oneEach) - heapOf(before)) / rooms - perConnection,
    residualPerRoom: (heapOf(after) - heapOf(before)) / rooms,
    rssResidualPerRoom: (after.rss - before.rss) / rooms,
    released,
    liveAfter,
  };
}

// ---------------------------------------------------------------------------------------------
// Many rooms

interface ManyRoomsFigures {
  heapPerRoom: number;
  rss: number;
  loopP50: number;
  loopP99: number;
  loopMax: number;
  relay: RelayFigures;
  unloaded: boolean | undefined;
}

async function manyRooms(
  target: Target,
  boards: number,
  seconds: number,
): Promise<ManyRoomsFigures> {
  const urls = await inBatches(boards, CREATE_BATCH, () => target.newRoom());
  const before = await target.server.memory();
  await seedReferenceRooms(target, urls);
  const clientUrls = urls.flatMap((url) => Array.from({ length: CLIENTS_PER_BOARD }, () => url));
  const clients = await connectAll(clientUrls);
  // A reference with a store reloads each room its seeder left, after the clients have synced.
  await untilQuiet(target.server);
  const loaded = await target.server.memory();
  const docs = clients.map(writerDoc);
  await target.server.loopReset();
  let loop: ProbeLoop = { p50: Number.NaN, p99: Number.NaN, max: Number.NaN };
  const relay = await measureRelay(
    target,
    clients,
    async (deliveries) => {
      const count = Math.round(seconds * MANY_ROOMS_UPDATES_PER_SECOND);
      const random = pseudoRandom(7);
      const started = performance.now();
      let sent = 0;
      // Each writer numbers its own updates from 0 (Deliveries.send).
      const seqs = clients.map(() => 0);
      while (sent < count) {
        const due = Math.min(
          count,
          Math.floor(((performance.now() - started) / 1000) * MANY_ROOMS_UPDATES_PER_SECOND),
        );
        for (; sent < due; sent++) {
          // Clients of one room are neighbours in `clients`, so the index says the room too.
          const writer = Math.floor(random() * clients.length);
          const seq = seqs[writer] ?? 0;
          seqs[writer] = seq + 1;
          deliveries.send(docs[writer] as Y.Doc, writer, seq);
        }
        await sleep(SEND_TICK_MS);
      }
      return count;
    },
    CLIENTS_PER_BOARD - 1,
    // The event loop's delay while the updates flowed; its sampler (every millisecond) stops here.
    async () => {
      loop = await target.server.loop();
    },
  );
  await closeAll(clients);
  const unloaded = target.seedState ? undefined : await target.untilUnloaded();
  return {
    heapPerRoom: (heapOf(loaded) - heapOf(before)) / boards,
    rss: loaded.rss,
    loopP50: loop.p50,
    loopP99: loop.p99,
    loopMax: loop.max,
    relay,
    unloaded,
  };
}

// ---------------------------------------------------------------------------------------------
// Two instances over Redis

const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Scale-out needs a shared store; the test suite's PostgreSQL (trust auth on 127.0.0.1). */
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
/** Readers per run of the cross-instance case. */
const REDIS_READERS = 4;

/** A dragger on instance A at 30 updates/s; readers on `readerServer`. */
async function dragAcross(
  writerServer: BenchServer,
  readerServer: BenchServer,
  seconds: number,
): Promise<RelayFigures> {
  const board = await createBoard(writerServer.url);
  const clients = await connectAll([
    writerServer.roomUrl(board.id, board.tokens.participant),
    ...Array.from({ length: REDIS_READERS }, () =>
      readerServer.roomUrl(board.id, board.tokens.participant),
    ),
  ]);
  const dragger = writerDoc(clients[0] as WireClient);
  const relay = await measureRelay(
    oursTarget(writerServer),
    clients,
    async (deliveries) => {
      const count = Math.round(seconds * DRAG_UPDATES_PER_SECOND);
      const started = performance.now();
      for (let seq = 0; seq < count; seq++) {
        const wait = started + (seq * 1000) / DRAG_UPDATES_PER_SECOND - performance.now();
        if (wait > 0) await sleep(wait);
        deliveries.send(dragger, 0, seq);
      }
      return count;
    },
    REDIS_READERS,
  );
  await closeAll(clients);
  return relay;
}

/**
 * Two instances on one PostgreSQL schema and one Redis key prefix of their own (dropped after),
 * as a scale-out deployment runs. Says why when the server or the services are not there.
 */
async function crossInstance(seconds: number): Promise<string[][]> {
  const { default: postgres } = await import('postgres');
  const { createClient } = await import('redis');
  const suffix = randomBytes(6).toString('hex');
  const pairDir = mkdtempSync(join(tmpdir(), 'samkarta-bench-pair-'));
  const schema = `samkarta_bench_${suffix}`;
  const prefix = `samkarta-bench-${suffix}:`;
  const admin = postgres(DATABASE_URL, { max: 1, onnotice: () => {} });
  const redis = createClient({ url: REDIS_URL, socket: { reconnectStrategy: false } });
  redis.on('error', () => {
    // Reported by connect() below.
  });
  try {
    try {
      await redis.connect();
    } catch (error) {
      return [['cross-instance latency', `not available: Redis at ${REDIS_URL}: ${error}`]];
    }
    try {
      await admin`CREATE SCHEMA ${admin(schema)}`;
    } catch (error) {
      return [['cross-instance latency', `not available: PostgreSQL at ${DATABASE_URL}: ${error}`]];
    }
    const env = {
      ...OURS_ENV,
      DATABASE_URL: `${DATABASE_URL}?search_path=${schema}`,
      REDIS_URL,
      REDIS_PREFIX: prefix,
      // Unused with PostgreSQL; a directory of the run's own all the same.
      DATA_DIR: pairDir,
    };
    let first: BenchServer;
    try {
      first = await spawnOurs(env);
    } catch (error) {
      const text = String(error);
      if (/not supported yet/.test(text)) {
        return [
          ['cross-instance latency', 'not available yet (server/server.ts refuses REDIS_URL)'],
        ];
      }
      const cause = text.split('\n').find((l) => /^\w*Error: /.test(l) && !/exited before/.test(l));
      return [['cross-instance latency', `could not start: ${cause ?? text.slice(0, 160)}`]];
    }
    const second = await spawnOurs(env);
    try {
      const same = await dragAcross(first, first, seconds);
      const across = await dragAcross(first, second, seconds);
      return [
        ['same instance p50 (ms)', fmt(same.p50)],
        ['same instance p99 (ms)', fmt(same.p99)],
        ['cross-instance p50 (ms)', fmt(across.p50)],
        ['cross-instance p99 (ms)', fmt(across.p99)],
        ['server A CPU per update, cross (ms)', fmt(across.cpuPerUpdateMs, 3)],
        ['missing deliveries (same, cross)', `${same.missing}, ${across.missing}`],
        ['values superseded on the way (same, cross)', `${same.superseded}, ${across.superseded}`],
      ];
    } finally {
      await Promise.all([first.stop(), second.stop()]);
    }
  } finally {
    rmSync(pairDir, { recursive: true, force: true });
    await admin`DROP SCHEMA IF EXISTS ${admin(schema)} CASCADE`.catch(() => {});
    await admin.end({ timeout: 1 });
    if (redis.isOpen) {
      for await (const keys of redis.scanIterator({ MATCH: `${prefix}*`, COUNT: 100 })) {
        if (keys.length > 0) await redis.del(keys);
      }
      await redis.close();
    }
  }
}

// ---------------------------------------------------------------------------------------------

function versions(): string[] {
  const read = (file: string) =>
    (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['describe', '--always', '--dirty'], { encoding: 'utf8' }).trim();
  } catch {
    // Not a git checkout: the version number alone.
  }
  return [
    `ours:      samkarta ${read('package.json')} (git ${commit}), store SQLite (better-sqlite3 ${read('node_modules/better-sqlite3/package.json')}), ws ${read('node_modules/ws/package.json')}`,
    `reference: @y/websocket-server ${read('node_modules/@y/websocket-server/package.json')} without persistence, ws ${read('node_modules/@y/websocket-server/node_modules/ws/package.json')}`,
    `both:      yjs ${read('node_modules/yjs/package.json')}, y-protocols ${read('node_modules/y-protocols/package.json')}, node ${process.version}, ${availableParallelism()} CPUs`,
  ];
}

type Side = 'ours' | 'reference';

/** Alternates who goes first, so neither always runs on a machine the other just warmed. */
function inTurn(run: number, ours: Target, reference: Target): (readonly [Side, Target])[] {
  return run % 2 === 0
    ? [
        ['ours', ours],
        ['reference', reference],
      ]
    : [
        ['reference', reference],
        ['ours', ours],
      ];
}

/** `runs` rounds of `measure` on ours and on `other`, taking turns (inTurn); figures by side. */
async function inTurns(
  runs: number,
  ours: Target,
  other: Target,
  measure: (target: Target) => Promise<RelayFigures>,
): Promise<Record<Side, RelayFigures[]>> {
  const figures: Record<Side, RelayFigures[]> = { ours: [], reference: [] };
  for (let run = 0; run < runs; run++) {
    for (const [side, target] of inTurn(run, ours, other))
      figures[side].push(await measure(target));
  }
  return figures;
}

/** Runs `phase` with both servers profiled when --profile is on; files go to `dir`. */
async function profiled<T>(
  targets: Target[],
  dir: string | undefined,
  phase: string,
  run: () => Promise<T>,
): Promise<T> {
  if (dir) await Promise.all(targets.map((t) => t.server.profileStart()));
  const threadsBefore = targets.map((t) => t.server.threadCpuMs());
  const result = PERF ? await sampledByPerf(phase, targets, run) : await run();
  if (THREADS) printThreadCpu(phase, targets, threadsBefore);
  if (dir) {
    await Promise.all(
      targets.map((t) => t.server.profileStop(join(dir, `${t.server.name}-${phase}.cpuprofile`))),
    );
  }
  return result;
}

/**
 * `--perf`, during a phase: each server's perf, enabled by measureRelay for exactly the windows
 * its CPU per update is read over, and how many updates those windows carried.
 */
let perfWindows: Map<BenchServer, { recorder: PerfRecorder; updates: number }> | undefined;

/** Runs a phase with perf attached to each target's server, then prints CPU per update by stage. */
async function sampledByPerf<T>(phase: string, targets: Target[], run: () => Promise<T>) {
  const files = targets.map((t) => join(tmpdir(), `samkarta-perf-${t.server.pid}-${phase}.data`));
  const windows = new Map(
    targets.map((t, i) => [
      t.server,
      { recorder: recordPerf(t.server.pid, files[i] as string), updates: 0 },
    ]),
  );
  try {
    let result: T;
    perfWindows = windows;
    try {
      result = await run();
    } finally {
      perfWindows = undefined;
      await Promise.all([...windows.values()].map(({ recorder }) => recorder.stop()));
    }
    printStages(phase, targets, files, windows);
    return result;
  } finally {
    for (const file of files) rmSync(file, { force: true });
  }
}

/** Runs `run` without `--perf` sampling its relay windows (a warm-up, not counted either). */
async function unsampled<T>(run: () => Promise<T>): Promise<T> {
  const windows = perfWindows;
  perfWindows = undefined;
  try {
    return await run();
  } finally {
    perfWindows = windows;
  }
}

/** CPU per update by stage over a phase's relay windows, from each server's perf recording. */
function printStages(
  phase: string,
  targets: Target[],
  files: string[],
  windows: Map<BenchServer, { updates: number }>,
): void {
  const perUpdate = targets.map((target, i) => {
    const updates = windows.get(target.server)?.updates ?? 0;
    // No relay window in this phase (the cold load): nothing was sampled.
    if (updates === 0) return undefined;
    const ms = stagesOf(files[i] as string, target.server.pid);
    return new Map([...ms].map(([stage, total]) => [stage, (total * 1000) / updates]));
  });
  if (perUpdate.some((byStage) => byStage === undefined)) return;
  const stages = perUpdate as Map<string, number>[];
  const rows = PERF_STAGES.map((stage) => [
    stage,
    ...stages.map((byStage) => fmt(byStage.get(stage) ?? 0, 0)),
  ]);
  const all = (byStage: Map<string, number>) => [...byStage.values()].reduce((a, b) => a + b, 0);
  rows.push(['all', ...stages.map((byStage) => fmt(all(byStage), 0))]);
  printTable(
    `CPU per update by stage, ${phase} (µs: perf's samples over all the phase's measured runs, divided by all their updates; main thread unless said)`,
    ['stage', ...targets.map((t) => t.server.name)],
    rows,
  );
}

/** CPU of the main thread and of the others over a phase (both servers run in it, in turns). */
function printThreadCpu(
  phase: string,
  targets: Target[],
  before: { main: number; others: number }[],
): void {
  const rows = targets.map((target, i) => {
    const start = before[i] as { main: number; others: number };
    const now = target.server.threadCpuMs();
    return [target.server.name, fmt(now.main - start.main, 1), fmt(now.others - start.others, 1)];
  });
  printTable(`CPU per thread, ${phase} (ms)`, ['server', 'main thread', 'other threads'], rows);
}

async function runFanOutAndMeeting(
  ours: Target,
  reference: Target,
  storedReference: Target,
  profileDir?: string,
) {
  // What each server burns doing nothing (timers, pings): part of every CPU figure below. After
  // a pause, so that unloading the memory run's rooms is not counted as idle; the quietest of five
  // one-second windows, so that a pass of V8's memory reducer (full collections for a few seconds,
  // some seconds after a process goes quiet, in the reference as in ours) is not taken for what
  // idling costs.
  await sleep(IDLE_WINDOW_MS);
  const idleRuns: Record<Side, number[]> = { ours: [], reference: [] };
  for (let window = 0; window < IDLE_WINDOWS; window++) {
    const before = [ours.server.cpuMs(), reference.server.cpuMs()] as const;
    await sleep(IDLE_WINDOW_MS);
    idleRuns.ours.push(((ours.server.cpuMs() - before[0]) * 1000) / IDLE_WINDOW_MS);
    idleRuns.reference.push(((reference.server.cpuMs() - before[1]) * 1000) / IDLE_WINDOW_MS);
  }
  const idle = { ours: Math.min(...idleRuns.ours), reference: Math.min(...idleRuns.reference) };
  const everyoneDrags = (target: Target) => meeting(target, SIZES.meetingSeconds, MEETING_CLIENTS);
  const meet: Record<Side, RelayFigures[]> = { ours: [], reference: [] };
  const storedMeet: Record<Side, RelayFigures[]> = { ours: [], reference: [] };
  const fan = await profiled([ours, reference], profileDir, 'fan-out', () =>
    inTurns(SIZES.fanOutRuns, ours, reference, fanOut),
  );
  // Side by side: at 30 updates/s a server is idle most of the time, and what an update then
  // costs it drifts by half from one stretch of seconds to the next on this shared machine
  // (caches, the hypervisor). Run in turns, the two figures came from different stretches; side
  // by side both meet the same ones. Both rooms fill first, then the drags start half a frame
  // apart, so neither's updates wait behind the other's in the bench's own event loop.
  const sideBySide = (other: Target, seconds: number) => {
    let joined = 0;
    let bothJoined: () => void = () => {};
    const allIn = new Promise<void>((resolve) => {
      bothJoined = resolve;
    });
    const ready = (delayMs: number) => async () => {
      joined += 1;
      if (joined === 2) bothJoined();
      await allIn;
      if (delayMs > 0) await sleep(delayMs);
    };
    return Promise.all([
      meeting(ours, seconds, 1, ready(0)),
      meeting(other, seconds, 1, ready(500 / DRAG_UPDATES_PER_SECOND)),
    ]);
  };
  // Against the reference as it is, and then against the reference with its own store.
  const meetings = [
    [reference, 'meeting', meet],
    [storedReference, 'meeting-stored-reference', storedMeet],
  ] as const;
  for (const [other, phase, figures] of meetings) {
    await profiled([ours, other], profileDir, phase, async () => {
      // A first meeting warms both up (the JIT, the rooms' code paths) and is not counted.
      await unsampled(() => sideBySide(other, SIZES.meetingWarmUpSeconds));
      for (let run = 0; run < SIZES.meetingRuns; run++) {
        const [o, r] = await sideBySide(other, SIZES.meetingSeconds);
        figures.ours.push(o);
        figures.reference.push(r);
      }
    });
  }
  // In turns: 600 updates/s and 5,400 deliveries/s per server would crowd two cores side by side.
  const everyone = await profiled([ours, reference], profileDir, 'everyone-drags', () =>
    inTurns(SIZES.everyoneDragsRuns, ours, reference, everyoneDrags),
  );
  // The same against the reference with its own store.
  const stored = await profiled(
    [ours, storedReference],
    profileDir,
    'stored-reference',
    async () => ({
      fan: await inTurns(SIZES.fanOutRuns, ours, storedReference, fanOut),
      meet: storedMeet,
      everyone: await inTurns(SIZES.everyoneDragsRuns, ours, storedReference, everyoneDrags),
    }),
  );
  return { fan, meet, everyone, stored, idle };
}

function relayRows(label: string, runs: Record<'ours' | 'reference', RelayFigures[]>): string[][] {
  const row = (metric: string, pick: (f: RelayFigures) => number, digits = 2): string[] => {
    const o = median(runs.ours.map(pick));
    const r = median(runs.reference.map(pick));
    return [`${label} ${metric}`, fmt(o, digits), fmt(r, digits), fmt(o / r)];
  };
  return [
    row('latency p50 (ms)', (f) => f.p50),
    row('latency p99 (ms)', (f) => f.p99),
    row('deliveries/s', (f) => f.deliveriesPerSecond, 0),
    row('server CPU per update (ms)', (f) => f.cpuPerUpdateMs, 3),
    row('missing deliveries', (f) => f.missing, 0),
    // Only where it happened (Deliveries.superseded): one server relays to clients of its own.
    ...([...runs.ours, ...runs.reference].some((f) => f.superseded > 0)
      ? [row('values superseded on the way', (f) => f.superseded, 0)]
      : []),
  ];
}

/**
 * The relay path in one process (hot-path.ts), each side in fresh processes taking turns: CPU per
 * update with nothing but the server's own work in it.
 */
function hotPath(): string[][] {
  const sides: HotPathSide[] = ['ours', 'ours-memory', 'reference'];
  const cpu: Record<HotPathSide, number[]> = { ours: [], 'ours-memory': [], reference: [] };
  for (let run = 0; run < SIZES.hotPathRuns; run++) {
    for (const side of run % 2 === 0 ? sides : [...sides].reverse()) {
      const out = execFileSync(
        process.execPath,
        ['--import', 'tsx', 'tests/bench/hot-path.ts', side, String(SIZES.hotPathUpdates)],
        { encoding: 'utf8' },
      );
      const figures = JSON.parse(out.trim().split('\n').at(-1) as string) as HotPathFigures;
      // A stand-in that relayed nothing would report a cost it never had.
      if (figures.sentBytes === 0) throw new Error(`hot path, ${side}: nothing was relayed`);
      cpu[side].push(figures.cpuUs);
    }
  }
  const reference = median(cpu.reference);
  const row = (label: string, side: HotPathSide) => [
    label,
    fmt(median(cpu[side]), 1),
    fmt(median(cpu[side]) / reference),
  ];
  return [
    row('ours, SQLite store on disk', 'ours'),
    row('ours, store in memory (no file written)', 'ours-memory'),
    row('reference (no store)', 'reference'),
  ];
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'samkarta-bench-'));
  const profileDir = mkdtempSync(join(tmpdir(), 'samkarta-profile-'));
  console.log(
    `Samkarta benchmark${QUICK ? ' (quick)' : ''}${ONLY ? ` (only ${ONLY.join(', ')})` : ''}`,
  );
  // The machine is shared: a busy one shows here, and in every figure below.
  console.log(
    `  load average at start: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  for (const line of versions()) console.log(`  ${line}`);
  const started = performance.now();
  if (PERF && !perfAvailable()) {
    throw new Error('--perf needs Linux perf, allowed to sample processes (perf record)');
  }
  const oursServer = await spawnOurs(
    { ...OURS_ENV, DATA_DIR: join(dataDir, 'main') },
    SERVER_NODE_ARGS,
  );
  const referenceServer = await spawnReference(SERVER_NODE_ARGS);
  // The reference with its own store (y-leveldb), for the relay figures and many rooms again.
  const storedReferenceDir = join(dataDir, 'reference-leveldb');
  const storedReferenceServer =
    runs('relay') || runs('rooms')
      ? await spawnReference(SERVER_NODE_ARGS, storedReferenceDir)
      : undefined;
  // Bytes of LevelDB's data files (its log and tables; not CURRENT, LOG or MANIFEST, which it
  // writes on opening). A phase after which they have not changed stored nothing, and would have
  // been measured without the cost the stored reference stands for.
  const storedReferenceBytes = () =>
    readdirSync(storedReferenceDir)
      .filter((file) => /^\d+\.(log|ldb|sst)$/.test(file))
      .reduce((sum, file) => sum + statSync(join(storedReferenceDir, file)).size, 0);
  const checkReferenceStored = (before: number, phase: string) => {
    const after = storedReferenceBytes();
    if (after === 0 || after === before) {
      throw new Error(`the reference with y-leveldb stored nothing in the ${phase} runs`);
    }
  };
  try {
    const ours = oursTarget(oursServer);
    // The state a new board of ours starts with, for the reference's rooms.
    const probe = new WireClient(await ours.newRoom(), new Y.Doc());
    await probe.synced;
    const seedState = Y.encodeStateAsUpdate(probe.doc as Y.Doc);
    await probe.close();
    const reference = referenceTarget(referenceServer, seedState);
    const storedReference = referenceTarget(storedReferenceServer as BenchServer, seedState);

    if (runs('memory')) {
      // A pair of servers of its own: after a heap snapshot V8 keeps tracking every object's
      // moves, which slows every later GC, and so every later figure of that process.
      const oursForMemory = await spawnOurs({ ...OURS_ENV, DATA_DIR: join(dataDir, 'memory') });
      const referenceForMemory = await spawnReference();
      let memOurs: MemoryFigures;
      let memRef: MemoryFigures;
      try {
        memOurs = await memory(
          oursTarget(oursForMemory),
          SIZES.memoryRooms,
          join(profileDir, 'ours.heapsnapshot'),
        );
        memRef = await memory(
          referenceTarget(referenceForMemory, seedState),
          SIZES.memoryRooms,
          join(profileDir, 'reference.heapsnapshot'),
        );
      } finally {
        await Promise.all([oursForMemory.stop(), referenceForMemory.stop()]);
      }
      const live = (m: MemoryFigures) =>
        ROOM_OBJECTS.map((name) => `${name} ${m.liveAfter[name]}`).join(', ');
      printTable(
        `3. Memory, ${SIZES.memoryRooms} idle rooms after ${MEMORY_WARMUP_ROOMS} warm-up rooms (server heap + external after full GC, in the server process)`,
        ['', 'ours', 'reference', 'ours/ref'],
        [
          [
            'per idle loaded room (KiB)',
            kib(memOurs.perRoom),
            kib(memRef.perRoom),
            fmt(memOurs.perRoom / memRef.perRoom),
          ],
          [
            'per connection (KiB)',
            kib(memOurs.perConnection),
            kib(memRef.perConnection),
            fmt(memOurs.perConnection / memRef.perConnection),
          ],
          [
            'left per room after all left (KiB)',
            kib(memOurs.residualPerRoom),
            kib(memRef.residualPerRoom),
            '',
          ],
          [
            'RSS left per room after all left (KiB)',
            kib(memOurs.rssResidualPerRoom),
            kib(memRef.rssResidualPerRoom),
            '',
          ],
          ['rooms unloaded', String(memOurs.released), 'never (no persistence)', ''],
        ],
      );
      console.log(`  objects alive after all left — ours: ${live(memOurs)}`);
      console.log(`                              reference: ${live(memRef)}`);
    }

    if (runs('relay')) {
      const storedBefore = storedReferenceBytes();
      const { fan, meet, everyone, stored, idle } = await runFanOutAndMeeting(
        ours,
        reference,
        storedReference,
        PROFILE ? profileDir : undefined,
      );
      printTable(
        `1. Relay: fan-out ${FAN_OUT_CLIENTS} clients × ${FAN_OUT_UPDATES_EACH} updates (median of ${SIZES.fanOutRuns}); meeting of ${MEETING_CLIENTS} clients for ${SIZES.meetingSeconds} s, one dragging at ${DRAG_UPDATES_PER_SECOND}/s (both servers side by side after a warm-up meeting, median of ${SIZES.meetingRuns}), then all ${MEETING_CLIENTS} at once (in turns, median of ${SIZES.everyoneDragsRuns})`,
        ['', 'ours', 'reference', 'ours/ref'],
        [
          ...relayRows('fan-out', fan),
          ...relayRows('meeting', meet),
          ...relayRows('everyone drags', everyone),
          ['idle server CPU, quietest second (ms)', fmt(idle.ours), fmt(idle.reference), ''],
        ],
      );
      printTable(
        `1b. Relay path in one process, no sockets: a dragged marker's ${SIZES.hotPathUpdates} updates, one per event-loop turn, to 10 connections, after as many to warm up (median of ${SIZES.hotPathRuns} processes each)`,
        ['', 'CPU per update (µs)', '/reference'],
        hotPath(),
      );
      checkReferenceStored(storedBefore, 'relay');
      printTable(
        `1c. Table 1 again against the reference with its own store (YPERSISTENCE: y-leveldb, which writes each update after relaying it; ours writes before): fan-out and everyone drags in turns, the meeting side by side`,
        ['', 'ours', 'reference + y-leveldb', 'ours/ref'],
        [
          ...relayRows('fan-out', stored.fan),
          ...relayRows('meeting', stored.meet),
          ...relayRows('everyone drags', stored.everyone),
        ],
      );
    }

    if (runs('cold')) {
      const cold = await seedColdBoard(ours);
      const loads = await profiled([ours], PROFILE ? profileDir : undefined, 'cold-load', () =>
        coldLoads(ours, cold.url, SIZES.coldLoads),
      );
      printTable(
        `2. Cold load, ours only: ${COLD_CARDS} cards, ${COLD_EDITS} edits, ${kib(cold.bytes)} KiB of state (median of ${SIZES.coldLoads} loads, room unloaded before each)`,
        ['', 'median', 'p90', 'max'],
        [
          [
            'WebSocket open → synced (ms)',
            fmt(median(loads.openToSynced)),
            fmt(
              percentile(
                [...loads.openToSynced].sort((a, b) => a - b),
                90,
              ),
            ),
            fmt(Math.max(...loads.openToSynced)),
          ],
          [
            'connect → synced (ms)',
            fmt(median(loads.connectToSynced)),
            fmt(
              percentile(
                [...loads.connectToSynced].sort((a, b) => a - b),
                90,
              ),
            ),
            fmt(Math.max(...loads.connectToSynced)),
          ],
          ['room unloaded before every load', String(loads.unloadedEveryTime), '', ''],
        ],
      );
    }

    if (runs('rooms')) {
      const [manyOurs, manyRef] = await profiled(
        [ours, reference],
        PROFILE ? profileDir : undefined,
        'many-rooms',
        async () => [
          await manyRooms(ours, SIZES.manyRooms, SIZES.manyRoomsSeconds),
          await manyRooms(reference, SIZES.manyRooms, SIZES.manyRoomsSeconds),
        ],
      );
      // Ours once more, in turn with the reference that stores, so both meet the same stretch.
      const storedBefore = storedReferenceBytes();
      const [manyOursAgain, manyStored] = await profiled(
        [ours, storedReference],
        PROFILE ? profileDir : undefined,
        'many-rooms-stored-reference',
        async () => [
          await manyRooms(ours, SIZES.manyRooms, SIZES.manyRoomsSeconds),
          await manyRooms(storedReference, SIZES.manyRooms, SIZES.manyRoomsSeconds),
        ],
      );
      checkReferenceStored(storedBefore, 'many-rooms');
      const ratio = (o: number, r: number) => fmt(o / r);
      printTable(
        `4. Many rooms: ${SIZES.manyRooms} boards × ${CLIENTS_PER_BOARD} clients, ${MANY_ROOMS_UPDATES_PER_SECOND} updates/s for ${SIZES.manyRoomsSeconds} s (the last three rows: ours again, in turn with the reference with its own store, y-leveldb)`,
        ['', 'ours', 'reference', 'ours/ref'],
        [
          [
            'heap + external per room, 4 clients (KiB)',
            kib(manyOurs.heapPerRoom),
            kib(manyRef.heapPerRoom),
            ratio(manyOurs.heapPerRoom, manyRef.heapPerRoom),
          ],
          [
            'server RSS, all connected (MiB)',
            mib(manyOurs.rss),
            mib(manyRef.rss),
            ratio(manyOurs.rss, manyRef.rss),
          ],
          [
            'event-loop delay p50 (ms)',
            fmt(manyOurs.loopP50),
            fmt(manyRef.loopP50),
            ratio(manyOurs.loopP50, manyRef.loopP50),
          ],
          [
            'event-loop delay p99 (ms)',
            fmt(manyOurs.loopP99),
            fmt(manyRef.loopP99),
            ratio(manyOurs.loopP99, manyRef.loopP99),
          ],
          [
            'event-loop delay max (ms)',
            fmt(manyOurs.loopMax),
            fmt(manyRef.loopMax),
            ratio(manyOurs.loopMax, manyRef.loopMax),
          ],
          [
            'latency p50 (ms)',
            fmt(manyOurs.relay.p50),
            fmt(manyRef.relay.p50),
            ratio(manyOurs.relay.p50, manyRef.relay.p50),
          ],
          [
            'latency p99 (ms)',
            fmt(manyOurs.relay.p99),
            fmt(manyRef.relay.p99),
            ratio(manyOurs.relay.p99, manyRef.relay.p99),
          ],
          [
            'server CPU per update (ms)',
            fmt(manyOurs.relay.cpuPerUpdateMs, 3),
            fmt(manyRef.relay.cpuPerUpdateMs, 3),
            ratio(manyOurs.relay.cpuPerUpdateMs, manyRef.relay.cpuPerUpdateMs),
          ],
          ['missing deliveries', String(manyOurs.relay.missing), String(manyRef.relay.missing), ''],
          ...(manyOurs.relay.superseded + manyRef.relay.superseded > 0
            ? [
                [
                  'values superseded on the way',
                  String(manyOurs.relay.superseded),
                  String(manyRef.relay.superseded),
                  '',
                ],
              ]
            : []),
          ['all rooms unloaded after', String(manyOurs.unloaded), 'never (no persistence)', ''],
          [
            'latency p50 (ms), against reference + y-leveldb',
            fmt(manyOursAgain.relay.p50),
            fmt(manyStored.relay.p50),
            ratio(manyOursAgain.relay.p50, manyStored.relay.p50),
          ],
          [
            'latency p99 (ms), against reference + y-leveldb',
            fmt(manyOursAgain.relay.p99),
            fmt(manyStored.relay.p99),
            ratio(manyOursAgain.relay.p99, manyStored.relay.p99),
          ],
          [
            'server CPU per update (ms), against reference + y-leveldb',
            fmt(manyOursAgain.relay.cpuPerUpdateMs, 3),
            fmt(manyStored.relay.cpuPerUpdateMs, 3),
            ratio(manyOursAgain.relay.cpuPerUpdateMs, manyStored.relay.cpuPerUpdateMs),
          ],
        ],
      );
    }
  } finally {
    await Promise.all([oursServer.stop(), referenceServer.stop(), storedReferenceServer?.stop()]);
    if (PERF) {
      for (const server of [oursServer, referenceServer, storedReferenceServer]) {
        if (server) removePerfMap(server.pid);
      }
    }
  }

  if (runs('redis'))
    printTable(
      `5. Two instances, PostgreSQL store + Redis relay: one dragger on instance A at ${DRAG_UPDATES_PER_SECOND}/s for ${SIZES.redisSeconds} s, ${REDIS_READERS} readers on A (same) or on B (cross)`,
      ['', 'ours'],
      await crossInstance(SIZES.redisSeconds),
    );

  if (PROFILE) {
    // Each phase with the reference it ran against (none for the cold load: ours only).
    const phases: [string, string | undefined][] = [
      ...(runs('relay')
        ? ([
            ['fan-out', 'reference'],
            ['meeting', 'reference'],
            ['meeting-stored-reference', 'reference-leveldb'],
            ['everyone-drags', 'reference'],
            ['stored-reference', 'reference-leveldb'],
          ] as [string, string][])
        : []),
      ...(runs('cold') ? ([['cold-load', undefined]] as [string, undefined][]) : []),
      ...(runs('rooms')
        ? ([
            ['many-rooms', 'reference'],
            ['many-rooms-stored-reference', 'reference-leveldb'],
          ] as [string, string][])
        : []),
    ];
    for (const [phase, referenceName] of phases) {
      console.log(`\nCPU profile of the ${phase} runs (server process, main thread):`);
      printSelfTimes(join(profileDir, `samkarta-${phase}.cpuprofile`), 20);
      if (referenceName) {
        printSelfTimes(join(profileDir, `${referenceName}-${phase}.cpuprofile`), 12);
      }
    }
    console.log(`profiles kept in ${profileDir}`);
  }
  console.log(
    `\nload average at end: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  console.log(`finished in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  rmSync(dataDir, { recursive: true, force: true });
  if (!PROFILE) rmSync(profileDir, { recursive: true, force: true });
}

await main();
