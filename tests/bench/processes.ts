/**
 * @module Benchmark servers as child processes: ours (the bundle `npm start` runs, SQLite store)
 * and the reference `@y/websocket-server`, each with the probe preloaded, their CPU time read from
 * /proc.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { buildServer } from '../../server/build';
import { privateBundleDir } from '../helpers/bundle-dirs';
import type { ProbeLoop, ProbeMemory, ProbeRequest } from './probe';

/** Kernel clock ticks per second for /proc/<pid>/stat (getconf CLK_TCK; 100 on Linux). */
const CLOCK_TICKS_PER_SECOND = 100;
const START_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 15_000;
const PROBE_TIMEOUT_MS = 30_000;
const REFERENCE_BIN = 'node_modules/@y/websocket-server/src/server.js';

export interface BenchServer {
  name: string;
  child: ChildProcess;
  pid: number;
  /** http://127.0.0.1:port */
  url: string;
  /** The WebSocket URL a client uses for one room (ours needs a token, the reference ignores it). */
  roomUrl(room: string, token?: string): string;
  output: string[];
  /** User + system CPU time of the server process so far, in milliseconds. */
  cpuMs(): number;
  /** The same, split into the main thread and the others (V8's GC and compiler, libuv's pool). */
  threadCpuMs(): { main: number; others: number };
  memory(): Promise<ProbeMemory>;
  loopReset(): Promise<void>;
  loop(): Promise<ProbeLoop>;
  /** Writes a heap snapshot (after a full GC) to `file`. */
  snapshot(file: string): Promise<void>;
  profileStart(): Promise<void>;
  /** Stops the profiler and writes the window's .cpuprofile to `file`. */
  profileStop(file: string): Promise<void>;
  /** Graceful stop (ours: SIGINT, its own shutdown; reference: SIGUSR2 via the probe). */
  stop(): Promise<void>;
}

const children = new Set<ChildProcess>();
// Whatever happens to the bench, no server child outlives it.
process.once('exit', () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
});

/**
 * CPU time of a process in milliseconds: the nanosecond run times of all its threads from
 * /proc/<pid>/task/<tid>/schedstat, which a light load would lose in the 10 ms ticks of /proc/<pid>/stat
 * (used when schedstat is missing).
 */
export function processCpuMs(pid: number): number {
  try {
    const { main, others } = threadCpuMs(pid);
    return main + others;
  } catch {
    return processCpuTicksMs(pid);
  }
}

/**
 * The same split into the main thread (its id is the process id) and all others, in milliseconds.
 * Throws when no thread's schedstat can be read (a kernel without it).
 */
export function threadCpuMs(pid: number): { main: number; others: number } {
  const split = { main: 0, others: 0 };
  let read = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    let ns: number;
    try {
      ns = Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // The thread ended between listing and reading.
      continue;
    }
    read += 1;
    if (tid === String(pid)) split.main += ns / 1e6;
    else split.others += ns / 1e6;
  }
  if (read === 0) throw new Error(`no schedstat for process ${pid}`);
  return split;
}

/** CPU time in milliseconds from utime + stime, fields 14 and 15 of /proc/<pid>/stat. */
function processCpuTicksMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces; fields are counted after its closing paren.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / CLOCK_TICKS_PER_SECOND;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

