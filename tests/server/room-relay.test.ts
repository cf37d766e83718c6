/**
 * @module A room with a relay, at the sync layer over a real SQLite store: what it publishes (only
 * what it stored or accepted itself), what it applies from other instances (shown, never stored
 * or sent back), and whose presence a client id is when two instances speak of it.
 */

import { describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { createLogger } from '../../server/log';
import { openSqliteStore } from '../../server/store/sqlite';
import { encodePresenceUpdate } from '../../server/sync/presence-update';
import type { ControlEvent, Relay } from '../../server/sync/relay';
import { Room } from '../../server/sync/room';
import { RecordingConnection } from '../helpers/connection';

const BOARD = 'board-1';

/** A relay that only records what the room publishes. */
class RecordingRelay implements Relay {
  readonly updates: Uint8Array[] = [];
  readonly awareness: Uint8Array[] = [];
  async position() {
    return '0-0';
  }
  follow() {}
  unfollow() {}
  publishUpdate(_boardId: string, update: Uint8Array) {
    this.updates.push(update);
  }
  publishAwareness(_boardId: string, update: Uint8Array) {
    this.awareness.push(update);
  }
  queryPresence() {}
  async publishControl(_event: ControlEvent) {}
  onControl() {}
  async close() {}
}

async function setup(store = openSqliteStore(':memory:'), create = true) {
  const initial = new Y.Doc();
  initial.getMap('meta').set('title', 'Test');
  if (create) {
    await store.createBoard(
      { id: BOARD, title: 'Test', language: 'en', createdAt: 1 },
      { facilitator: 'f', participant: 'p', viewer: 'v' },
      Y.encodeStateAsUpdate(initial),
    );
  }
  const relay = new RecordingRelay();
  const room = new Room(
    BOARD,
    {
      store,
      log: createLogger('silent'),
      maxBoardBytes: 8 * 1024 * 1024,
      onFailure: () => {},
      relay,
    },
    await store.loadUpdates(BOARD),
  );
  const connection = new RecordingConnection();
  room.addConnection(connection);
  // Loading the stored board greets the connection; the tests count only what comes after.
  expect(room.doc.getMap('meta').get('title')).toBe('Test');
  connection.sent.length = 0;
  return { store, relay, room, connection };
}

const presence = (clientId: number, clock: number, state: unknown) =>
  encodePresenceUpdate([{ clientId, clock, state }]);
const clientIdsIn = (update: Uint8Array) => {
  const probe = new awarenessProtocol.Awareness(new Y.Doc());
  awarenessProtocol.applyAwarenessUpdate(probe, update, null);
  return [...probe.meta.keys()].filter((id) => id !== probe.clientID);
};

describe('a room with a relay', () => {
  it('publishes a client’s update only once it is stored', async () => {
    const { store, relay, room, connection } = await setup();
    const edit = new Y.Doc();
    edit.getMap('cards').set('c1', 'x');
    room.applyClientUpdate(connection, Y.encodeStateAsUpdate(edit));
    expect(relay.updates).toHaveLength(0);
    await room.whenDurable();
    expect(relay.updates).toHaveLength(1);
    const stored = await store.loadUpdates(BOARD);
    expect(stored.updates.at(-1)).toEqual(relay.updates[0]);
  });

  it('shows another instance’s update to its connections, without storing or publishing it', async () => {
    const { store, relay, room, connection } = await setup();
    const before = (await store.loadUpdates(BOARD)).updates.length;
    const remote = new Y.Doc();
    remote.getMap('cards').set('c2', 'y');
    room.applyRemoteUpdate(Y.encodeStateAsUpdate(remote));
    expect(room.doc.getMap('cards').get('c2')).toBe('y');
    expect(connection.sent).toHaveLength(1);
    await room.whenDurable();
    expect((await store.loadUpdates(BOARD)).updates).toHaveLength(before);
    expect(relay.updates).toHaveLength(0);
    // The same update again changes nothing and is sent to nobody.
    room.applyRemoteUpdate(Y.encodeStateAsUpdate(remote));
    expect(connection.sent).toHaveLength(1);
  });

  it('publishes presence its connections set and remove, never what the relay brought', async () => {
    const { relay, room, connection } = await setup();
    room.applyAwareness(connection, presence(7, 1, { user: { id: 'anna' } }));
    expect(relay.awareness.map(clientIdsIn)).toEqual([[7]]);
    room.applyRemoteAwareness(presence(42, 1, { user: { id: 'bo' } }));
    expect(room.awareness.getStates().get(42)).toEqual({ user: { id: 'bo' } });
    expect(relay.awareness).toHaveLength(1);
    room.removeConnection(connection);
    expect(relay.awareness.map(clientIdsIn)).toEqual([[7], [7]]);
    expect(room.awareness.getStates().has(7)).toBe(false);
  });

  it('lets no local connection change a client id another instance shows, until it is removed', async () => {
    const { room, connection } = await setup();
    room.applyRemoteAwareness(presence(42, 3, { user: { id: 'bo' } }));
    // Not closed: y-websocket sends back every presence it receives, and that is how it looks.
    expect(room.applyAwareness(connection, presence(42, 9, { user: { id: 'mallory' } }))).toBe(
      false,
    );
    expect(room.awareness.getStates().get(42)).toEqual({ user: { id: 'bo' } });
    expect(connection.closedWith).toBeUndefined();

    room.applyRemoteAwareness(presence(42, 4, null));
    expect(room.awareness.getStates().has(42)).toBe(false);
    expect(room.applyAwareness(connection, presence(42, 5, { user: { id: 'bo' } }))).toBe(true);
    expect(connection.awarenessClients.has(42)).toBe(true);
  });

  it('keeps a client id a local connection owns against another instance’s entries', async () => {
    const { room, connection } = await setup();
    room.applyAwareness(connection, presence(7, 1, { user: { id: 'anna' } }));
    room.applyRemoteAwareness(presence(7, 5, { user: { id: 'mallory' } }));
    room.applyRemoteAwareness(presence(7, 6, null));
    expect(room.awareness.getStates().get(7)).toEqual({ user: { id: 'anna' } });
  });

  it('compacts from the store, so an update another instance stored meanwhile survives', async () => {
    // Two instances' rooms over one store; neither has seen the other's update yet.
    const first = await setup();
    const second = await setup(first.store, false);
    const edit = (room: Room, connection: RecordingConnection, key: string) => {
      const doc = new Y.Doc();
      doc.getMap('cards').set(key, key);
      room.applyClientUpdate(connection, Y.encodeStateAsUpdate(doc));
      return room.whenDurable();
    };
    await edit(second.room, second.connection, 'from-second');
    await edit(first.room, first.connection, 'from-first');
    // Unloading folds the log into a snapshot up to the first room's newest update, which came
    // after the second room's: a snapshot of the first room's doc would drop 'from-second'.
    first.room.removeConnection(first.connection);
    await first.room.unload();
    const reloaded = new Y.Doc();
    for (const update of (await first.store.loadUpdates(BOARD)).updates) {
      Y.applyUpdate(reloaded, update);
    }
    expect(reloaded.getMap('cards').toJSON()).toEqual({
      'from-first': 'from-first',
      'from-second': 'from-second',
    });
    expect((await first.store.loadUpdates(BOARD)).updates.length).toBeLessThan(3);
  });
});
