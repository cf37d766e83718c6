/** @module Two or more real y-websocket clients co-edit a board through the real server. */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { addCard, cardText, insertCardText, listAllCards, listCards } from '../../shared/cards';
import { CloseCode } from '../../shared/protocol';
import { listScales, setRating } from '../../shared/ratings';
import {
  type BoardClient,
  closeCodeOf,
  connectClient,
  untilAwareness,
  untilDoc,
} from '../helpers/clients';
import {
  type CreatedBoard,
  createBoard,
  startTestServer,
  type TestServer,
} from '../helpers/server';

let server: TestServer;
const clients: BoardClient[] = [];

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  for (const client of clients) client.destroy();
  await server.close();
});

function join(
  board: CreatedBoard,
  role: keyof CreatedBoard['tokens'] = 'participant',
): BoardClient {
  const client = connectClient(server.wsUrl, board.id, board.tokens[role]);
  clients.push(client);
  return client;
}

const cardTexts = (doc: Y.Doc) => listAllCards(doc).map((card) => card.text);

describe('co-editing through the server', () => {
  it('a card added by one participant appears for the other, with its section and text', async () => {
    const board = await createBoard(server.url);
    const anna = join(board);
    const bo = join(board);
    await Promise.all([anna.synced, bo.synced]);

    addCard(anna.doc, { section: 'strengths', author: 'anna', text: 'Mormor hämtar varje dag' });
    await untilDoc(bo.doc, () => listCards(bo.doc, 'strengths').length === 1);
    expect(listCards(bo.doc, 'strengths')[0]).toMatchObject({
      text: 'Mormor hämtar varje dag',
      author: 'anna',
    });
  });

  it('a new client gets the board as it is, including the title and the safety scale', async () => {
    const board = await createBoard(server.url, { title: 'Familjen L', language: 'sv' });
    const first = join(board);
    await first.synced;
    addCard(first.doc, { section: 'past-harm', author: 'x', text: 'Något hände' });
    const late = join(board);
    await late.synced;
    await untilDoc(late.doc, () => cardTexts(late.doc).includes('Något hände'));
    expect(late.doc.getMap('meta').get('title')).toBe('Familjen L');
    expect(listScales(late.doc).map((scale) => scale.id)).toContain('safety');
  });

  it('concurrent typing in one card merges character by character on both screens', async () => {
    const board = await createBoard(server.url);
    const anna = join(board);
    const bo = join(board);
    await Promise.all([anna.synced, bo.synced]);
    const id = addCard(anna.doc, { section: 'next-steps', author: 'anna', text: 'ring' });
    await untilDoc(bo.doc, () => cardText(bo.doc, id)?.toString() === 'ring');

    // Both type before either has seen the other's keystrokes.
    insertCardText(anna.doc, id, 0, 'Pappa ');
    insertCardText(bo.doc, id, 4, ' skolan');
    const done = (doc: Y.Doc) => () => {
      const text = cardText(doc, id)?.toString() ?? '';
      return text.includes('Pappa ') && text.includes(' skolan');
    };
    await Promise.all([untilDoc(anna.doc, done(anna.doc)), untilDoc(bo.doc, done(bo.doc))]);
    expect(cardText(anna.doc, id)?.toString()).toBe('Pappa ring skolan');
    expect(cardText(bo.doc, id)?.toString()).toBe('Pappa ring skolan');
  });

  it('a rating set by one participant is seen by the other', async () => {
    const board = await createBoard(server.url);
    const anna = join(board);
    const bo = join(board);
    await Promise.all([anna.synced, bo.synced]);
    setRating(anna.doc, 'safety', 'anna', { value: 6.5, name: 'Anna', role: 'family', at: 1 });
    const safetyOf = (doc: Y.Doc) => listScales(doc).find((scale) => scale.id === 'safety');
    await untilDoc(bo.doc, () => (safetyOf(bo.doc)?.ratings.length ?? 0) === 1);
    expect(safetyOf(bo.doc)?.ratings[0]).toMatchObject({
      participant: 'anna',
      name: 'Anna',
      value: 6.5,
    });
  });

  it('presence appears for others, and disappears when the client disconnects', async () => {
    const board = await createBoard(server.url);
    const anna = join(board);
    const bo = join(board);
    await Promise.all([anna.synced, bo.synced]);
    const user = { id: 'anna', name: 'Anna', role: 'family', color: '#b04a00' };
    anna.provider.awareness.setLocalStateField('user', user);
    const annaId = anna.doc.clientID;
    await untilAwareness(bo.provider, () => bo.provider.awareness.getStates().has(annaId));
    expect(bo.provider.awareness.getStates().get(annaId)).toMatchObject({ user });

    anna.provider.disconnect();
    await untilAwareness(bo.provider, () => !bo.provider.awareness.getStates().has(annaId));
    expect(bo.provider.awareness.getStates().has(annaId)).toBe(false);
  });
});

