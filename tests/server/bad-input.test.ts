/** @module Bad frames close one connection; the server keeps serving and the board is unchanged. */
import { connect } from 'node:net';
import fc from 'fast-check';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { addCard, listAllCards } from '../../shared/cards';
import { CloseCode } from '../../shared/protocol';
import { type BoardClient, connectClient, untilDoc } from '../helpers/clients';
import {
  type CreatedBoard,
  createBoard,
  startTestServer,
  type TestServer,
} from '../helpers/server';

const MAX_MESSAGE_BYTES = 64 * 1024;
let server: TestServer;
let board: CreatedBoard;
let keeper: BoardClient;

beforeAll(async () => {
  server = await startTestServer({ env: { MAX_MESSAGE_BYTES: String(MAX_MESSAGE_BYTES) } });
  board = await createBoard(server.url);
  keeper = connectClient(server.wsUrl, board.id, board.tokens.participant);
  await keeper.synced;
  addCard(keeper.doc, { section: 'strengths', author: 'k', text: 'Mormor finns nära' });
});
afterAll(async () => {
  keeper.destroy();
  await server.close();
});

function envelope(syncType: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, syncType);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

const syncStep1 = () => {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  syncProtocol.writeSyncStep1(encoder, new Y.Doc());
  return encoding.toUint8Array(encoder);
};

type Outcome = { closed: number } | { answered: true };

/**
 * Sends `frame`, then a valid SyncStep1. The server reads a connection's frames in order, so either
 * it closes the socket over the bad frame or it answers the SyncStep1.
 */
function probe(frame: Uint8Array | string): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${server.wsUrl}/${board.id}?token=${board.tokens.participant}`);
    ws.binaryType = 'arraybuffer';
    ws.on('open', () => {
      ws.send(frame);
      ws.send(syncStep1());
    });
    ws.on('message', (data: ArrayBuffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data));
      if (decoding.readVarUint(decoder) !== 0) return;
      if (decoding.readVarUint(decoder) !== syncProtocol.messageYjsSyncStep2) return;
      resolve({ answered: true });
      ws.close();
    });
    ws.on('close', (code) => resolve({ closed: code }));
    ws.on('error', (error) => {
      if (ws.readyState === WebSocket.CONNECTING) reject(error);
    });
  });
}

async function boardText(): Promise<string> {
  const response = await fetch(`${server.url}/api/boards/${board.id}/export.json`, {
    headers: { authorization: `Bearer ${board.tokens.viewer}` },
  });
  const { exportedAt: _, ...rest } = (await response.json()) as Record<string, unknown>;
  return JSON.stringify(rest);
}

/** The server still relays between real clients. */
async function stillServes(): Promise<void> {
  const other = connectClient(server.wsUrl, board.id, board.tokens.participant);
  await other.synced;
  const text = `fortfarande här ${Math.random()}`;
  addCard(other.doc, { section: 'next-steps', author: 'o', text });
  await untilDoc(keeper.doc, () => listAllCards(keeper.doc).some((card) => card.text === text));
  other.destroy();
}

/** What a WebSocket upgrade to `path` gets: an HTTP status, or an opened socket's close code. */
function upgradeOutcome(path: string): Promise<{ status: number } | { closed: number }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${server.url.replace(/^http/, 'ws')}${path}`);
    ws.on('unexpected-response', (_request, response) => {
      resolve({ status: response.statusCode ?? 0 });
      ws.terminate();
    });
    // Terminating a handshake that got an HTTP answer emits an error; the status is the outcome.
    ws.on('error', () => {});
    ws.on('close', (code) => resolve({ closed: code }));
  });
}

/** Sends the start of an upgrade request for the board and hangs up at once. */
function hangUpDuringUpgrade(): Promise<void> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(server.url);
    const socket = connect({ host: hostname, port: Number(port) }, () => {
      socket.write(
        `GET /ws/${board.id}?token=${board.tokens.participant} HTTP/1.1\r\nHost: ${hostname}\r\n` +
          'Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n' +
          'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
      );
      socket.resetAndDestroy();
      resolve();
    });
    socket.on('error', reject);
  });
}

