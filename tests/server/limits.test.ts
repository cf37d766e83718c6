/**
 * @module Per-board and per-connection limits over real sockets: each answers with its documented
 * close code and a readable sentence, and everyone else carries on.
 */
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { addCard, listAllCards } from '../../shared/cards';
import {
  CloseCode,
  MAX_CONNECTIONS_PER_BOARD,
  MAX_MESSAGES_IN_BURST,
  PRESENCE_ECHO_MESSAGES,
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

function join(board: CreatedBoard): BoardClient {
  const client = connectClient(server.wsUrl, board.id, board.tokens.participant);
  clients.push(client);
  return client;
}

interface Seat {
  ws: WebSocket;
  /** Resolves with the first message: the server's greeting once the socket is in the room. */
  greeted: Promise<void>;
  closed: Promise<{ code: number; reason: string }>;
}

function seat(board: CreatedBoard): Seat {
  const ws = new WebSocket(`${server.wsUrl}/${board.id}?token=${board.tokens.viewer}`);
  sockets.push(ws);
  return {
    ws,
    greeted: new Promise((resolve) => ws.once('message', () => resolve())),
    closed: new Promise((resolve) =>
      ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    ),
  };
}

function presenceMessage(clientId: number, clock: number, state: unknown): Uint8Array {
  const update = encoding.createEncoder();
  encoding.writeVarUint(update, 1);
  encoding.writeVarUint(update, clientId);
  encoding.writeVarUint(update, clock);
  encoding.writeVarString(update, JSON.stringify(state));
  const message = encoding.createEncoder();
  encoding.writeVarUint(message, 1);
  encoding.writeVarUint8Array(message, encoding.toUint8Array(update));
  return encoding.toUint8Array(message);
}

async function stillServes(board: CreatedBoard, keeper: BoardClient): Promise<void> {
  const other = join(board);
  await other.synced;
  const text = `fortfarande här ${Math.random()}`;
  addCard(other.doc, { section: 'next-steps', author: 'o', text });
  await untilDoc(keeper.doc, () => listAllCards(keeper.doc).some((card) => card.text === text));
}

describe('connections per board', () => {
  it(`turns away connection ${MAX_CONNECTIONS_PER_BOARD + 1} with ${CloseCode.BoardFull}, and lets the next in once a seat is free`, async () => {
    const board = await createBoard(server.url);
    const seats = Array.from({ length: MAX_CONNECTIONS_PER_BOARD }, () => seat(board));
    await Promise.all(seats.map((taken) => taken.greeted));

    const extra = seat(board);
    const { code, reason } = await extra.closed;
    expect(code).toBe(CloseCode.BoardFull);
    expect(reason).toMatch(/as many connections as it can take/);

    const leaving = seats[0] as Seat;
    leaving.ws.close();
    await leaving.closed;
    const next = seat(board);
    await next.greeted;
    expect(next.ws.readyState).toBe(WebSocket.OPEN);
    // Another board is not affected by this one being full.
    const elsewhere = seat(await createBoard(server.url));
    await elsewhere.greeted;
  });
});

describe('messages per connection', () => {
  it(`closes a connection that floods past the burst of ${MAX_MESSAGES_IN_BURST} with ${CloseCode.TooManyMessages}; others carry on`, async () => {
    const board = await createBoard(server.url);
    const keeper = join(board);
    await keeper.synced;
    const flood = new WebSocket(`${server.wsUrl}/${board.id}?token=${board.tokens.participant}`);
    sockets.push(flood);
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      flood.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
    await new Promise((resolve) => flood.once('open', resolve));
    // Each a real change of its own presence: work for the server, relayed to everyone.
    for (let clock = 1; clock <= MAX_MESSAGES_IN_BURST * 2; clock++) {
      flood.send(presenceMessage(7_000_001, clock, { cursor: { x: clock, y: 0 } }));
    }
    const { code, reason } = await closed;
    expect(code).toBe(CloseCode.TooManyMessages);
    expect(reason).toMatch(/Too many messages/);
    // It got its whole burst first: the keeper is shown presence from the end of it.
    await untilAwareness(
      keeper.provider,
      () => (keeper.provider.awareness.meta.get(7_000_001)?.clock ?? 0) >= MAX_MESSAGES_IN_BURST,
    );
    await stillServes(board, keeper);
  });

  it('still runs dry for a flood of presence that changes nothing', async () => {
    const board = await createBoard(server.url);
    const flood = new WebSocket(`${server.wsUrl}/${board.id}?token=${board.tokens.participant}`);
    sockets.push(flood);
    const closed = new Promise<number>((resolve) => flood.on('close', (code) => resolve(code)));
    await new Promise((resolve) => flood.once('open', resolve));
    // An awareness update with no entries: an echo of nothing, 1/20 of a message each.
    const nothing = Uint8Array.of(1, 1, 0);
    const enough = Math.ceil((MAX_MESSAGES_IN_BURST / PRESENCE_ECHO_MESSAGES) * 1.5);
    for (let i = 0; i < enough; i++) flood.send(nothing);
    expect(await closed).toBe(CloseCode.TooManyMessages);
  });

  it("never limits a client for sending back others' presence, however busy the room", async () => {
    const board = await createBoard(server.url);
    const listener = join(board);
    const watcher = join(board);
    await Promise.all([listener.synced, watcher.synced]);
    let listenerClosed = false;
    listener.provider.on('connection-close', () => {
      listenerClosed = true;
    });
    // Two busy people, each under the limit; y-websocket echoes every one of their updates, so
    // the listener sends more than a burst's worth without doing anything itself.
    const perSender = Math.ceil(MAX_MESSAGES_IN_BURST * 0.7);
    const senders = [8_000_001, 8_000_002];
    for (const clientId of senders) {
      const ws = new WebSocket(`${server.wsUrl}/${board.id}?token=${board.tokens.participant}`);
      sockets.push(ws);
      await new Promise((resolve) => ws.once('open', resolve));
      for (let clock = 1; clock <= perSender; clock++) {
        ws.send(presenceMessage(clientId, clock, { cursor: { x: clock, y: 0 } }));
      }
    }
    const awareness = listener.provider.awareness;
    await untilAwareness(listener.provider, () =>
      senders.every((clientId) => awareness.meta.get(clientId)?.clock === perSender),
    );
    // Written after all its echoes: once the watcher has it, the server has read them all.
    addCard(listener.doc, { section: 'strengths', author: 'l', text: 'Lyssnaren finns kvar' });
    await untilDoc(watcher.doc, () =>
      listAllCards(watcher.doc).some((card) => card.text === 'Lyssnaren finns kvar'),
    );
    expect(listenerClosed).toBe(false);
    expect(listener.provider.wsconnected).toBe(true);
  });
});
