/**
 * @module Room lifecycle races, at the sync layer with a real SQLite store: late leaves, store
 * failures, exports during writes, updates whose dependencies never arrive.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { createLogger } from '../../server/log';
import { openSqliteStore } from '../../server/store/sqlite';
import type { BoardStore } from '../../server/store/types';
import { ClientError, type Connection } from '../../server/sync/connection';
import { handleMessage } from '../../server/sync/messages';
import { MAX_PENDING_BYTES } from '../../server/sync/room';
import { type JoinRefused, Rooms } from '../../server/sync/rooms';
import { hashToken } from '../../server/tokens';
import { CloseCode } from '../../shared/protocol';

const BOARD = 'board-1';

/** A connection as the sync layer sees it, recording what it is sent. */
class RecordingConnection implements Connection {
  static nextId = 1;
  readonly id = RecordingConnection.nextId++;
  readonly awarenessClients = new Set<number>();
  readonly sent: Uint8Array[] = [];
  closedWith: number | undefined;
  participantId: string | undefined;
  constructor(readonly role: Connection['role'] = 'participant') {}
  send(message: Uint8Array): void {
    this.sent.push(message);
  }
  close(code: number): void {
    this.closedWith = code;
  }
  probeAlive(): Promise<boolean> {
    return Promise.resolve(this.closedWith === undefined);
  }
  terminate(): void {
    this.closedWith ??= 1006;
  }
}

/** The real store, with a switch that makes its next append fail like a full disk would. */
function withFailingAppend(store: BoardStore): BoardStore & { failNextAppend(): void } {
  let fail = false;
  return Object.assign(Object.create(store) as BoardStore, {
    appendUpdates: (boardId: string, updates: readonly Uint8Array[]) => {
      if (!fail) return store.appendUpdates(boardId, updates);
      fail = false;
      return Promise.reject(new Error('SQLITE_FULL: database or disk is full'));
    },
    failNextAppend: () => {
      fail = true;
    },
  });
}

async function setup() {
  const store = withFailingAppend(openSqliteStore(':memory:'));
  const initial = new Y.Doc();
  initial.getMap('meta').set('title', 'Test');
  await store.createBoard(
    { id: BOARD, title: 'Test', language: 'en', createdAt: 1 },
    { facilitator: 'f', participant: 'p', viewer: 'v' },
    Y.encodeStateAsUpdate(initial),
  );
  const rooms = new Rooms({
    store,
    log: createLogger('silent'),
    maxBoardBytes: 8 * 1024 * 1024,
  });
  return { store, rooms };
}

const updateMessage = (update: Uint8Array) => {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
};

const textUpdate = (text: string, doc = new Y.Doc()) => {
  const before = Y.encodeStateVector(doc);
  doc.getText('t').insert(doc.getText('t').length, text);
  return Y.encodeStateAsUpdate(doc, before);
};

const storedText = async (store: BoardStore) => {
  const doc = new Y.Doc();
  for (const update of (await store.loadUpdates(BOARD)).updates) Y.applyUpdate(doc, update);
  return doc.getText('t').toString();
};