describe('who may lead', () => {
  it("relays a participant's presence without the facilitator mark and focus, a facilitator's with them", async () => {
    const board = await createBoard(server.url);
    const facilitator = join(board, 'facilitator');
    const participant = join(board, 'participant');
    const viewer = join(board, 'viewer');
    await Promise.all([facilitator.synced, participant.synced, viewer.synced]);
    const lead = (id: string) => ({
      user: { id, name: id, role: 'worker', color: '#1a4fa0', facilitator: true },
      focus: 'past-harm',
      cursor: { x: 10, y: 20 },
    });
    participant.provider.awareness.setLocalState(lead('pretender'));
    facilitator.provider.awareness.setLocalState(lead('anna'));
    const states = viewer.provider.awareness.getStates();
    await untilAwareness(
      viewer.provider,
      () => states.has(participant.doc.clientID) && states.has(facilitator.doc.clientID),
    );

    // The pretender's cursor still shows; it just cannot steer anyone's view.
    expect(states.get(participant.doc.clientID)).toEqual({
      user: { id: 'pretender', name: 'pretender', role: 'worker', color: '#1a4fa0' },
      cursor: { x: 10, y: 20 },
    });
    expect(states.get(facilitator.doc.clientID)).toEqual(lead('anna'));
  });
});

describe('who may connect', () => {
  it('closes a socket with a wrong token with 4401', async () => {
    const board = await createBoard(server.url);
    expect(await closeCodeOf(`${server.wsUrl}/${board.id}?token=not-the-token`)).toBe(
      CloseCode.Unauthorized,
    );
    expect(await closeCodeOf(`${server.wsUrl}/${board.id}`)).toBe(CloseCode.Unauthorized);
  });

  it('closes a socket for an unknown board with 4404', async () => {
    const board = await createBoard(server.url);
    expect(
      await closeCodeOf(`${server.wsUrl}/no-such-board?token=${board.tokens.facilitator}`),
    ).toBe(CloseCode.BoardNotFound);
  });

  it("drops a viewer's writes: they reach neither other clients nor the store, and the viewer still reads", async () => {
    const board = await createBoard(server.url);
    const writer = join(board, 'participant');
    const observer = join(board, 'participant');
    await Promise.all([writer.synced, observer.synced]);

    // The viewer speaks the protocol on a raw socket so we know when the server has read its write:
    // it answers the SyncStep1 sent right after, in order, on the same connection.
    const viewerDoc = new Y.Doc();
    addCard(viewerDoc, { section: 'past-harm', author: 'viewer', text: 'Skrivet från projektorn' });
    const ws = new WebSocket(`${server.wsUrl}/${board.id}?token=${board.tokens.viewer}`);
    ws.binaryType = 'arraybuffer';
    const answered = new Promise<void>((resolve) => {
      ws.on('message', (data: ArrayBuffer) => {
        const decoder = decoding.createDecoder(new Uint8Array(data));
        if (
          decoding.readVarUint(decoder) === 0 &&
          decoding.readVarUint(decoder) === syncProtocol.messageYjsSyncStep2
        ) {
          resolve();
        }
      });
    });
    await new Promise((resolve) => ws.once('open', resolve));
    const update = encoding.createEncoder();
    encoding.writeVarUint(update, 0);
    syncProtocol.writeUpdate(update, Y.encodeStateAsUpdate(viewerDoc));
    ws.send(encoding.toUint8Array(update));
    const step1 = encoding.createEncoder();
    encoding.writeVarUint(step1, 0);
    syncProtocol.writeSyncStep1(step1, new Y.Doc());
    ws.send(encoding.toUint8Array(step1));
    await answered;

    // Anything relayed from the viewer would reach the observer before this later write.
    addCard(writer.doc, { section: 'strengths', author: 'w', text: 'Skrivet av deltagare' });
    await untilDoc(observer.doc, () => cardTexts(observer.doc).includes('Skrivet av deltagare'));
    expect(cardTexts(observer.doc)).not.toContain('Skrivet från projektorn');

    const exported = await fetch(`${server.url}/api/boards/${board.id}/export.json`, {
      headers: { authorization: `Bearer ${board.tokens.facilitator}` },
    }).then((response) => response.json());
    expect(JSON.stringify(exported)).not.toContain('Skrivet från projektorn');
    expect(JSON.stringify(exported)).toContain('Skrivet av deltagare');
    expect(ws.readyState).toBe(WebSocket.OPEN);
    ws.close();

    // A viewer through the real provider still gets the live board.
    const projector = join(board, 'viewer');
    await projector.synced;
    addCard(writer.doc, { section: 'safety-goals', author: 'w', text: 'Trygg hemma' });
    await untilDoc(projector.doc, () => cardTexts(projector.doc).includes('Trygg hemma'));
  });
});
