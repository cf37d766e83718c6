/**
 * @module Two or three server instances as child processes over real PostgreSQL and real Redis:
 * clients of one board on different instances converge and see each other's presence; rotations
 * and deletions reach every instance; `kill -9` of one instance loses nothing anyone has seen.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type * as Y from 'yjs';
import { addCard, cardText, insertCardText, listAllCards } from '../../shared/cards';
import { exportBoardJson } from '../../shared/export';
import { CloseCode } from '../../shared/protocol';
import { setRating } from '../../shared/ratings';
import { type BoardClient, connectClient, untilAwareness, untilDoc } from '../helpers/clients';
import { type ServerProcess, spawnServer } from '../helpers/process';
import {
  type ScaleOut,
  startScaleOut,
  TEST_DATABASE_URL,
  TEST_REDIS_URL,
} from '../helpers/scale-out';
import { createBoard, tempDir } from '../helpers/server';
import { within } from '../helpers/waits';

/** Bound on waits for something that happens in milliseconds when it works at all. */
const CONVERGE_TIMEOUT_MS = 10_000;

const clients: BoardClient[] = [];
afterEach(() => {
  for (const client of clients.splice(0)) client.destroy();
});

function join(instance: ServerProcess, boardId: string, token: string): BoardClient {
  const client = connectClient(instance.wsUrl, boardId, token);
  clients.push(client);
  return client;
}

/** The board as a person sees it, without the export timestamp. */
const boardOf = (doc: Y.Doc) => exportBoardJson(doc, { id: 'b', exportedAt: 0 });
const sameBoard = (a: Y.Doc, b: Y.Doc) => JSON.stringify(boardOf(a)) === JSON.stringify(boardOf(b));

function converge(docs: Y.Doc[], what: string, check: () => boolean = () => true) {
  const [first, ...rest] = docs as [Y.Doc, ...Y.Doc[]];
  return within(
    CONVERGE_TIMEOUT_MS,
    what,
    untilDoc(docs, () => rest.every((doc) => sameBoard(first, doc)) && check()),
  );
}

function userOf(client: BoardClient, clientId: number): unknown {
  return (client.provider.awareness.getStates().get(clientId) as { user?: unknown } | undefined)
    ?.user;
}

/** A socket that does not speak the protocol: joined once the server greets it. */
function rawSocket(instance: ServerProcess, boardId: string, token: string) {
  const ws = new WebSocket(`${instance.wsUrl}/${boardId}?token=${token}`);
  const joined = new Promise<void>((resolve) => ws.once('message', () => resolve()));
  const closed = new Promise<{ code: number; at: number }>((resolve) =>
    ws.once('close', (code) => resolve({ code, at: performance.now() })),
  );
  return { ws, joined, closed };
}

it('an instance whose Redis cannot be reached refuses to start, saying so', async () => {
  // Port 1 on loopback: nothing listens there.
  const starting = spawnServer({
    REDIS_URL: 'redis://127.0.0.1:1',
    DATABASE_URL: TEST_DATABASE_URL,
    DATA_DIR: tempDir(),
  });
  await expect(starting).rejects.toThrow(/Redis at REDIS_URL could not be reached/);
});

it('an instance with REDIS_URL but no shared store refuses to start, saying so', async () => {
  const starting = spawnServer({ REDIS_URL: TEST_REDIS_URL, DATA_DIR: tempDir() });
  await expect(starting).rejects.toThrow(/set DATABASE_URL \(PostgreSQL\) too/);
});

