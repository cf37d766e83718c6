/**
 * @module Room lifecycle: one load per board (no client ever syncs against a half-loaded board),
 * unload after the last connection leaves, and a new load waits for a pending unload. With a
 * relay, a loaded room follows the board's messages from other instances, and rotations and
 * deletions reach every instance.
 */
import type * as Y from 'yjs';
import type { LinkRole } from '../../shared/roles';
import { errorSummary, type Logger } from '../log';
import type { BoardStore } from '../store/types';
import type { ChangeOrigin, Connection } from './connection';
import { readDocOf } from './doc';
import { encodeBoardState } from './encode';
import type { BoardFollower, ControlEvent, Relay } from './relay';
import {
  type AdmissionTicket,
  BOARD_DELETED,
  LINK_REVOKED,
  type Refusal,
  Revocations,
} from './revocations';
import { Room } from './room';

/** A connection that may not join: its link was rotated or its board deleted after its check. */
export class JoinRefused extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.reason);
    this.name = 'JoinRefused';
  }
}

export interface RoomsDeps {
  store: BoardStore;
  log: Logger;
  maxBoardBytes: number;
  relay?: Relay | undefined;
}

export class Rooms {
  /** Rooms loading or loaded, by board id. */
  private readonly rooms = new Map<string, Promise<Room>>();
  private readonly unloading = new Map<string, Promise<void>>();
  /** Rooms unloading or failed: a late leave must never touch the board's current room. */
  private readonly retired = new WeakSet<Room>();
  private readonly revocations = new Revocations();
  /** What each loaded room follows on the relay, to stop following when it goes. */
  private readonly followers = new WeakMap<Room, BoardFollower>();

  constructor(private readonly deps: RoomsDeps) {
    deps.relay?.onControl((event) => this.applyControl(event));
  }

  get loadedCount(): number {
    return this.rooms.size;
  }

  /**
   * Take one before checking a token; pass it to `join`. A link rotated or a board deleted after
   * the ticket was taken then keeps the connection out, however the check and the join interleave.
   */
  admissionTicket(boardId: string, tokenHash?: string): AdmissionTicket {
    return this.revocations.ticket(boardId, tokenHash);
  }

  /**
   * Adds the connection to the board's room, loading the room first if needed. Rejects with
   * JoinRefused when the connection's link was rotated or its board deleted since `ticket`.
   */
  async join(
    boardId: string,
    connection: Connection,
    ticket: AdmissionTicket = this.admissionTicket(boardId),
  ): Promise<Room> {
    for (;;) {
      this.refuseRevoked(boardId, connection.role, ticket);
      const unload = this.unloading.get(boardId);
      if (unload) {
        await unload;
        continue;
      }
      const loading = this.rooms.get(boardId) ?? this.load(boardId);
      const room = await loading;
      // The room may have been unloaded or failed while we waited: go round again.
      if (this.rooms.get(boardId) !== loading || room.isFailed) continue;
      // Checked again after every wait, right before the connection sees anything of the board.
      const refusal = this.revocations.refusal(boardId, connection.role, ticket);
      if (refusal) {
        // This join may have loaded the room: nobody else is in it to unload it later.
        if (room.connections.size === 0) this.startUnload(room);
        throw new JoinRefused(refusal);
      }
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
      // With other instances, updates they stored may not have reached this room yet.
      if (this.deps.relay) await room.catchUp();
      // Exactly what is applied now: all of it is stored once whenDurable resolves. Reading the
      // live doc after the wait could show changes applied meanwhile and not stored yet.
      const state = encodeBoardState(room.doc);
      await room.whenDurable();
      if (!room.isFailed) updates = [state];
    }
    updates ??= (await this.deps.store.loadUpdates(boardId)).updates;
    return readDocOf(boardId, updates, read);
  }

  /** Closes every connection of a board (deletion, shutdown) and unloads its room. */
  async closeBoard(boardId: string, code: number, reason: string): Promise<void> {
    const loaded = this.rooms.get(boardId);
    if (!loaded) return this.unloading.get(boardId);
    this.closeConnections(await loaded, { code, reason });
    await this.unloading.get(boardId);
  }

