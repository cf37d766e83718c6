/**
 * @module Summarises a V8 `.cpuprofile` (from `node --cpu-prof`): self time per function, the
 * largest first, with where it lives. Run on its own: `node --import tsx tests/bench/profile.ts FILE`.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  /** Microseconds between samples, one entry per sample. */
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface SelfTime {
  name: string;
  where: string;
  /** Milliseconds of samples whose top frame was this function. */
  selfMs: number;
  share: number;
}

function shortUrl(url: string): string {
  const cwd = pathToFileURL(process.cwd()).href;
  return url.startsWith(cwd) ? url.slice(cwd.length + 1) : url.replace(/^node:/, 'node:');
}

/** Self time per function, summed over every node of the call tree that runs it. */
export function selfTimes(file: string): { total: number; rows: SelfTime[] } {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const totals = new Map<string, { name: string; where: string; us: number }>();
  let all = 0;
  profile.samples.forEach((nodeId, i) => {
    const node = byId.get(nodeId);
    const us = profile.timeDeltas[i] ?? 0;
    if (!node) return;
    const { functionName, url, lineNumber } = node.callFrame;
    // Idle time is not work done.
    if (functionName === '(idle)') return;
    all += us;
    const where = url ? `${shortUrl(url)}:${lineNumber + 1}` : '';
    const key = `${functionName}@${where}`;
    const row = totals.get(key) ?? { name: functionName || '(anonymous)', where, us: 0 };
    row.us += us;
    totals.set(key, row);
  });
  const rows = [...totals.values()]
    .sort((a, b) => b.us - a.us)
    .map((row) => ({
      name: row.name,
      where: row.where,
      selfMs: row.us / 1000,
      share: all === 0 ? 0 : row.us / all,
    }));
  return { total: all / 1000, rows };
}

/**
 * Where self time went, coarser than functions: a package, one of our files, Node's internals, or
 * (for native code with no script) the function's own name, e.g. `writev` or better-sqlite3's `run`.
 */
function areaOf(row: SelfTime): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(row.where);
  if (pkg) return pkg[1] as string;
  if (row.where.startsWith('node:')) return 'node internals';
  if (row.where === '') return `(native) ${row.name}`;
  return row.where.replace(/:\d+$/, '');
}

export function printSelfTimes(file: string, top: number): void {
  const { total, rows } = selfTimes(file);
  const line = (ms: number, share: number, what: string) =>
    `  ${ms.toFixed(1).padStart(8)} ms ${(share * 100).toFixed(1).padStart(5)}%  ${what}`;
  console.log(`  ${file}: ${total.toFixed(0)} ms of non-idle samples`);
  console.log(`  by area:`);
  const areas = new Map<string, number>();
  for (const row of rows) areas.set(areaOf(row), (areas.get(areaOf(row)) ?? 0) + row.selfMs);
  for (const [area, ms] of [...areas].sort((a, b) => b[1] - a[1]).slice(0, 10)) {
    console.log(line(ms, total === 0 ? 0 : ms / total, area));
  }
  console.log(`  top ${top} functions by self time:`);
  for (const row of rows.slice(0, top)) {
    console.log(line(row.selfMs, row.share, `${row.name}  ${row.where}`));
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const file = process.argv[2];
  if (!file) throw new Error('usage: profile.ts FILE.cpuprofile [TOP]');
  printSelfTimes(file, Number(process.argv[3] ?? 25));
}