describe('room lifecycle', () => {
  it("a connection's late close after closeBoard does not split the board into two rooms", async () => {
    const { rooms } = await setup();
    const anna = new RecordingConnection();
    const first = await rooms.join(BOARD, anna);
    await rooms.closeBoard(BOARD, CloseCode.GoingAway, 'bye');
    const bo = new RecordingConnection();
    const second = await rooms.join(BOARD, bo);
    // Anna's socket reports its close only now.
    rooms.leave(first, anna);
    const cecilia = new RecordingConnection();
    expect(await rooms.join(BOARD, cecilia)).toBe(second);
  });

  it('after a store failure, clients that reconnect share one room and see each other', async () => {
    const { store, rooms } = await setup();
    const anna = new RecordingConnection();
    const failed = await rooms.join(BOARD, anna);
    store.failNextAppend();
    handleMessage(failed, anna, updateMessage(textUpdate('lost')));
    await failed.whenDurable();
    expect(anna.closedWith).toBe(CloseCode.StorageFailed);

    const bo = new RecordingConnection();
    const fresh = await rooms.join(BOARD, bo);
    rooms.leave(failed, anna);
    const cecilia = new RecordingConnection();
    expect(await rooms.join(BOARD, cecilia)).toBe(fresh);
    const seenByBo = bo.sent.length;
    handleMessage(fresh, cecilia, updateMessage(textUpdate('hej')));
    await fresh.whenDurable();
    expect(bo.sent.length).toBeGreaterThan(seenByBo);
  });

  it('an export never shows a change the store refused', async () => {
    const { store, rooms } = await setup();
    const anna = new RecordingConnection();
    const room = await rooms.join(BOARD, anna);
    store.failNextAppend();
    handleMessage(room, anna, updateMessage(textUpdate('never stored')));
    const exported = await rooms.withDoc(BOARD, (doc) => doc.getText('t').toString());
    expect(exported).toBe('');
    expect(await storedText(store)).toBe('');
  });

  it('refuses updates whose dependencies never arrive, instead of holding them without limit', async () => {
    const { store, rooms } = await setup();
    const anna = new RecordingConnection();
    const room = await rooms.join(BOARD, anna);
    const writer = new Y.Doc();
    textUpdate('x'.repeat(10), writer); // never sent: everything after depends on it
    const chunk = 'y'.repeat(64 * 1024);
    let refused: ClientError | undefined;
    for (let i = 0; !refused && i < 64; i++) {
      try {
        handleMessage(room, anna, updateMessage(textUpdate(chunk, writer)));
      } catch (error) {
        refused = error as ClientError;
      }
    }
    expect(refused).toBeInstanceOf(ClientError);
    expect(refused?.closeCode).toBe(CloseCode.BadMessage);
    const state = Y.encodeStateAsUpdate(room.doc);
    expect(state.byteLength).toBeLessThan(MAX_PENDING_BYTES);
    expect(await storedText(store)).toBe('');
  });

  it('a corrupt update refused with changes held back leaves them as they were, for its sender alone', async () => {
    const { store, rooms } = await setup();
    const anna = new RecordingConnection();
    const bo = new RecordingConnection();
    const room = await rooms.join(BOARD, anna);
    await rooms.join(BOARD, bo);
    const writer = new Y.Doc();
    const first = textUpdate('Pappa ', writer);
    const second = textUpdate('hämtar ', writer);
    const third = textUpdate('aldrig', writer);
    // Held back until `first` arrives.
    handleMessage(room, anna, updateMessage(second));
    const held = Y.encodeStateAsUpdate(room.doc);
    // Applied as it is, Yjs would merge its structs into what is held back before finding its
    // delete set cut off.
    const corrupt = third.slice(0, third.byteLength - 1);
    expect(() => handleMessage(room, anna, updateMessage(corrupt))).toThrow(ClientError);
    expect(room.isFailed).toBe(false);
    expect(bo.closedWith).toBeUndefined();
    expect(Y.encodeStateAsUpdate(room.doc)).toEqual(held);

    handleMessage(room, bo, updateMessage(first));
    await room.whenDurable();
    expect(room.doc.getText('t').toString()).toBe('Pappa hämtar ');
    expect(await storedText(store)).toBe('Pappa hämtar ');
  });

  it('refuses an update with an empty change, which would split an emoji in the room alone', async () => {
    const { store, rooms } = await setup();
    const anna = new RecordingConnection();
    const bo = new RecordingConnection();
    const room = await rooms.join(BOARD, anna);
    await rooms.join(BOARD, bo);
    const writer = new Y.Doc();
    writer.clientID = 1000;
    // Clocks: a = 0, the emoji's two halves = 1 and 2, b = 3.
    handleMessage(room, anna, updateMessage(textUpdate('a😀b', writer)));

    // Nothing deleted from clock 2 on: Yjs splits the emoji there, and emits no change.
    const emptyDelete = encoding.createEncoder();
    for (const n of [0, 1, 1000, 1, 2, 0]) encoding.writeVarUint(emptyDelete, n);
    // A card text item with nothing in it.
    const emptyItem = encoding.createEncoder();
    for (const n of [1, 1, 2000, 0]) encoding.writeVarUint(emptyItem, n);
    encoding.writeUint8(emptyItem, 4); // a string, under a root type named by key
    encoding.writeVarUint(emptyItem, 1);
    encoding.writeVarString(emptyItem, 't');
    encoding.writeVarString(emptyItem, '');
    encoding.writeVarUint(emptyItem, 0);

    for (const bad of [emptyDelete, emptyItem].map((e) => encoding.toUint8Array(e))) {
      expect(Y.decodeUpdate(bad)).toBeDefined();
      expect(() => handleMessage(room, bo, updateMessage(bad))).toThrow(ClientError);
      expect(room.isFailed).toBe(false);
      expect(anna.closedWith).toBeUndefined();
      expect(room.doc.getText('t').toString()).toBe('a😀b');
    }
    await room.unload();
    expect(await storedText(store)).toBe('a😀b');
  });
});

