/**
 * @module Vitest global setup: builds this checkout's client once for every browser test file,
 * and the server bundle `npm start` runs once for every test that starts the server as a process.
 */
import { rmSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { buildServer } from '../server/build';
import { buildClient } from './helpers/build-client';
import { privateBundleDir } from './helpers/bundle-dirs';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A production build of client/, private to this test run. */
    clientDir: string;
    /** The server bundle's entry file, built as `npm start` builds it, private to this run. */
    serverEntry: string;
  }
}

export default async function setup(project: TestProject) {
  const clientDir = await buildClient();
  project.provide('clientDir', clientDir);
  // Removed when this process exits (privateBundleDir).
  project.provide('serverEntry', await buildServer(privateBundleDir('test-server-')));
  return () => rmSync(clientDir, { recursive: true, force: true });
}
