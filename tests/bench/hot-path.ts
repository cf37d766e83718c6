/**
 * @module The relay path in one process, without sockets: a run of marker drags handed to ours
 * (`handleMessage` into a room over the SQLite store on disk, or over a store in memory, which
 * writes no file) or to the reference (`setupWSConnection` on stand-in sockets), one per event-loop
 * turn as a dragged marker sends them, ten connections each. Prints microseconds of CPU per update
 * as one JSON line. Kept out of the socket measurements on purpose: with nothing but its own work
 * in the way, what the store adds to an update shows, where at 30 updates/s over real sockets the
 * machine's drift hides it.
 *
 * `node --import tsx tests/bench/hot-path.ts <ours|ours-memory|reference> <updates>`
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { RecordingConnection } from '../helpers/connection';

export type HotPathSide = 'ours' | 'ours-memory' | 'reference';

export interface HotPathFigures {
  side: HotPathSide;
  /** Process CPU (user + system) per update, in microseconds. */
  cpuUs: number;
  /** Bytes sent to the connections (the reference sends the dragger its own update back too). */
  sentBytes: number;
}

const CONNECTIONS = 10;

/** y-websocket update messages of one client dragging one marker. */
function dragMessages(count: number): Uint8Array[] {
  const client = new Y.Doc();
  const messages: Uint8Array[] = [];
  client.on('update', (update: Uint8Array) => {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0); // messageSync
    syncProtocol.writeUpdate(encoder, update);
    messages.push(encoding.toUint8Array(encoder));
  });
  const markers = client.getMap('markers');
  for (let i = 0; i < count; i++) markers.set('dragger', { x: i % 500, y: 120, rating: i % 11 });
  return messages;
}

async function oursReceiver(
  inMemory: boolean,
  count: (bytes: number) => void,
): Promise<{ receive(message: Uint8Array): void; close(): Promise<void> }> {
  const { openSqliteStore } = await import('../../server/store/sqlite');
  const { Room } = await import('../../server/sync/room');
  const { handleMessage } = await import('../../server/sync/messages');
  const { createLogger } = await import('../../server/log');
  const dir = inMemory ? undefined : mkdtempSync(join(tmpdir(), 'samkarta-hot-path-'));
  const store = openSqliteStore(dir ? join(dir, 'samkarta.db') : ':memory:');
  const boardId = 'hot-path-board';
  await store.createBoard(
    { id: boardId, title: 'Hot path', language: 'en', createdAt: Date.now() },
    { facilitator: 'f', participant: 'p', viewer: 'v' },
    Y.encodeStateAsUpdate(new Y.Doc()),
  );
  const room = new Room(
    boardId,
    {
      store,
      log: createLogger('silent'),
      maxBoardBytes: Number.MAX_SAFE_INTEGER,
      onFailure() {
        throw new Error('the room failed');
      },
    },
    await store.loadUpdates(boardId),
  );
  // Connections as the sync layer sees them, counting what they are sent rather than keeping it.
  class CountingConnection extends RecordingConnection {
    override send(message: Uint8Array): void {
      count(message.byteLength);
    }
  }
  const connections = Array.from({ length: CONNECTIONS }, () => new CountingConnection());
  for (const connection of connections) room.addConnection(connection);
  const dragger = connections[0] as CountingConnection;
  return {
    receive: (message) => handleMessage(room, dragger, message),
    async close() {
      const closed = connections.find((connection) => connection.closedWith);
      if (closed) throw new Error(`a connection was closed: ${closed.closedWith?.reason}`);
      room.destroy();
      await store.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function referenceReceiver(
  count: (bytes: number) => void,
): Promise<{ receive(message: Uint8Array): void; close(): Promise<void> }> {
  const { setupWSConnection, docs } = await import('@y/websocket-server/utils');
  let onMessage: ((message: ArrayBuffer) => void) | undefined;
  for (let i = 0; i < CONNECTIONS; i++) {
    const socket = {
      readyState: 1,
      binaryType: 'arraybuffer',
      on(event: string, listener: (message: ArrayBuffer) => void) {
        if (event === 'message' && i === 0) onMessage = listener;
      },
      send(message: Uint8Array) {
        count(message.byteLength);
      },
      ping() {},
      close() {},
    };
    setupWSConnection(socket as never, { url: '/hot-path' } as never);
  }
  // setupWSConnection starts a ping timer per connection: the process exits without waiting.
  const receive = onMessage;
  if (!receive) throw new Error('the reference did not listen for messages');
  return {
    // It reads what ws gives it with binaryType 'arraybuffer': a copy of the frame's bytes.
    receive: (message) => receive(message.slice().buffer as ArrayBuffer),
    async close() {
      for (const doc of docs.values()) doc.destroy();
    },
  };
}

async function run(side: HotPathSide, updates: number): Promise<HotPathFigures> {
  const messages = dragMessages(updates * 2);
  let sentBytes = 0;
  const count = (bytes: number) => {
    sentBytes += bytes;
  };
  const receiver =
    side === 'reference'
      ? await referenceReceiver(count)
      : await oursReceiver(side === 'ours-memory', count);
  const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
  // The first half warms the JIT up; the second is measured.
  for (let i = 0; i < updates; i++) {
    receiver.receive(messages[i] as Uint8Array);
    await nextTurn();
  }
  sentBytes = 0;
  const before = process.cpuUsage();
  for (let i = updates; i < updates * 2; i++) {
    receiver.receive(messages[i] as Uint8Array);
    await nextTurn();
  }
  const used = process.cpuUsage(before);
  await receiver.close();
  return { side, cpuUs: (used.user + used.system) / updates, sentBytes };
}

const [side, updates] = process.argv.slice(2);
if (side !== 'ours' && side !== 'ours-memory' && side !== 'reference') {
  throw new Error('usage: hot-path.ts <ours|ours-memory|reference> <updates>');
}
console.log(JSON.stringify(await run(side, Number(updates ?? 20_000))));
process.exit(0);