/** The text of every update message a connection was sent, applied to a doc of its own. */
const textSeenBy = (connection: RecordingConnection, doc: Y.Doc) => {
  for (const message of connection.sent) {
    const decoder = decoding.createDecoder(message);
    if (decoding.readVarUint(decoder) !== 0) continue;
    const encoder = encoding.createEncoder();
    syncProtocol.readSyncMessage(decoder, encoder, doc, 'server');
  }
  return doc.getText('t').toString();
};

describe('relaying updates', () => {
  it('sends an update to everyone but its sender, and to both senders when two wrote together', async () => {
    const { rooms } = await setup();
    const [anna, bo, cai] = [
      new RecordingConnection(),
      new RecordingConnection(),
      new RecordingConnection(),
    ];
    const room = await rooms.join(BOARD, anna);
    await rooms.join(BOARD, bo);
    await rooms.join(BOARD, cai);
    // Loading the stored board greets everyone; count only what comes after.
    expect(room.doc.getMap('meta').get('title')).toBe('Test');
    const greeting = anna.sent.length;
    const annas = new Y.Doc();
    handleMessage(room, anna, updateMessage(textUpdate('a', annas)));
    await room.whenDurable();
    expect([anna.sent.length, bo.sent.length, cai.sent.length]).toEqual([
      greeting,
      greeting + 1,
      greeting + 1,
    ]);
    // In one turn, Anna and Bo both write: the merged update holds each one's change.
    const bos = new Y.Doc();
    handleMessage(room, anna, updateMessage(textUpdate('b', annas)));
    handleMessage(room, bo, updateMessage(textUpdate('c', bos)));
    await room.whenDurable();
    const everything = new Y.Doc();
    Y.applyUpdate(everything, Y.encodeStateAsUpdate(room.doc));
    const board = everything.getText('t').toString();
    expect(textSeenBy(anna, annas)).toBe(board);
    expect(textSeenBy(bo, bos)).toBe(board);
    expect(textSeenBy(cai, new Y.Doc())).toBe(board);
  });

  it('sends the sender what its update let in of changes held back for it', async () => {
    const { rooms, store } = await setup();
    const [anna, bo, cai] = [
      new RecordingConnection(),
      new RecordingConnection(),
      new RecordingConnection(),
    ];
    const room = await rooms.join(BOARD, anna);
    await rooms.join(BOARD, bo);
    await rooms.join(BOARD, cai);
    // Anna's second edit reaches the server before her first, which Bo relays later (a client
    // that moved from another instance): Bo's message lets Anna's held edit in as well.
    const annas = new Y.Doc();
    const first = textUpdate('X', annas);
    const second = textUpdate('Y', annas);
    handleMessage(room, anna, updateMessage(second));
    await room.whenDurable();
    const bos = new Y.Doc();
    Y.applyUpdate(bos, first);
    handleMessage(room, bo, updateMessage(first));
    await room.whenDurable();
    expect(textSeenBy(bo, bos)).toBe('XY');
    expect(textSeenBy(cai, new Y.Doc())).toBe('XY');
    expect(await storedText(store)).toBe('XY');
  });
});

