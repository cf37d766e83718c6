/**
 * @module Bundles the server for `npm start` (`npm run build` runs this file): plain JavaScript
 * that `node` runs without a TypeScript loader, which would otherwise stay in the process (a
 * thread and an isolate of its own, about 23 MB of memory). The npm packages stay imports from
 * node_modules, so the bundle must live inside this checkout; what the server loads only when
 * configured (the PostgreSQL store, the Redis relay) gets chunks of its own and stays unloaded.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

/** Where `npm start` runs it from (package.json: `node dist/server/main.js`). */
const SERVER_BUNDLE_DIR = 'dist/server';

/** Builds the bundle into `outdir` (inside the checkout); resolves with its entry file. */
export async function buildServer(outdir = SERVER_BUNDLE_DIR): Promise<string> {
  // Chunk names carry hashes: an earlier build's would pile up.
  rmSync(outdir, { recursive: true, force: true });
  await build({
    entryPoints: ['server/main.ts'],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    splitting: true,
    outdir,
    logLevel: 'warning',
  });
  return join(outdir, 'main.js');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await buildServer();
}