  /**
   * A role's link was rotated (its new hash is already stored): every connection that came in
   * with the old token is closed now, and any still on its way in is refused.
   */
  async revokeLink(boardId: string, role: LinkRole, newTokenHash?: string): Promise<void> {
    await this.closeRevoked(boardId, role, newTokenHash);
    this.tellOtherInstances({
      type: 'link-rotated',
      boardId,
      role,
      ...(newTokenHash === undefined ? {} : { tokenHash: newTokenHash }),
    });
  }

  /** This instance's part of a rotation (here or on another instance). */
  private async closeRevoked(
    boardId: string,
    role: LinkRole,
    newTokenHash: string | undefined,
  ): Promise<void> {
    this.revocations.rotated(boardId, role, newTokenHash);
    const room = await this.loadedRoom(boardId);
    if (room) this.closeConnections(room, LINK_REVOKED, role);
  }

  /**
   * Deletes a board: `erase` removes it from the store, then the room drops what it has not
   * stored (it could not be stored anyway), its connections are closed with 4404, and joins on
   * their way in are refused. Resolves with what `erase` resolved, once the room is gone.
   */
  async deleteBoard(boardId: string, erase: () => Promise<boolean>): Promise<boolean> {
    let erased: boolean;
    try {
      erased = await erase();
    } catch (error) {
      // Failed before the board was gone: nothing changed, say so. Failed after (PostgreSQL's
      // rewrite of the freed pages was locked out): the board is deleted for everyone all the same.
      if (await this.deps.store.getBoard(boardId)) throw error;
      this.deps.log.error(
        { boardId, err: errorSummary(error) },
        'the board was deleted, but erasing its freed space failed',
      );
      erased = true;
    }
    this.tellOtherInstances({ type: 'board-deleted', boardId });
    await this.closeDeleted(boardId);
    return erased;
  }

  /**
   * The store has changed already, and it alone decides who gets in: the caller must get its answer
   * (the new token) even while Redis is away. Other instances close their sockets when the event
   * reaches them (node-redis queues it until Redis is back); a failure is logged.
   */
  private tellOtherInstances(event: ControlEvent): void {
    this.deps.relay
      ?.publishControl(event)
      .catch((error) =>
        this.deps.log.error(
          { boardId: event.boardId, event: event.type, err: errorSummary(error) },
          'other instances could not be told',
        ),
      );
  }

  /** This instance's part of a deletion (here or on another instance): the store is erased. */
  private async closeDeleted(boardId: string): Promise<void> {
    this.revocations.deleted(boardId);
    const room = await this.loadedRoom(boardId);
    if (room) {
      room.discard();
      this.closeConnections(room, BOARD_DELETED);
      // A room still loading for a join that will now be refused has no connection to leave.
      if (!this.retired.has(room)) this.startUnload(room);
    }
    await this.unloading.get(boardId);
  }

  private applyControl(event: ControlEvent): void {
    const done =
      event.type === 'link-rotated'
        ? this.closeRevoked(event.boardId, event.role, event.tokenHash)
        : this.closeDeleted(event.boardId);
    done.catch((error) =>
      this.deps.log.error(
        { boardId: event.boardId, err: errorSummary(error) },
        'applying a rotation or deletion from another instance failed',
      ),
    );
  }

  /** Closes every connection and waits until every room is stored and unloaded. */
  async closeAll(code: number, reason: string): Promise<void> {
    await Promise.all([...this.rooms.keys()].map((id) => this.closeBoard(id, code, reason)));
    await Promise.all(this.unloading.values());
  }

  /** Closes the room's connections (of one role only, when given); the last one out unloads it. */
  private closeConnections(room: Room, refusal: Refusal, role?: LinkRole): void {
    for (const connection of [...room.connections]) {
      if (role !== undefined && connection.role !== role) continue;
      connection.close(refusal.code, refusal.reason);
      this.leave(room, connection);
    }
  }

  private refuseRevoked(boardId: string, role: LinkRole, ticket: AdmissionTicket): void {
    const refusal = this.revocations.refusal(boardId, role, ticket);
    if (refusal) throw new JoinRefused(refusal);
  }

  /** The board's room if it is loaded or loading (and loads); undefined otherwise. */
  private async loadedRoom(boardId: string): Promise<Room | undefined> {
    const loading = this.rooms.get(boardId);
    return loading?.catch(() => undefined);
  }

