/**
 * @module Hostile presence over real sockets: nobody speaks for another connection's client id,
 * a half-open socket yields its id to the page that reconnected, huge states are refused.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { addCard, listAllCards } from '../../shared/cards';
import {
  CloseCode,
  MAX_PRESENCE_CLIENTS_PER_CONNECTION,
  MAX_PRESENCE_STATE_BYTES,
} from '../../shared/protocol';
import { type BoardClient, connectClient, untilAwareness, untilDoc } from '../helpers/clients';
import {
  type CreatedBoard,
  createBoard,
  startTestServer,
  type TestServer,
} from '../helpers/server';

let server: TestServer;
const clients: BoardClient[] = [];
const sockets: WebSocket[] = [];

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  for (const client of clients) client.destroy();
  for (const ws of sockets) ws.terminate();
  await server.close();
});

function join(board: CreatedBoard, doc?: Y.Doc): BoardClient {
  const client = connectClient(server.wsUrl, board.id, board.tokens.participant, doc);
  clients.push(client);
  return client;
}

interface Entry {
  clientId: number;
  clock: number;
  state: unknown;
}

/** A socket that speaks the protocol by hand, to send what no y-websocket client would. */
interface RawClient {
  ws: WebSocket;
  closed: Promise<{ code: number; reason: string }>;
  sendPresence(entries: Entry[]): void;
  /** Resolves with the close code, or 'answered' if the server answers a SyncStep1 sent now. */
  outcome(): Promise<number | 'answered'>;
}

async function openRaw(board: CreatedBoard, options: WebSocket.ClientOptions = {}) {
  const ws = new WebSocket(
    `${server.wsUrl}/${board.id}?token=${board.tokens.participant}`,
    options,
  );
  sockets.push(ws);
  ws.binaryType = 'arraybuffer';
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  await new Promise((resolve) => ws.once('open', resolve));
  const raw: RawClient = {
    ws,
    closed,
    sendPresence(entries) {
      const update = encoding.createEncoder();
      encoding.writeVarUint(update, entries.length);
      for (const entry of entries) {
        encoding.writeVarUint(update, entry.clientId);
        encoding.writeVarUint(update, entry.clock);
        encoding.writeVarString(update, JSON.stringify(entry.state));
      }
      const message = encoding.createEncoder();
      encoding.writeVarUint(message, 1);
      encoding.writeVarUint8Array(message, encoding.toUint8Array(update));
      ws.send(encoding.toUint8Array(message));
    },
    outcome() {
      // The server reads one connection's frames in order: a close over anything sent before
      // comes first, else the answer to this SyncStep1.
      const answered = new Promise<'answered'>((resolve) => {
        const onMessage = (data: ArrayBuffer) => {
          const decoder = decoding.createDecoder(new Uint8Array(data));
          if (decoding.readVarUint(decoder) !== 0) return;
          if (decoding.readVarUint(decoder) !== syncProtocol.messageYjsSyncStep2) return;
          ws.off('message', onMessage);
          resolve('answered');
        };
        ws.on('message', onMessage);
      });
      const step1 = encoding.createEncoder();
      encoding.writeVarUint(step1, 0);
      syncProtocol.writeSyncStep1(step1, new Y.Doc());
      ws.send(encoding.toUint8Array(step1));
      return Promise.race([answered, closed.then(({ code }) => code)]);
    },
  };
  return raw;
}

const user = (id: string, name: string) => ({
  user: { id, name, role: 'family', color: '#1a4fa0' },
});

/** Every name an observer was ever shown, and every client id it saw removed. */
function watchPresence(observer: BoardClient) {
  const seen = { names: [] as unknown[], removed: [] as number[] };
  const awareness = observer.provider.awareness;
  awareness.on('change', (change: { added: number[]; updated: number[]; removed: number[] }) => {
    for (const id of [...change.added, ...change.updated]) {
      seen.names.push((awareness.getStates().get(id) as { user?: { name?: unknown } })?.user?.name);
    }
    seen.removed.push(...change.removed);
  });
  return seen;
}

const nameAt = (client: BoardClient, clientId: number) =>
  (client.provider.awareness.getStates().get(clientId) as { user?: { name?: string } } | undefined)
    ?.user?.name;

const clockAt = (client: BoardClient, clientId: number) =>
  client.provider.awareness.meta.get(clientId)?.clock ?? 0;

