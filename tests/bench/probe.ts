/**
 * @module Benchmark probe, preloaded into a server child with `--import` by the bench (never by the
 * server itself): answers the bench over the IPC channel with memory after a full GC and with the
 * event-loop delay, so the server needs no debug hook of its own.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setImmediate as turn } from 'node:timers/promises';
import { writeHeapSnapshot } from 'node:v8';

/** Sampling interval of the event-loop delay histogram; every sample includes it. */
const LOOP_RESOLUTION_MS = 1;
// Sampling wakes the loop every millisecond: on only between loop-reset and loop, so it costs
// nothing in the CPU figures of other runs.
/** Full collections per memory reading: later ones pick up what finalizers of the first freed. */
const GC_PASSES = 3;

export type ProbeRequest = {
  id: number;
  kind: 'memory' | 'loop-reset' | 'loop' | 'profile-start' | 'profile-stop' | 'snapshot';
  /** For profile-stop and snapshot: where to write the .cpuprofile or .heapsnapshot. */
  file?: string;
};

/** Sampling interval of the CPU profiler, in microseconds (V8's default is 1,000). */
const PROFILE_INTERVAL_US = 250;
let profiler: Session | undefined;

function post<T>(session: Session, method: string, params?: object): Promise<T> {
  return new Promise((resolve, reject) =>
    session.post(method, params, (error, result) => (error ? reject(error) : resolve(result as T))),
  );
}

export interface ProbeMemory {
  heapUsed: number;
  external: number;
  rss: number;
}

export interface ProbeLoop {
  /** Delay beyond the sampling interval, in milliseconds. */
  p50: number;
  p99: number;
  max: number;
}

const histogram = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });

const delayMs = (ns: number) => Math.max(0, ns / 1e6 - LOOP_RESOLUTION_MS);

async function answer(request: ProbeRequest): Promise<unknown> {
  switch (request.kind) {
    case 'memory': {
      const gc = (globalThis as { gc?: () => void }).gc;
      if (!gc) throw new Error('the probe needs node --expose-gc');
      for (let i = 0; i < GC_PASSES; i++) {
        gc();
        await turn();
      }
      const usage = process.memoryUsage();
      return { heapUsed: usage.heapUsed, external: usage.external, rss: usage.rss };
    }
    case 'snapshot': {
      if (!request.file) throw new Error('no file given');
      (globalThis as { gc?: () => void }).gc?.();
      writeHeapSnapshot(request.file);
      return {};
    }
    case 'loop-reset':
      histogram.reset();
      histogram.enable();
      return {};
    case 'profile-start': {
      // Only the measured window is profiled, not start-up (tsx compiling the server).
      profiler = new Session();
      profiler.connect();
      await post(profiler, 'Profiler.enable');
      await post(profiler, 'Profiler.setSamplingInterval', { interval: PROFILE_INTERVAL_US });
      await post(profiler, 'Profiler.start');
      return {};
    }
    case 'profile-stop': {
      if (!profiler || !request.file) throw new Error('no profile running, or no file given');
      const { profile } = await post<{ profile: unknown }>(profiler, 'Profiler.stop');
      profiler.disconnect();
      profiler = undefined;
      writeFileSync(request.file, JSON.stringify(profile));
      return {};
    }
    case 'loop':
      histogram.disable();
      return {
        p50: delayMs(histogram.percentile(50)),
        p99: delayMs(histogram.percentile(99)),
        max: delayMs(histogram.max),
      };
  }
}

process.on('message', (request: ProbeRequest) => {
  answer(request).then(
    (result) => process.send?.({ id: request.id, result }),
    (error: unknown) => process.send?.({ id: request.id, error: String(error) }),
  );
});
// The IPC channel must not keep alive a server that wants to exit.
process.channel?.unref();
// The reference server has no shutdown handler; this lets --cpu-prof write its profile.
process.on('SIGUSR2', () => process.exit(0));
