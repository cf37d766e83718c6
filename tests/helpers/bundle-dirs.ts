/** @module Test helper: private server bundles (`dist/<prefix><pid>`) that runs left behind. */
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A directory of this run's own for a server bundle, inside the checkout (the bundle imports its
 * packages from node_modules). Removes the ones earlier runs left when they were stopped with
 * Ctrl-C or crashed (their process is gone), and this one when this process exits.
 */
export function privateBundleDir(prefix: string): string {
  for (const name of safeList('dist')) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(name.slice(prefix.length));
    if (Number.isInteger(pid) && pid !== process.pid && !isAlive(pid)) {
      rmSync(join('dist', name), { recursive: true, force: true });
    }
  }
  const dir = join('dist', `${prefix}${process.pid}`);
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, but another user's.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
