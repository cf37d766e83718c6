/**
 * @module Room lifecycle: one load per board (no client ever syncs against a half-loaded board),
 * unload after the last connection leaves, and a new load waits for a pending unload.
 */
import * as Y from 'yjs';
import type { Logger } from '../log';
import type { Metrics } from '../metrics';
import type { BoardStore } from '../store/types';
import type { Connection } from './connection';
import { errorSummary, Room } from './room';

export interface RoomsDeps {
  store: BoardStore;
  log: Logger;
  metrics: Metrics;
  maxBoardBytes: number;
}

export class Rooms {
  /** Rooms loading or loaded, by board id. */
  private readonly rooms = new Map<string, Promise<Room>>();
  private readonly unloading = new Map<string, Promise<void>>();

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
    if (empty && this.rooms.has(room.boardId)) this.startUnload(room);
  }

  /**
   * Runs `read` on the board's current document: the live one when loaded (after everything
   * applied is stored), else one loaded from the store for this call only.
   */
  async withDoc<T>(boardId: string, read: (doc: Y.Doc) => T): Promise<T> {
    const loaded = this.rooms.get(boardId);
    if (loaded) {
      const room = await loaded;
      await room.whenDurable();
      return read(room.doc);
    }
    const stored = await this.deps.store.loadUpdates(boardId);
    const doc = new Y.Doc();
    try {
      doc.transact(() => {
        for (const update of stored.updates) Y.applyUpdate(doc, update);
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
    this.deps.metrics.roomsLoaded.set(this.rooms.size);
    loading.catch((error) => {
      this.deps.log.error({ boardId, err: errorSummary(error) }, 'loading a board failed');
      if (this.rooms.get(boardId) === loading) this.rooms.delete(boardId);
      this.deps.metrics.roomsLoaded.set(this.rooms.size);
    });
    return loading;
  }

  private startUnload(room: Room): void {
    this.rooms.delete(room.boardId);
    this.deps.metrics.roomsLoaded.set(this.rooms.size);
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
    // Joins wait for unloads, so the entry under this id is still the failed room's.
    this.rooms.delete(room.boardId);
    this.deps.metrics.roomsLoaded.set(this.rooms.size);
    room.doc.destroy();
  }
}