  private load(boardId: string): Promise<Room> {
    const loading = this.loadRoom(boardId);
    this.rooms.set(boardId, loading);
    loading.catch((error) => {
      this.deps.log.error({ boardId, err: errorSummary(error) }, 'loading a board failed');
      if (this.rooms.get(boardId) === loading) this.rooms.delete(boardId);
    });
    return loading;
  }

  /**
   * No gap with a relay: note where the board's messages end, then load the store, then follow
   * from the noted position. An update published meanwhile was stored before it was published, so
   * it is either in what loaded or after the position (or both: applying it twice is harmless).
   */
  private async loadRoom(boardId: string): Promise<Room> {
    const relay = this.deps.relay;
    const position = relay ? await relay.position(boardId) : undefined;
    const stored = await this.deps.store.loadUpdates(boardId);
    const room = new Room(boardId, { ...this.deps, onFailure: (r) => this.forget(r) }, stored);
    if (relay && position !== undefined) {
      const follower = this.followerOf(room);
      this.followers.set(room, follower);
      relay.follow(boardId, position, follower);
      relay.queryPresence(boardId);
    }
    return room;
  }

  private followerOf(room: Room): BoardFollower {
    // A bad message from another instance must not stop the reader for every other board.
    const guarded =
      (what: string, apply: (data: Uint8Array) => void) =>
      (data: Uint8Array): void => {
        try {
          apply(data);
        } catch (error) {
          this.deps.log.warn(
            { boardId: room.boardId, err: errorSummary(error) },
            `ignoring ${what} from another instance that could not be applied`,
          );
        }
      };
    return {
      update: guarded('an update', (update) => room.applyRemoteUpdate(update)),
      awareness: guarded('presence', (update) => room.applyRemoteAwareness(update)),
      presenceQuery: () => room.publishPresence(),
      catchUp: () => room.catchUp(),
    };
  }

  private stopFollowing(room: Room): void {
    const follower = this.followers.get(room);
    if (follower) this.deps.relay?.unfollow(room.boardId, follower);
  }

  private startUnload(room: Room): void {
    this.stopFollowing(room);
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
    this.stopFollowing(room);
    this.retired.add(room);
    // Joins wait for unloads, so the entry under this id is still the failed room's.
    this.rooms.delete(room.boardId);
    room.destroy();
  }

  /**
   * Changes the live board on the server's behalf (restoring a version) exactly as a client's
   * update would: in the board's room, loaded for the purpose when nobody is connected, so the
   * change is stored, then shown to everyone connected and published to other instances. Resolves
   * with what `change` returned once it is stored; rejects when it could not be (nothing of it is
   * then kept anywhere), with JoinRefused when the board was deleted meanwhile.
   */
  async changeBoard<T>(boardId: string, change: (doc: Y.Doc) => T): Promise<T> {
    const ticket = this.admissionTicket(boardId);
    for (;;) {
      const unload = this.unloading.get(boardId);
      if (unload) {
        await unload;
        continue;
      }
      const loaded = this.rooms.get(boardId);
      const loading = loaded ?? this.load(boardId);
      const room = await loading;
      // With other instances, a room loaded earlier may lack their newest updates a moment longer
      // than the store does; the change must be computed against all of them.
      if (loaded && this.deps.relay && this.rooms.get(boardId) === loading) await room.catchUp();
      if (this.rooms.get(boardId) !== loading || room.isFailed) continue;
      if (this.revocations.refusal(boardId, 'facilitator', ticket) === BOARD_DELETED) {
        if (room.connections.size === 0) this.startUnload(room);
        throw new JoinRefused(BOARD_DELETED);
      }
      const origin: ChangeOrigin = { source: 'local' };
      let result: T;
      try {
        result = room.doc.transact(() => change(room.doc), origin);
        await room.whenDurable();
      } finally {
        // Loaded for this change alone, or everyone left meanwhile: unload it as `leave` would.
        if (room.connections.size === 0 && this.rooms.get(boardId) === loading) {
          this.startUnload(room);
        }
      }
      if (this.revocations.refusal(boardId, 'facilitator', ticket) === BOARD_DELETED) {
        throw new JoinRefused(BOARD_DELETED);
      }
      if (room.isFailed) throw new Error(`The change to board ${boardId} could not be stored.`);
      return result;
    }
  }
}
