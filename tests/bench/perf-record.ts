/**
 * @module `npm run bench -- --perf`: where each server's CPU goes, by stage of handling an update,
 * from Linux `perf` sampling the whole process (kernel time, garbage collection and V8's helper
 * threads included, which V8's own profiler does not see). The servers run with
 * PERF_NODE_ARGS, so that perf can name the JavaScript functions on each sampled stack.
 *
 * A sample is put in the first stage of STAGES that any frame of its stack matches. The patterns
 * name functions of Samkarta, ws and Yjs: renaming one of them moves its time to "the rest".
 */
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import type { Readable, Writable } from 'node:stream';

/** perf takes a sample every this many nanoseconds of CPU time a thread spends. */
const SAMPLE_PERIOD_NS = 250_000;
const STOP_TIMEOUT_MS = 30_000;
/** perf answers an enable in about 0.3 s when it first starts sampling, later in about 1 ms. */
const ACK_TIMEOUT_MS = 10_000;

/** Stages of the main thread, first match wins (a send inside Yjs' update event is a send). */
const STAGES: [stage: string, frame: RegExp][] = [
  [
    'garbage collection',
    /v8::internal::(Heap::(CollectGarbage|PerformGarbageCollection|FinalizeIncrementalMarking)|ScavengerCollector|MarkCompactCollector|IncrementalMarking|ArrayBufferSweeper|Sweeper::)/,
  ],
  [
    'relaying: WebSocket sends',
    // ws' Sender and WebSocket#send; the servers' own send and broadcast loops (ours: the bundle's
    // main.js; the reference: its utils.js).
    /ws\/lib\/sender\.js|JS:\S*\b(send|broadcast) \S*(ws\/lib\/websocket|\/main|websocket-server\/src\/utils)\.js:/,
  ],
  [
    "storing: a turn's updates merged, the log, folds",
    // Ours (merging what a turn brought, SQLite), and the reference's y-leveldb when it has one.
    /JS:\S*\b(mergeUpdates|mergeUpdatesV2|writeQueuedAppends|foldQuietly|compact|compactUpdates) |better_sqlite3|Statement::JS_|y-leveldb|leveldown|levelup|leveldb::/,
  ],
  ['checking the update before applying it', /JS:\S*\bdecodeUpdate /],
  ['applying it to the Y.Doc', /JS:\S*\bapplyUpdate /],
  [
    'receiving: socket reads, WebSocket frames',
    // The read itself (libuv, the kernel) comes before any JavaScript frame.
    /ws\/lib\/receiver\.js|JS:\S*\bonStreamRead |uv__read|LibuvStreamWrap::OnUvRead/,
  ],
];
const REST = 'the rest: event loop, timers, promise jobs';
/** The other threads: V8's helpers (GC, compiler) and libuv's pool. */
const OTHER_THREADS: [stage: string, frame: RegExp][] = [
  [
    'other threads: garbage collection',
    /v8::internal::(Concurrent|Scavenger|Sweeper|Marking|ArrayBufferSweeper|\w*Evacuat|PointersUpdating)/,
  ],
  ['other threads: compiling', /v8::internal::(compiler|maglev|baseline)::/],
  // LevelDB's own threads and libuv's pool (the reference's y-leveldb; ours writes on the main
  // thread).
  ['other threads: storing', /leveldb::|leveldown|ThreadPoolWork/],
];
const OTHER_THREADS_REST = 'other threads: the rest';

export const PERF_STAGES = [
  ...STAGES.map(([stage]) => stage),
  REST,
  ...OTHER_THREADS.map(([stage]) => stage),
  OTHER_THREADS_REST,
];

/**
 * Node flags for a sampled server: perf can name its JavaScript functions, and V8 inlines none
 * into its callers, whose time it would then become (ws' send into Yjs' update event, say, which
 * would read as applying the update). Without inlining the servers run a little slower than in a
 * plain run: compare the stages of one --perf run with each other, not with another run's figures.
 */
export const PERF_NODE_ARGS = ['--perf-basic-prof', '--no-turbo-inlining'];

/** Whether `perf record` can sample a process here (perf installed and allowed). */
export function perfAvailable(): boolean {
  const probe = spawnSync('perf', ['record', '-e', 'cpu-clock', '-o', '/dev/null', 'true'], {
    stdio: 'ignore',
  });
  return probe.status === 0;
}

/** Linux perf attached to one process, sampling only while enabled. */
export interface PerfRecorder {
  /** Resolves once perf samples. */
  enable(): Promise<void>;
  /** Resolves once perf has stopped sampling. */
  disable(): Promise<void>;
  /** Ends perf; resolves once it has written its file. */
  stop(): Promise<void>;
}

/**
 * Attaches perf to process `pid` (every thread, with call stacks), writing to `file`. It starts
 * disabled; `enable` and `disable` go through perf's control descriptors (fd 3 to perf, fd 4 back
 * for its acknowledgements), so a window is sampled from the moment `enable` resolves.
 */