describe('two instances over PostgreSQL and Redis', () => {
  let group: ScaleOut;
  let a: ServerProcess;
  let b: ServerProcess;

  beforeAll(async () => {
    group = await startScaleOut();
    [a, b] = await Promise.all([group.spawn(), group.spawn()]);
  });
  afterAll(async () => {
    await group?.cleanup();
  });

  it('clients on different instances converge on cards, text and ratings', async () => {
    const board = await createBoard(a.url, { title: 'Familjen K' });
    const anna = join(a, board.id, board.tokens.participant);
    const bo = join(b, board.id, board.tokens.facilitator);
    await Promise.all([anna.synced, bo.synced]);

    const card = addCard(anna.doc, { section: 'danger-statements', author: 'anna', text: 'Om' });
    for (let i = 0; i < 20; i++) {
      addCard(bo.doc, { section: 'strengths', author: 'bo', text: `styrka ${i}` });
    }
    await converge([anna.doc, bo.doc], 'Bo sees Anna’s card', () => !!cardText(bo.doc, card));
    // Both type into one card at once, from different instances.
    insertCardText(anna.doc, card, 2, ' inget förändras');
    insertCardText(bo.doc, card, 0, '» ');
    setRating(anna.doc, 'safety', 'anna', { value: 4, name: 'Anna', role: 'family', at: 1 });
    setRating(bo.doc, 'safety', 'bo', { value: 7.5, name: 'Bo', role: 'worker', at: 2 });
    await converge(
      [anna.doc, bo.doc],
      'both see both ratings and all text',
      () =>
        boardOf(anna.doc).scales[0]?.ratings.length === 2 &&
        cardText(anna.doc, card)?.length === '» Om inget förändras'.length,
    );
    expect(cardText(bo.doc, card)?.toString()).toBe('» Om inget förändras');
    expect(listAllCards(anna.doc)).toHaveLength(21);

    // Whoever joins either instance now gets the same board.
    const viewer = join(b, board.id, board.tokens.viewer);
    await viewer.synced;
    expect(boardOf(viewer.doc)).toEqual(boardOf(anna.doc));
  });

  it('presence crosses instances, also to a room that loads after it was set', async () => {
    const board = await createBoard(a.url);
    const anna = join(a, board.id, board.tokens.participant);
    await anna.synced;
    const annaUser = { id: 'anna', name: 'Anna', role: 'family', color: '#c33' };
    anna.provider.awareness.setLocalStateField('user', annaUser);
    const annaId = anna.doc.clientID;

    // B loads the room now and asks who is here; Anna's next renewal would be 15 s away.
    const bo = join(b, board.id, board.tokens.participant);
    await within(
      5_000,
      'Bo sees Anna on joining',
      untilAwareness(bo.provider, () => userOf(bo, annaId) !== undefined),
    );
    expect(userOf(bo, annaId)).toEqual(annaUser);

    const boUser = { id: 'bo', name: 'Bo', role: 'network', color: '#33c' };
    bo.provider.awareness.setLocalStateField('user', boUser);
    await within(
      CONVERGE_TIMEOUT_MS,
      'Anna sees Bo',
      untilAwareness(anna.provider, () => userOf(anna, bo.doc.clientID) !== undefined),
    );
    expect(userOf(anna, bo.doc.clientID)).toEqual(boUser);

    // Leaving removes the presence on the other instance at once, not after a timeout.
    anna.provider.disconnect();
    await within(
      CONVERGE_TIMEOUT_MS,
      'Anna disappears for Bo',
      untilAwareness(bo.provider, () => !bo.provider.awareness.getStates().has(annaId)),
    );
  });

  it('a rotation on one instance closes the old link’s sockets on the other within 1 s', async () => {
    const board = await createBoard(a.url);
    const old = rawSocket(b, board.id, board.tokens.participant);
    const viewer = rawSocket(b, board.id, board.tokens.viewer);
    await Promise.all([old.joined, viewer.joined]);

    const started = performance.now();
    const response = await fetch(`${a.url}/api/boards/${board.id}/links/participant/rotate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${board.tokens.facilitator}` },
    });
    expect(response.status).toBe(200);
    const { token } = (await response.json()) as { token: string };
    const closed = await within(2_000, 'the old socket closes', old.closed);
    expect(closed.code).toBe(CloseCode.Unauthorized);
    expect(closed.at - started).toBeLessThan(1_000);

    // The new link works on that instance at once; the viewer's link was never touched.
    const fresh = join(b, board.id, token);
    await within(CONVERGE_TIMEOUT_MS, 'the new link syncs', fresh.synced);
    expect(fresh.provider.wsconnected).toBe(true);
    expect(viewer.ws.readyState).toBe(WebSocket.OPEN);
    viewer.ws.close();
  });

  it('a deletion on one instance closes the other’s sockets with 4404 and erases Redis', async () => {
    const board = await createBoard(a.url);
    const writer = join(a, board.id, board.tokens.participant);
    await writer.synced;
    addCard(writer.doc, { section: 'strengths', author: 'w', text: 'känsligt' });
    const onB = [
      rawSocket(b, board.id, board.tokens.participant),
      rawSocket(b, board.id, board.tokens.viewer),
    ];
    await Promise.all(onB.map((socket) => socket.joined));
    const boardKey = `${group.redisPrefix}board:${board.id}`;
    expect(await group.redisKeys()).toContain(boardKey);

    const response = await fetch(`${a.url}/api/boards/${board.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${board.tokens.facilitator}` },
    });
    expect(response.status).toBe(204);
    const codes = await within(
      2_000,
      'B’s sockets close',
      Promise.all(onB.map((socket) => socket.closed)),
    );
    expect(codes.map((closed) => closed.code)).toEqual([
      CloseCode.BoardNotFound,
      CloseCode.BoardNotFound,
    ]);
    expect(await rawSocket(b, board.id, board.tokens.participant).closed).toMatchObject({
      code: CloseCode.BoardNotFound,
    });
    expect(await group.redisKeys()).not.toContain(boardKey);
  });
});
