/** @module Builds this checkout's client (production mode) into a fresh temporary directory. */
import { build } from 'vite';
import { tempDir } from './server';

export async function buildClient(): Promise<string> {
  // Never test a stale or shared build: build into a directory of our own.
  const clientDir = tempDir('samkarta-client-');
  // Vitest sets NODE_ENV=test, which would bundle React's development build; test what ships.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: 'vite.config.ts',
      logLevel: 'warn',
      build: { outDir: clientDir, emptyOutDir: true },
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  return clientDir;
}
