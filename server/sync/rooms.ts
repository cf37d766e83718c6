/**
 * @module Room lifecycle: one load per board (no client ever syncs against a half-loaded board),
 * unload after the last connection leaves, and a new load waits for a pending unload.
 */
import * as Y from 'yjs';
import { errorSummary, type Logger } from '../log';
import type { BoardStore } from '../store/types';
import type { Connection } from './connection';
import { Room } from './room';

export interface RoomsDeps {
  store: BoardStore;
  log: Logger;
  maxBoardBytes: number;
}

export class Rooms {
  /** Rooms loading or loaded, by board id. */
  private readonly rooms = new Map<string, Promise<Room>>();
  private readonly unloading = new Map<string, Promise<void>>();
  /** Rooms unloading or failed: a late leave must never touch the board's current room. */
  private readonly retired = new WeakSet<Room>();

  constructor(private readonly deps: RoomsDeps) {}

  get loadedCount(): number {
    return this.rooms.size;
  }

  /** Adds the connection to the board's room, loading the room first if needed. */
  async join(boardId: string, connection: Connection): Promise<Room> {
    for (;;) {
      const unload = this.unloading.get(boardId);
      if (unload) {
        await unload;
        continue;
      }
      const loading = this.rooms.get(boardId) ?? this.load(boardId);
      const room = await loading;
      // The room may have been unloaded or failed while we waited: go round again.
      if (this.rooms.get(boardId) !== loading || room.isFailed) continue;
      room.addConnection(connection);
      return room;
    }
  }

  /** Removes the connection; the room unloads when it was the last one. */
  leave(room: Room, connection: Connection): void {
    const empty = room.removeConnection(connection);
    if (empty && !this.retired.has(room)) this.startUnload(room);
  }

  /**
   * Runs `read` on a copy of the board's document that holds only stored changes: the live
   * room's state once it is stored, else the store's.
   */
  async withDoc<T>(boardId: string, read: (doc: Y.Doc) => T): Promise<T> {
    const loaded = this.rooms.get(boardId);
    let updates: Uint8Array[] | undefined;
    if (loaded) {
      const room = await loaded;
      // Exactly what is applied now: all of it is stored once whenDurable resolves. Reading the
      // live doc after the wait could show changes applied meanwhile and not stored yet.
      const state = Y.encodeStateAsUpdate(room.doc);
      await room.whenDurable();
      if (!room.isFailed) updates = [state];
    }
    updates ??= (await this.deps.store.loadUpdates(boardId)).updates;
    const doc = new Y.Doc();
    try {
      doc.transact(() => {
        for (const update of updates) Y.applyUpdate(doc, update);
      });
      return read(doc);
    } finally {
      doc.destroy();
    }
  }

  /** Closes every connection of a board (deletion, shutdown) and unloads its room. */
  async closeBoard(boardId: string, code: number, reason: string): Promise<void> {
    const loaded = this.rooms.get(boardId);
    if (!loaded) return this.unloading.get(boardId);
    const room = await loaded;
    for (const connection of [...room.connections]) {
      connection.close(code, reason);
      this.leave(room, connection);
    }
    await this.unloading.get(boardId);
  }

  /** Closes every connection and waits until every room is stored and unloaded. */
  async closeAll(code: number, reason: string): Promise<void> {
    await Promise.all([...this.rooms.keys()].map((id) => this.closeBoard(id, code, reason)));
    await Promise.all(this.unloading.values());
  }

  private load(boardId: string): Promise<Room> {
    const loading = this.deps.store.loadUpdates(boardId).then(
      (stored) =>
        new Room(
          boardId,
          {
            ...this.deps,
            onFailure: (room) => this.forget(room),
          },
          stored,
        ),
    );
    this.rooms.set(boardId, loading);
    loading.catch((error) => {
      this.deps.log.error({ boardId, err: errorSummary(error) }, 'loading a board failed');
      if (this.rooms.get(boardId) === loading) this.rooms.delete(boardId);
    });
    return loading;
  }

  private startUnload(room: Room): void {
    this.retired.add(room);
    this.rooms.delete(room.boardId);
    const unload = room
      .unload()
      .catch((error) =>
        this.deps.log.error({ boardId: room.boardId, err: errorSummary(error) }, 'unload failed'),
      )
      .finally(() => {
        if (this.unloading.get(room.boardId) === unload) this.unloading.delete(room.boardId);
      });
    this.unloading.set(room.boardId, unload);
  }

  /** A room whose store failed: drop it now so the next connection loads afresh from the store. */
  private forget(room: Room): void {
    this.retired.add(room);
    // Joins wait for unloads, so the entry under this id is still the failed room's.
    this.rooms.delete(room.boardId);
    room.doc.destroy();
  }
}