/** Anna, present, and an observer who sees her. */
async function annaAndObserver() {
  const board = await createBoard(server.url);
  const anna = join(board);
  const observer = join(board);
  await Promise.all([anna.synced, observer.synced]);
  anna.provider.awareness.setLocalState(user('anna', 'Anna'));
  const annaId = anna.doc.clientID;
  await untilAwareness(observer.provider, () => nameAt(observer, annaId) === 'Anna');
  return { board, anna, observer, annaId };
}

/** Anna moves: once the observer sees it, everything relayed before has reached it too. */
async function annaMoves(anna: BoardClient, observer: BoardClient, x: number) {
  anna.provider.awareness.setLocalStateField('cursor', { x, y: 0 });
  await untilAwareness(observer.provider, () => {
    const state = observer.provider.awareness.getStates().get(anna.doc.clientID);
    return (state as { cursor?: { x: number } } | undefined)?.cursor?.x === x;
  });
}

describe('presence belongs to the connection that first set it', () => {
  it("closes a second connection that sets a live connection's presence, and nobody sees it", async () => {
    const { board, anna, observer, annaId } = await annaAndObserver();
    const seen = watchPresence(observer);
    const mallory = await openRaw(board);
    mallory.sendPresence([
      { clientId: annaId, clock: clockAt(observer, annaId) + 10, state: user('anna', 'Mallory') },
    ]);
    const { code, reason } = await mallory.closed;
    expect(code).toBe(CloseCode.PresenceNotYours);
    expect(reason).toMatch(/another connection/);

    await annaMoves(anna, observer, 17);
    expect(seen.names).not.toContain('Mallory');
    expect(seen.removed).not.toContain(annaId);
    expect(nameAt(observer, annaId)).toBe('Anna');
  });

  it("refuses removals of a live connection's presence: newer ones close the sender, same-clock ones change nothing", async () => {
    const { board, anna, observer, annaId } = await annaAndObserver();
    const seen = watchPresence(observer);

    // The same clock: what a client whose own timer timed Anna out sends back. Not applied.
    const echo = await openRaw(board);
    echo.sendPresence([{ clientId: annaId, clock: clockAt(observer, annaId), state: null }]);
    expect(await echo.outcome()).toBe('answered');

    const remover = await openRaw(board);
    remover.sendPresence([{ clientId: annaId, clock: clockAt(observer, annaId) + 1, state: null }]);
    expect((await remover.closed).code).toBe(CloseCode.PresenceNotYours);

    await annaMoves(anna, observer, 23);
    expect(seen.removed).not.toContain(annaId);
    expect(nameAt(observer, annaId)).toBe('Anna');
  });

  it('hands the presence of a socket that no longer answers pings to the page that reconnected', async () => {
    const board = await createBoard(server.url);
    const observer = join(board);
    await observer.synced;
    const annaId = 1_000_000 + Math.floor(Math.random() * 1_000_000);
    // The phone changed network: its old socket is half-open and will never answer a ping.
    const stale = await openRaw(board, { autoPong: false });
    stale.sendPresence([{ clientId: annaId, clock: 1, state: user('anna', 'Anna (old network)') }]);
    await untilAwareness(
      observer.provider,
      () => nameAt(observer, annaId) === 'Anna (old network)',
    );

    // The same page reconnects: same client id, its clock moved on.
    const doc = new Y.Doc();
    doc.clientID = annaId;
    const anna = join(board, doc);
    anna.provider.awareness.setLocalState(user('anna', 'Anna'));
    anna.provider.awareness.setLocalStateField('cursor', { x: 1, y: 1 });
    await untilAwareness(observer.provider, () => nameAt(observer, annaId) === 'Anna');
    expect((await stale.closed).code).toBe(1006);

    // It is Anna's now: her changes show, and a later claim by someone else is refused.
    await annaMoves(anna, observer, 31);
    const mallory = await openRaw(board);
    mallory.sendPresence([{ clientId: annaId, clock: 100, state: user('m', 'Mallory') }]);
    expect((await mallory.closed).code).toBe(CloseCode.PresenceNotYours);
  });

  it("is not fooled into closing a second tab that relays its sibling's presence before the sibling does", async () => {
    const board = await createBoard(server.url);
    const observer = join(board);
    await observer.synced;
    const tabId = 2_000_000 + Math.floor(Math.random() * 1_000_000);
    const tab = await openRaw(board);
    tab.sendPresence([{ clientId: tabId, clock: 1, state: user('anna', 'Anna') }]);
    await untilAwareness(observer.provider, () => nameAt(observer, tabId) === 'Anna');

    // Over BroadcastChannel the sibling tab learns clock 2 as soon as the tab sends it, and
    // y-websocket relays it to the server; here the relay happens to arrive first.
    const sibling = await openRaw(board);
    const moved = { ...user('anna', 'Anna'), cursor: { x: 4, y: 2 } };
    const pinged = new Promise((resolve) => tab.ws.once('ping', resolve));
    sibling.sendPresence([{ clientId: tabId, clock: 2, state: moved }]);
    tab.sendPresence([{ clientId: tabId, clock: 2, state: moved }]);
    await pinged;
    // The tab's pong is on its way before this, so the ping is settled when this is answered.
    expect(await tab.outcome()).toBe('answered');
    expect(await sibling.outcome()).toBe('answered');
    await untilAwareness(observer.provider, () => clockAt(observer, tabId) === 2);
  });
});