export function recordPerf(pid: number, file: string): PerfRecorder {
  const child: ChildProcess = spawn(
    'perf',
    [
      ...['record', '-e', 'cpu-clock', '-c', String(SAMPLE_PERIOD_NS), '-g', '-p', String(pid)],
      ...['-o', file, '--quiet', '-D', '-1', '--control', 'fd:3,4'],
    ],
    { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] },
  );
  let stopping = false;
  let ended: string | undefined;
  let errors = '';
  let waiting: { resolve: () => void; reject: (error: Error) => void }[] = [];
  const fail = (why: string) => {
    for (const waiter of waiting) waiter.reject(new Error(why));
    waiting = [];
  };
  (child.stderr as Readable).setEncoding('utf8').on('data', (chunk: string) => {
    errors = (errors + chunk).slice(-2000);
  });
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      ended = `perf ended (${signal ?? code})${errors ? `: ${errors.trim()}` : ''}`;
      // One that ends by itself (it could not attach, or was killed) must not leave a run waiting.
      if (!stopping) fail(ended);
      resolve();
    }),
  );
  const control = child.stdio[3] as Writable;
  const replies = child.stdio[4] as Readable;
  // A perf that dies resets both; its exit, above, is what fails the run.
  control.on('error', () => {});
  replies.on('error', () => {});
  let acks = '';
  replies.setEncoding('utf8').on('data', (chunk: string) => {
    // perf ends each "ack\n" with a NUL byte.
    acks += chunk.replaceAll('\0', '');
    const lines = acks.split('\n');
    acks = lines.pop() ?? '';
    for (const line of lines) if (line === 'ack') waiting.shift()?.resolve();
  });
  const command = (word: 'enable' | 'disable') =>
    new Promise<void>((resolve, reject) => {
      if (ended !== undefined) {
        reject(new Error(`${ended}, before it was told to ${word}`));
        return;
      }
      const timer = setTimeout(() => fail(`perf did not answer "${word}"`), ACK_TIMEOUT_MS);
      waiting.push({
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      control.write(`${word}\n`);
    });
  return {
    enable: () => command('enable'),
    disable: () => command('disable'),
    async stop() {
      stopping = true;
      if (ended === undefined) child.kill('SIGINT');
      const killer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(killer);
    },
  };
}

/** Milliseconds of CPU per stage in a recording of process `pid` (its main thread's id is pid). */
export function stagesOf(file: string, pid: number): Map<string, number> {
  const ms = new Map<string, number>(PERF_STAGES.map((stage) => [stage, 0]));
  const sampleMs = SAMPLE_PERIOD_NS / 1e6;
  for (const { tid, stack } of samples(file, pid)) {
    const [rules, rest] = tid === pid ? [STAGES, REST] : [OTHER_THREADS, OTHER_THREADS_REST];
    const stage = rules.find(([, frame]) => frame.test(stack))?.[0] ?? rest;
    ms.set(stage, (ms.get(stage) ?? 0) + sampleMs);
  }
  return ms;
}

/**
 * The samples of a recording of process `pid`: the thread and its stack, one line per frame
 * ("address symbol"), innermost first, with JIT code named from the process's own map.
 */
function* samples(file: string, pid: number): Generator<{ tid: number; stack: string }> {
  const script = execFileSync('perf', ['script', '-i', file, '-F', 'tid,ip,sym'], {
    encoding: 'utf8',
    maxBuffer: 1024 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const jitName = jitSymbols(pid);
  // One sample per block: its thread id, then its frames.
  for (const block of script.split('\n\n')) {
    const text = block.trim();
    if (text === '') continue;
    const newline = text.indexOf('\n');
    const tid = Number((newline < 0 ? text : text.slice(0, newline)).trim().split(/\s+/)[0]);
    const stack = (newline < 0 ? '' : text.slice(newline + 1)).replace(
      FRAME,
      (frame, address: string) => jitName(Number.parseInt(address, 16)) ?? frame,
    );
    yield { tid, stack };
  }
}

/** One frame of `perf script`: its address, then what perf called it. */
const FRAME = /^\s*([0-9a-f]+) .*$/gm;
/** Entries of the map looked at below an address, for code inside an older, longer entry. */
const OVERLAPS_LOOKED_AT = 8;

/**
 * Names JIT code from the map `--perf-basic-prof` writes, for every frame in it. perf names only
 * code on pages it knew of when it attached (V8 makes pages executable later, without a mapping
 * perf sees: such frames come out "[unknown]"), and where code was freed and other code took its
 * address, perf may pick the older entry. Here the map's latest entry at an address wins.
 */
function jitSymbols(pid: number): (address: number) => string | undefined {
  let lines: string[];
  try {
    lines = readFileSync(`/tmp/perf-${pid}.map`, 'utf8').split('\n');
  } catch {
    return () => undefined;
  }
  // Later lines (newer code) replace earlier ones that start at the same address.
  const byStart = new Map<number, { end: number; name: string; line: number }>();
  lines.forEach((line, index) => {
    const [start, size, ...name] = line.split(' ');
    if (!start || !size || name.length === 0) return;
    const from = Number.parseInt(start, 16);
    byStart.set(from, { end: from + Number.parseInt(size, 16), name: name.join(' '), line: index });
  });
  const starts = [...byStart.keys()].sort((a, b) => a - b);
  return (address) => {
    // The last start at or below the address…
    let low = 0;
    let high = starts.length - 1;
    let found = -1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if ((starts[middle] as number) <= address) {
        found = middle;
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    // …or, when that entry ends below it, a few before it that still cover it: the newest one.
    let best: { name: string; line: number } | undefined;
    for (let i = found; i >= 0 && i > found - OVERLAPS_LOOKED_AT; i--) {
      const entry = byStart.get(starts[i] as number);
      if (entry && address < entry.end && (!best || entry.line > best.line)) best = entry;
    }
    return best ? `${address.toString(16)} ${best.name}` : undefined;
  };
}

/** The symbol map `--perf-basic-prof` leaves behind for a server process once it has exited. */
export function removePerfMap(pid: number): void {
  rmSync(`/tmp/perf-${pid}.map`, { force: true });
}
