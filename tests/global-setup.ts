/** @module Vitest global setup: builds this checkout's client once for every browser test file. */
import { rmSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { buildClient } from './helpers/build-client';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A production build of client/, private to this test run. */
    clientDir: string;
  }
}

export default async function setup(project: TestProject) {
  const clientDir = await buildClient();
  project.provide('clientDir', clientDir);
  return () => rmSync(clientDir, { recursive: true, force: true });
}