describe('letting connections in around a rotation or deletion', () => {
  /** The close code a join ended with: refused on the way in, or let in and closed after. */
  const endOf = async (joining: Promise<unknown>, connection: RecordingConnection) => {
    try {
      await joining;
    } catch (error) {
      return { refused: (error as JoinRefused).refusal.code };
    }
    return { joinedThenClosed: connection.closedWith };
  };

  it('a token checked before its link was rotated does not get in afterwards; other links do', async () => {
    const { rooms } = await setup();
    const ticket = rooms.admissionTicket(BOARD);
    await rooms.revokeLink(BOARD, 'participant');
    const late = new RecordingConnection('participant');
    expect(await endOf(rooms.join(BOARD, late, ticket), late)).toEqual({
      refused: CloseCode.Unauthorized,
    });
    expect(late.sent).toEqual([]);
    const facilitator = new RecordingConnection('facilitator');
    expect(await endOf(rooms.join(BOARD, facilitator, ticket), facilitator)).toEqual({
      joinedThenClosed: undefined,
    });
    // A ticket taken after the rotation belongs to a check of the new token.
    const fresh = new RecordingConnection('participant');
    expect(await endOf(rooms.join(BOARD, fresh, rooms.admissionTicket(BOARD)), fresh)).toEqual({
      joinedThenClosed: undefined,
    });
  });

  it('a socket checked with the new token gets in though its ticket predates the rotation', async () => {
    // Another instance rotated the link and its event arrived here between this socket's ticket
    // and its join: the token it brought is the one that rotation issued.
    const { rooms } = await setup();
    const oldTicket = rooms.admissionTicket(BOARD, hashToken('old-token'));
    const newTicket = rooms.admissionTicket(BOARD, hashToken('new-token'));
    await rooms.revokeLink(BOARD, 'participant', hashToken('new-token'));
    const withNew = new RecordingConnection('participant');
    expect(await endOf(rooms.join(BOARD, withNew, newTicket), withNew)).toEqual({
      joinedThenClosed: undefined,
    });
    const withOld = new RecordingConnection('participant');
    expect(await endOf(rooms.join(BOARD, withOld, oldTicket), withOld)).toEqual({
      refused: CloseCode.Unauthorized,
    });
    // A second rotation retires the token the first one issued.
    await rooms.revokeLink(BOARD, 'participant', hashToken('newer-token'));
    const late = new RecordingConnection('participant');
    expect(await endOf(rooms.join(BOARD, late, newTicket), late)).toEqual({
      refused: CloseCode.Unauthorized,
    });
  });

  it('a rotation while the room is still loading cuts off the joining connection either way', async () => {
    const { rooms } = await setup();
    const joiner = new RecordingConnection('participant');
    const joining = rooms.join(BOARD, joiner, rooms.admissionTicket(BOARD));
    await rooms.revokeLink(BOARD, 'participant');
    const end = await endOf(joining, joiner);
    expect(Object.values(end)).toEqual([CloseCode.Unauthorized]);
    expect(rooms.loadedCount).toBe(0);
  });

  it('a deletion whose clean-up fails after the board is gone still closes it for everyone', async () => {
    const { store, rooms } = await setup();
    const inside = new RecordingConnection('participant');
    await rooms.join(BOARD, inside);
    const erase = async () => {
      await store.deleteBoard(BOARD);
      throw new Error('canceling statement due to lock timeout');
    };
    expect(await rooms.deleteBoard(BOARD, erase)).toBe(true);
    expect(inside.closedWith).toBe(CloseCode.BoardNotFound);
  });

  it('a deletion that fails before the board is gone changes nothing', async () => {
    const { rooms } = await setup();
    const inside = new RecordingConnection('participant');
    await rooms.join(BOARD, inside);
    const erase = () => Promise.reject(new Error('Connection terminated unexpectedly'));
    await expect(rooms.deleteBoard(BOARD, erase)).rejects.toThrow('Connection terminated');
    expect(inside.closedWith).toBeUndefined();
    const late = new RecordingConnection('viewer');
    expect(await endOf(rooms.join(BOARD, late), late)).toEqual({ joinedThenClosed: undefined });
  });

  it('a deletion closes who is in, refuses joins on their way in, and leaves no room loaded', async () => {
    const { store, rooms } = await setup();
    const ticket = rooms.admissionTicket(BOARD);
    const inside = new RecordingConnection('participant');
    await rooms.join(BOARD, inside);
    const joiner = new RecordingConnection('viewer');
    const joining = rooms.join(BOARD, joiner, ticket);
    expect(await rooms.deleteBoard(BOARD, () => store.deleteBoard(BOARD))).toBe(true);
    expect(inside.closedWith).toBe(CloseCode.BoardNotFound);
    expect(Object.values(await endOf(joining, joiner))).toEqual([CloseCode.BoardNotFound]);
    const late = new RecordingConnection('facilitator');
    expect(await endOf(rooms.join(BOARD, late, ticket), late)).toEqual({
      refused: CloseCode.BoardNotFound,
    });
    expect(rooms.loadedCount).toBe(0);
  });
});
