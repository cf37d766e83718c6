/** @module Two or more real y-websocket clients co-edit a board through the real server. */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
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
  tempDir,
} from '../helpers/server';
import { within } from '../helpers/waits';

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

/** A counter's value from the server's /metrics text. */
async function scrapeCounter(name: string): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const match = new RegExp(`^${name} (\\d+)`, 'm').exec(text);
  if (!match) throw new Error(`${name} is not in /metrics`);
  return Number(match[1]);
}

describe('co-editing through the server', () => {
  it('/metrics counts the messages of a co-edit, each once however often it is scraped', async () => {
    const inBefore = await scrapeCounter('samkarta_messages_in_total');
    const outBefore = await scrapeCounter('samkarta_messages_out_total');
    const board = await createBoard(server.url);
    const anna = join(board);
    const bo = join(board);
    await Promise.all([anna.synced, bo.synced]);
    addCard(anna.doc, { section: 'past-harm', author: 'anna', text: 'Räknas' });
    await untilDoc(bo.doc, () => cardTexts(bo.doc).includes('Räknas'));

    const inFirst = await scrapeCounter('samkarta_messages_in_total');
    const outFirst = await scrapeCounter('samkarta_messages_out_total');
    // Each client sent at least its SyncStep1, its SyncStep2 and presence; Anna also the card.
    expect(inFirst - inBefore).toBeGreaterThanOrEqual(7);
    // Each was sent at least the server's SyncStep1 and SyncStep2; Bo also the card.
    expect(outFirst - outBefore).toBeGreaterThanOrEqual(5);
    // A second scrape adds only what was sent since, never the whole count again.
    const inSecond = await scrapeCounter('samkarta_messages_in_total');
    expect(inSecond).toBeGreaterThanOrEqual(inFirst);
    expect(inSecond - inFirst).toBeLessThan(inFirst - inBefore);
  });

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

describe('a board loaded cold (the room integrates its stored doc only when needed)', () => {
  const servers: TestServer[] = [];
  const coldClients: BoardClient[] = [];
  afterEach(async () => {
    for (const client of coldClients.splice(0)) client.destroy();
    for (const running of servers.splice(0)) await running.close();
  });

  const start = async (dataDir = tempDir()) => {
    const started = await startTestServer({ dataDir });
    servers.push(started);
    return started;
  };
  const connect = (on: TestServer, board: CreatedBoard, doc?: Y.Doc) => {
    const client = connectClient(on.wsUrl, board.id, board.tokens.participant, doc);
    coldClients.push(client);
    return client;
  };
  const until = (what: string, check: () => boolean | Promise<boolean>) =>
    within(
      5_000,
      what,
      (async () => {
        while (!(await check())) await new Promise((resolve) => setTimeout(resolve, 10));
      })(),
    );
  const storedLog = (on: TestServer, board: CreatedBoard) => on.running.store.loadUpdates(board.id);

  /** Writes cards one update each through a client, then leaves: the room unloads and compacts. */
  const boardWithCards = async (on: TestServer, texts: string[], doc = new Y.Doc()) => {
    const board = await createBoard(on.url);
    const writer = connect(on, board, doc);
    const reader = connect(on, board);
    await Promise.all([writer.synced, reader.synced]);
    for (const text of texts) addCard(writer.doc, { section: 'strengths', author: 'w', text });
    // Relayed means stored.
    await untilDoc(reader.doc, () => listAllCards(reader.doc).length === texts.length);
    writer.provider.destroy();
    reader.destroy();
    await until('the room unloaded', () => on.running.rooms.loadedCount === 0);
    expect((await storedLog(on, board)).updates).toHaveLength(1);
    return board;
  };

  /** A raw socket that records every message, so a test controls what is sent and when. */
  const rawSocket = async (on: TestServer, board: CreatedBoard) => {
    const ws = new WebSocket(`${on.wsUrl}/${board.id}?token=${board.tokens.participant}`);
    ws.binaryType = 'arraybuffer';
    const received: Uint8Array[] = [];
    ws.on('message', (data: ArrayBuffer) => received.push(new Uint8Array(data)));
    await new Promise((resolve) => ws.once('open', resolve));
    return { ws, received };
  };
  const syncMessage = (write: (encoder: encoding.Encoder) => void) => {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    write(encoder);
    return encoding.toUint8Array(encoder);
  };
  /** The sync message types received, in order, each applied to `doc`. */
  const applySyncMessages = (received: Uint8Array[], doc: Y.Doc) =>
    received.flatMap((message) => {
      const decoder = decoding.createDecoder(message);
      if (decoding.readVarUint(decoder) !== 0) return [];
      return [syncProtocol.readSyncMessage(decoder, encoding.createEncoder(), doc, 'server')];
    });

  it('a fresh client gets every card of an unloaded board; its next edit reaches others and survives a restart', async () => {
    const dataDir = tempDir();
    const first = await start(dataDir);
    const texts = Array.from({ length: 30 }, (_, i) => `Kort ${i}`);
    const board = await boardWithCards(first, texts);

    const anna = connect(first, board);
    const bo = connect(first, board);
    await Promise.all([anna.synced, bo.synced]);
    expect(cardTexts(anna.doc).sort()).toEqual([...texts].sort());
    expect(cardTexts(bo.doc).sort()).toEqual([...texts].sort());
    const [card] = listAllCards(anna.doc);
    insertCardText(anna.doc, card?.id ?? '', 0, 'Ändrat: ');
    addCard(anna.doc, { section: 'next-steps', author: 'anna', text: 'Efter kall start' });
    await untilDoc(bo.doc, () => cardTexts(bo.doc).includes('Efter kall start'));
    expect(cardText(bo.doc, card?.id ?? '')?.toString()).toBe(`Ändrat: ${card?.text}`);

    anna.destroy();
    bo.destroy();
    await first.close();
    servers.splice(servers.indexOf(first), 1);
    const second = await start(dataDir);
    const later = connect(second, board);
    await later.synced;
    expect(cardTexts(later.doc).sort()).toEqual(
      [
        ...texts.filter((text) => text !== card?.text),
        `Ändrat: ${card?.text}`,
        'Efter kall start',
      ].sort(),
    );
  });

  it('answers a fresh client with the stored board first, then greets it with the loaded state vector', async () => {
    const on = await start();
    const board = await boardWithCards(on, ['Ett', 'Två']);
    const { ws, received } = await rawSocket(on, board);
    ws.send(syncMessage((encoder) => syncProtocol.writeSyncStep1(encoder, new Y.Doc())));
    const doc = new Y.Doc();
    await until(
      'the reply and the greeting',
      () => applySyncMessages(received, new Y.Doc()).length >= 2,
    );
    expect(applySyncMessages(received, doc)).toEqual([
      syncProtocol.messageYjsSyncStep2,
      syncProtocol.messageYjsSyncStep1,
    ]);
    expect(cardTexts(doc).sort()).toEqual(['Ett', 'Två']);
    ws.close();
  });

  it('a client that already holds part of the board gets the rest', async () => {
    const on = await start();
    const writerDoc = new Y.Doc();
    const partial = new Y.Doc();
    writerDoc.on('update', (update: Uint8Array) => {
      if (listAllCards(writerDoc).length <= 3) Y.applyUpdate(partial, update);
    });
    const texts = ['A', 'B', 'C', 'D', 'E', 'F'];
    const board = await boardWithCards(on, texts, writerDoc);
    expect(cardTexts(partial).length).toBe(3);

    const returning = connect(on, board, partial);
    await returning.synced;
    await untilDoc(partial, () => listAllCards(partial).length === texts.length);
    expect(cardTexts(partial).sort()).toEqual(texts);
  });

  it('an update sent before any SyncStep1 to a cold room is stored and relayed', async () => {
    const on = await start();
    const board = await boardWithCards(on, ['Fanns förut']);
    // A silent connection: it is greeted when the room loads, and then sent every change.
    const observer = await rawSocket(on, board);
    const writer = await rawSocket(on, board);
    const writerDoc = new Y.Doc();
    addCard(writerDoc, { section: 'past-harm', author: 'raw', text: 'Före synk' });
    writer.ws.send(
      syncMessage((encoder) => syncProtocol.writeUpdate(encoder, Y.encodeStateAsUpdate(writerDoc))),
    );
    writer.ws.send(syncMessage((encoder) => syncProtocol.writeSyncStep1(encoder, writerDoc)));

    const seen = new Y.Doc();
    await until('the observer saw the update', () => {
      applySyncMessages(observer.received.splice(0), seen);
      return cardTexts(seen).includes('Före synk');
    });
    await until('the writer got the board', () => {
      applySyncMessages(writer.received.splice(0), writerDoc);
      return cardTexts(writerDoc).includes('Fanns förut');
    });
    const stored = new Y.Doc();
    for (const update of (await storedLog(on, board)).updates) Y.applyUpdate(stored, update);
    expect(cardTexts(stored).sort()).toEqual(['Fanns förut', 'Före synk']);
    observer.ws.close();
    writer.ws.close();
  });

  it('a room nobody synced unloads without touching the stored log, and is released', async () => {
    const on = await start();
    const board = await boardWithCards(on, ['Orörd']);
    // A second stored update (as another instance could leave): an unload that loaded would fold it.
    const extra = new Y.Doc();
    addCard(extra, { section: 'strengths', author: 'x', text: 'Tillagd i lagret' });
    await on.running.store.appendUpdates(board.id, [Y.encodeStateAsUpdate(extra)]);
    const before = await storedLog(on, board);
    expect(before.updates).toHaveLength(2);

    const { ws } = await rawSocket(on, board);
    await until('the room loaded', () => on.running.rooms.loadedCount === 1);
    ws.close();
    await until('the room unloaded', () => on.running.rooms.loadedCount === 0);
    expect(await storedLog(on, board)).toEqual(before);
  });
});