describe('hostile or broken input', () => {
  it('answers upgrades of other paths with 404, refuses unknown boards and tokens, and keeps serving', async () => {
    for (const path of ['/ws/', '/ws/a/b', '/ws/%E0%A4%A', '/elsewhere', '/api/boards']) {
      expect(await upgradeOutcome(path)).toEqual({ status: 404 });
    }
    expect(await upgradeOutcome(`/ws/${board.id}?token=wrong`)).toEqual({
      closed: CloseCode.Unauthorized,
    });
    expect(await upgradeOutcome('/ws/no-such-board?token=x')).toEqual({
      closed: CloseCode.BoardNotFound,
    });
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 40 }), async (text) => {
        const outcome = await upgradeOutcome(`/ws/${encodeURI(text).replaceAll('#', '%23')}`);
        expect([{ status: 404 }, { closed: CloseCode.BoardNotFound }]).toContainEqual(outcome);
      }),
      { numRuns: 60 },
    );
    // Clients that go away while their link is being checked.
    for (let i = 0; i < 20; i++) await hangUpDuringUpgrade();
    await stillServes();
  });

  it('closes the connection with 4400 for unknown message types, truncated frames and text frames', async () => {
    const before = await boardText();
    expect(await probe(new Uint8Array([7]))).toEqual({ closed: CloseCode.BadMessage });
    expect(await probe(new Uint8Array([0, 9, 1, 1]))).toEqual({ closed: CloseCode.BadMessage });
    expect(await probe(new Uint8Array([0, 2, 200]))).toEqual({ closed: CloseCode.BadMessage });
    expect(await probe(new Uint8Array([]))).toEqual({ closed: CloseCode.BadMessage });
    expect(await probe('hello')).toEqual({ closed: CloseCode.BadMessage });
    expect(await boardText()).toBe(before);
    await stillServes();
  });

  it('refuses a corrupt Yjs update inside a valid envelope and keeps the stored board intact', async () => {
    const before = await boardText();
    const doc = new Y.Doc();
    addCard(doc, { section: 'past-harm', author: 'x', text: 'Detta får inte synas' });
    const update = Y.encodeStateAsUpdate(doc);
    const truncated = update.slice(0, Math.floor(update.length / 2));
    expect(await probe(envelope(syncProtocol.messageYjsUpdate, truncated))).toEqual({
      closed: CloseCode.BadMessage,
    });
    expect(await boardText()).toBe(before);
    await stillServes();
  });

  it('an update Yjs cannot finish applying is stored nowhere: its sender is closed, the board reloads for everyone', async () => {
    const before = await boardText();
    // A new card whose 'section' field names itself as its parent. It parses; Yjs then throws
    // halfway through applying it, with the card already in the doc.
    const forger = new Y.Doc();
    forger.clientID = 2;
    const card = new Y.Map<unknown>();
    forger.getMap('cards').set('card-forged', card);
    card.set('section', 'next-steps');
    const update = Y.encodeStateAsUpdate(forger);
    const PARENT_CLOCK_AT = 28;
    expect(update[PARENT_CLOCK_AT]).toBe(0);
    update[PARENT_CLOCK_AT] = 1;
    expect(Y.decodeUpdate(update).structs[1]).toMatchObject({ parent: { client: 2, clock: 1 } });

    const reloaded = new Promise<number | undefined>((resolve) =>
      keeper.provider.once('connection-close', (event: CloseEvent | null) => resolve(event?.code)),
    );
    expect(await probe(envelope(syncProtocol.messageYjsUpdate, update))).toEqual({
      closed: CloseCode.BadMessage,
    });
    // Everyone else was in the spoiled room: closed with a code y-websocket reconnects on.
    expect(await reloaded).toBe(CloseCode.BoardReloaded);
    await new Promise<void>((resolve) => {
      const onSync = (synced: boolean) => {
        if (!synced) return;
        keeper.provider.off('sync', onSync);
        resolve();
      };
      keeper.provider.on('sync', onSync);
    });
    expect(await boardText()).toBe(before);
    expect(keeper.doc.getMap('cards').has('card-forged')).toBe(false);
    await stillServes();
  });

  it('closes a message over MAX_MESSAGE_BYTES with 1009 and keeps serving', async () => {
    const before = await boardText();
    const huge = envelope(syncProtocol.messageYjsUpdate, new Uint8Array(MAX_MESSAGE_BYTES + 1));
    expect(await probe(huge)).toEqual({ closed: CloseCode.MessageTooBig });
    expect(await boardText()).toBe(before);
    await stillServes();
  });

  it('survives random frames: each is answered or closes its own connection, the board is unchanged', async () => {
    const before = await boardText();
    const frame = fc.oneof(
      fc.uint8Array({ maxLength: 48 }),
      fc.uint8Array({ maxLength: 48 }).map((rest) => Uint8Array.of(0, ...rest)),
      fc.uint8Array({ maxLength: 48 }).map((rest) => Uint8Array.of(0, 2, rest.length, ...rest)),
      fc.uint8Array({ maxLength: 48 }).map((rest) => Uint8Array.of(1, rest.length, ...rest)),
    );
    await fc.assert(
      fc.asyncProperty(frame, async (bytes) => {
        const outcome = await probe(bytes);
        if ('closed' in outcome) expect(outcome.closed).toBe(CloseCode.BadMessage);
      }),
      { numRuns: 150 },
    );
    expect(await boardText()).toBe(before);
    await stillServes();
  });
});