describe('presence limits', () => {
  it(`closes a presence state over ${MAX_PRESENCE_STATE_BYTES} bytes with ${CloseCode.PresenceTooLarge}; others carry on`, async () => {
    const { board, anna, observer } = await annaAndObserver();
    const seen = watchPresence(observer);
    const huge = await openRaw(board);
    const hugeId = 3_000_000 + Math.floor(Math.random() * 1_000_000);
    huge.sendPresence([
      { clientId: hugeId, clock: 1, state: user('h', 'x'.repeat(MAX_PRESENCE_STATE_BYTES)) },
    ]);
    const { code, reason } = await huge.closed;
    expect(code).toBe(CloseCode.PresenceTooLarge);
    expect(reason).toMatch(/KiB/);

    await annaMoves(anna, observer, 41);
    expect(observer.provider.awareness.getStates().has(hugeId)).toBe(false);
    expect(seen.names.some((name) => typeof name === 'string' && name.length > 1000)).toBe(false);
    addCard(anna.doc, { section: 'strengths', author: 'anna', text: 'Efter den stora' });
    await untilDoc(observer.doc, () =>
      listAllCards(observer.doc).some((card) => card.text === 'Efter den stora'),
    );
  });

  it('accepts a presence state of exactly the limit', async () => {
    const board = await createBoard(server.url);
    const big = await openRaw(board);
    const name = 'x'.repeat(MAX_PRESENCE_STATE_BYTES - JSON.stringify(user('b', '')).length);
    expect(JSON.stringify(user('b', name)).length).toBe(MAX_PRESENCE_STATE_BYTES);
    big.sendPresence([{ clientId: 4_000_001, clock: 1, state: user('b', name) }]);
    expect(await big.outcome()).toBe('answered');
  });

  it(`closes a connection that sets presence for more than ${MAX_PRESENCE_CLIENTS_PER_CONNECTION} client ids`, async () => {
    const board = await createBoard(server.url);
    const crowd = await openRaw(board);
    const base = 5_000_000 + Math.floor(Math.random() * 1_000_000);
    const entries = Array.from({ length: MAX_PRESENCE_CLIENTS_PER_CONNECTION }, (_, i) => ({
      clientId: base + i,
      clock: 1,
      state: user(`p${i}`, `Person ${i}`),
    }));
    crowd.sendPresence(entries);
    expect(await crowd.outcome()).toBe('answered');
    crowd.sendPresence([{ clientId: base + 99, clock: 1, state: user('one', 'One more') }]);
    expect((await crowd.closed).code).toBe(CloseCode.PresenceNotYours);
  });

  it('counts only the presence a connection still shows: tabs that come and go never use it up', async () => {
    const board = await createBoard(server.url);
    const browser = await openRaw(board);
    const base = 6_000_000 + Math.floor(Math.random() * 1_000_000);
    // One tab after another opens and closes, each relayed over this connection.
    for (let tab = 0; tab < MAX_PRESENCE_CLIENTS_PER_CONNECTION * 3; tab++) {
      const clientId = base + tab;
      browser.sendPresence([{ clientId, clock: 1, state: user(`t${tab}`, `Flik ${tab}`) }]);
      browser.sendPresence([{ clientId, clock: 2, state: null }]);
    }
    expect(await browser.outcome()).toBe('answered');
  });
});
