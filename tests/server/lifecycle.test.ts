/** @module Starting and stopping a real server: what a refused start and a stop leave behind. */
import { connect, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startTestServer, tempDir } from '../helpers/server';
import { within } from '../helpers/waits';

/** A raw TCP client that keeps its own end open after the server's end (as a stuck client would). */
function halfOpenClient(url: string): Promise<Socket> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port), allowHalfOpen: true }, () =>
      resolve(socket),
    );
    socket.once('error', reject);
  });
}

function firstData(socket: Socket): Promise<string> {
  return new Promise((resolve) => socket.once('data', (chunk) => resolve(String(chunk))));
}

describe('server lifecycle', () => {
  it('hangs up on a refused upgrade, so a client that never closes cannot hold the stop open', async () => {
    const server = await startTestServer();
    const client = await halfOpenClient(server.url);
    const endedByServer = new Promise<void>((resolve) => client.once('end', () => resolve()));
    const answer = firstData(client);
    client.write(
      'GET /not-a-board-socket HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n' +
        'Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n' +
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
    );
    expect(await answer).toMatch(/^HTTP\/1\.1 404 /);
    await within(5_000, 'the server ends the refused socket', endedByServer);
    // The client never ends its side; the server stops anyway.
    await within(5_000, 'the server stops', server.close());
    client.destroy();
  });

  it('lets go of its data directory when it cannot listen, so a retry can have it', async () => {
    const first = await startTestServer();
    const dataDir = tempDir();
    const port = String(new URL(first.url).port);
    // The port is taken: this start fails after it opened (and locked) its store.
    await expect(startTestServer({ dataDir, env: { PORT: port } })).rejects.toThrow(/EADDRINUSE/);
    // Same process, same directory, a free port: it starts, the lock was released.
    const retry = await startTestServer({ dataDir });
    await retry.close();
    await first.close();
  });
});
