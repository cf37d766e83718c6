/** @module Test helper: the server as a child process, the way `npm start` runs it. */
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { inject } from 'vitest';

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  wsUrl: string;
  /** Every line the server wrote to stdout/stderr so far. */
  output: string[];
  exited: Promise<number | null>;
}

/**
 * Starts the server bundle (built by the global setup, as `npm run build` builds dist/server) with
 * plain `node` on a random port; resolves once it listens.
 */
export function spawnServer(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, [inject('serverEntry')], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stderr as NodeJS.ReadableStream }).on('line', (line) =>
      output.push(line),
    );
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      output.push(line);
      const entry = parseJson(line);
      if (entry?.msg === 'samkarta listening' && typeof entry.port === 'number') {
        const url = `http://127.0.0.1:${entry.port}`;
        resolve({ child, url, wsUrl: `ws://127.0.0.1:${entry.port}/ws`, output, exited });
      }
    });
    exited.then((code) =>
      reject(new Error(`server exited with ${code} before listening:\n${output.join('\n')}`)),
    );
  });
}

function parseJson(line: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}