function launch(
  name: string,
  args: string[],
  env: Record<string, string>,
  isReady: (line: string) => number | undefined,
  stopSignal: NodeJS.Signals,
  roomUrl: (port: number, room: string, token?: string) => string,
): Promise<BenchServer> {
  // A persistence directory inherited from the shell would change what the reference does.
  const { YPERSISTENCE: _unused, ...inherited } = process.env;
  const child = spawn(process.execPath, args, {
    env: { ...inherited, ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  children.add(child);
  const output: string[] = [];
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  exited.then(() => children.delete(child));
  let nextId = 1;
  const waiting = new Map<number, (reply: { result?: unknown; error?: string }) => void>();
  child.on('message', (reply: { id: number; result?: unknown; error?: string }) => {
    waiting.get(reply.id)?.(reply);
    waiting.delete(reply.id);
  });
  const ask = <T>(kind: ProbeRequest['kind'], file?: string): Promise<T> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      const timer = setTimeout(
        () => reject(new Error(`${name}: probe ${kind} timed out`)),
        PROBE_TIMEOUT_MS,
      );
      waiting.set(id, (reply) => {
        clearTimeout(timer);
        if (reply.error) reject(new Error(reply.error));
        else resolve(reply.result as T);
      });
      child.send({ id, kind, ...(file ? { file } : {}) } satisfies ProbeRequest);
    });

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name} did not start:\n${output.join('\n')}`));
    }, START_TIMEOUT_MS);
    createInterface({ input: child.stderr as NodeJS.ReadableStream }).on('line', (line) =>
      output.push(line),
    );
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      output.push(line);
      const port = isReady(line);
      if (port === undefined) return;
      clearTimeout(timer);
      const pid = child.pid as number;
      resolve({
        name,
        child,
        pid,
        url: `http://127.0.0.1:${port}`,
        roomUrl: (room, token) => roomUrl(port, room, token),
        output,
        cpuMs: () => processCpuMs(pid),
        threadCpuMs: () => threadCpuMs(pid),
        memory: () => ask<ProbeMemory>('memory'),
        loopReset: () => ask<void>('loop-reset'),
        loop: () => ask<ProbeLoop>('loop'),
        snapshot: (file) => ask<void>('snapshot', file),
        profileStart: () => ask<void>('profile-start'),
        profileStop: (file) => ask<void>('profile-stop', file),
        async stop() {
          if (child.exitCode !== null) return;
          child.kill(stopSignal);
          const killer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
          await exited;
          clearTimeout(killer);
        },
      });
    });
    exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`${name} exited before listening:\n${output.join('\n')}`));
    });
  });
}

const probeArgs = ['--expose-gc', '--import', 'tsx', '--import', './tests/bench/probe.ts'];

/** The server bundle `npm start` runs, built once per bench run into a directory of its own. */
let oursEntry: Promise<string> | undefined;

/**
 * Our server as `npm start` runs it (its bundle; minus the client build), with the probe preloaded
 * (through tsx, as into the reference).
 */
export async function spawnOurs(
  env: Record<string, string>,
  nodeArgs: string[] = [],
): Promise<BenchServer> {
  oursEntry ??= buildServer(privateBundleDir('bench-server-'));
  return launch(
    'samkarta',
    [...nodeArgs, ...probeArgs, await oursEntry],
    { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    (line) => {
      try {
        const entry = JSON.parse(line) as { msg?: string; port?: number };
        return entry.msg === 'samkarta listening' ? entry.port : undefined;
      } catch {
        return undefined;
      }
    },
    'SIGINT',
    (port, room, token) =>
      `ws://127.0.0.1:${port}/ws/${room}?token=${encodeURIComponent(token ?? '')}`,
  );
}

/**
 * The reference y-websocket server: without persistence, or with its own (`YPERSISTENCE`: every
 * update goes to y-leveldb, asynchronously, once it has been relayed) when given a directory.
 */
export async function spawnReference(
  nodeArgs: string[] = [],
  persistenceDir?: string,
): Promise<BenchServer> {
  // It prints the port it was given, so it is given a free one rather than 0.
  const port = await freePort();
  const env: Record<string, string> = { HOST: '127.0.0.1', PORT: String(port) };
  if (persistenceDir !== undefined) env.YPERSISTENCE = persistenceDir;
  return launch(
    persistenceDir === undefined ? 'reference' : 'reference-leveldb',
    [...nodeArgs, ...probeArgs, REFERENCE_BIN],
    env,
    (line) => (line.startsWith('running at') ? port : undefined),
    'SIGUSR2',
    (p, room) => `ws://127.0.0.1:${p}/${room}`,
  );
}
