/** @module Test helper: a real Samkarta server on a random port over a fresh SQLite directory. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../server/config';
import { type RunningServer, startServer } from '../../server/server';

export interface TestServer {
  url: string;
  /** ws://…/ws — the WebsocketProvider's serverUrl. */
  wsUrl: string;
  dataDir: string;
  running: RunningServer;
  close(): Promise<void>;
}

export function tempDir(prefix = 'samkarta-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export async function startTestServer(
  options: { dataDir?: string; env?: Record<string, string> } = {},
): Promise<TestServer> {
  const dataDir = options.dataDir ?? tempDir();
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    STATIC_DIR: 'dist/client',
    ...options.env,
  });
  const running = await startServer(config);
  return {
    url: running.url,
    wsUrl: `${running.url.replace(/^http/, 'ws')}/ws`,
    dataDir,
    running,
    close: () => running.close(),
  };
}

export interface CreatedBoard {
  id: string;
  tokens: { facilitator: string; participant: string; viewer: string };
  links: { facilitator: string; participant: string; viewer: string };
}

export async function createBoard(
  url: string,
  body: { title: string; language?: 'sv' | 'en' } = { title: 'Test board' },
): Promise<CreatedBoard> {
  const response = await fetch(`${url}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status !== 201) throw new Error(`creating a board answered ${response.status}`);
  return (await response.json()) as CreatedBoard;
}
