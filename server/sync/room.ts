/**
 * @module One loaded board: its Y.Doc, awareness and connections. Every change from a client is
 * committed to the store before it is relayed to anyone (SPEC §6 "nothing acknowledged is lost"),
 * other instances included: it is published to the relay only once stored.
 */

import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { CloseCode, MAX_CONNECTIONS_PER_BOARD } from '../../shared/protocol';
import { errorSummary, type Logger } from '../log';
import type { BoardStore, StoredUpdates } from '../store/types';
import {
  type ChangeOrigin,
  ClientError,
  type Connection,
  REDIS_ORIGIN,
  STORE_ORIGIN,
} from './connection';
import {
  encodeAwarenessMessage,
  encodeBoardState,
  encodeSyncStep1Message,
  encodeUpdateMessage,
} from './encode';
import { RoomPresence } from './presence';
import type { Relay } from './relay';
import { snapshotOfStore } from './stored-snapshot';
import { atEndOfTurn } from './turn';

/** Past this many stored updates the log is folded into one snapshot. */
export const COMPACT_AFTER_UPDATES = 500;
/** Bytes of updates with missing dependencies a room holds before it refuses more. */
export const MAX_PENDING_BYTES = 1024 * 1024;

export interface RoomDeps {
  store: BoardStore;
  log: Logger;
  maxBoardBytes: number;
  /** Called once when the room can no longer store updates; the manager forgets it. */
  onFailure(room: Room): void;
  /** Other instances of the same deployment (REDIS_URL); absent when this one is alone. */
  relay?: Relay | undefined;
}

export class Room {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly connections = new Set<Connection>();
  private readonly presence: RoomPresence;

  /** Updates applied to the doc in this event-loop turn, not yet stored. */
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  /**
   * The one connection every pending update came from, so it is not sent its own change back;
   * null once updates of several connections (or of the server) are pending.
   */
  private pendingFrom: Connection | null | undefined;
  private flushScheduled = false;
  /** The chain of store writes: resolves when everything queued so far is stored and relayed. */
  private writes: Promise<void> = Promise.resolve();
  private failed = false;
  private lastSeq: number;
  private storedUpdateCount: number;
  private storedBytes: number;

  constructor(
    readonly boardId: string,
    private readonly deps: RoomDeps,
    stored: StoredUpdates,
  ) {
    this.lastSeq = stored.lastSeq;
    this.storedUpdateCount = stored.updates.length;
    this.storedBytes = stored.bytes;
    this.presence = new RoomPresence({
      boardId,
      awareness: this.awareness,
      connections: this.connections,
      log: deps.log,
    });
    this.doc.transact(() => {
      for (const update of stored.updates) Y.applyUpdate(this.doc, update);
    }, STORE_ORIGIN);
    // The server has no presence of its own.
    this.awareness.setLocalState(null);
    this.doc.on('update', this.onDocUpdate);
    this.awareness.on('update', this.onAwarenessUpdate);
  }

  get isFailed(): boolean {
    return this.failed;
  }

  /** Adds a connection and greets it: our state vector (so it sends what we lack) and presence. */
  addConnection(connection: Connection): void {
    // The newest is turned away; the client retries (4503), and a seat frees when someone leaves.
    if (this.connections.size >= MAX_CONNECTIONS_PER_BOARD) {
      connection.close(
        CloseCode.BoardFull,
        'This board has as many connections as it can take. Trying again shortly.',
      );
      return;
    }
    this.connections.add(connection);
    connection.send(encodeSyncStep1Message(this.doc));
    const present = [...this.awareness.getStates().keys()];
    if (present.length > 0) connection.send(encodeAwarenessMessage(this.awareness, present));
  }

  /** Removes a connection; its presence disappears for everyone. Returns true when none remain. */
  removeConnection(connection: Connection): boolean {
    // A connection removed before (closeBoard, then its own close event) changes nothing.
    if (!this.connections.delete(connection)) return false;
    this.presence.release(connection);
    return this.connections.size === 0;
  }

  /** Applies a client's update. Throws ClientError for a corrupt update or a board over its limit. */
  applyClientUpdate(connection: Connection, update: Uint8Array): void {
    if (this.failed) return;
    if (this.storedBytes + this.pendingBytes + update.byteLength > this.deps.maxBoardBytes) {
      throw new ClientError(CloseCode.BoardTooLarge, 'The board has reached its size limit.');
    }
    // Parse the whole update before touching the doc, so most corrupt ones cannot half-apply.
    Y.decodeUpdate(update);
    const origin: ChangeOrigin = { source: 'connection', connection };
    const pendingBefore = this.pending.length;
    const pendingBytesBefore = this.pendingBytes;
    const store = this.doc.store;
    const heldBefore = store.pendingStructs !== null || store.pendingDs !== null;
    try {
      Y.applyUpdate(this.doc, update, origin);
    } catch (error) {
      // Some updates parse and still make Yjs throw halfway through (the fuzz test finds them):
      // part is in the doc already. None of it may be stored; the doc in memory is spoiled.
      this.pending.length = pendingBefore;
      this.pendingBytes = pendingBytesBefore;
      connection.close(CloseCode.BadMessage, 'The update could not be applied.');
      this.reload(error);
      throw new ClientError(CloseCode.BadMessage, 'The update could not be applied.');
    }
    // Changes held back for missing dependencies (sent by others) may have been let in by this
    // one: the resulting update is then not the sender's alone, and the sender is sent it too.
    if (heldBefore && this.pending.length > pendingBefore) this.pendingFrom = null;
    // Structs whose dependencies never arrived stay in memory, unstored and outside the size
    // check, and later updates re-merge them. Honest clients leave little or none.
    const held =
      (store.pendingStructs?.update.byteLength ?? 0) + (store.pendingDs?.byteLength ?? 0);
    if (held > MAX_PENDING_BYTES) {
      store.pendingStructs = null;
      store.pendingDs = null;
      throw new ClientError(CloseCode.BadMessage, 'The update depends on changes the board lacks.');
    }
  }

  /**
   * Applies what the connection may say of an awareness update (presence.ts). Returns false when
   * it changed nothing. Throws ClientError for presence that is malformed, too large or not its own.
   */
  applyAwareness(connection: Connection, update: Uint8Array): boolean {
    return this.presence.apply(connection, update);
  }

  /** Sends a message that may reveal document state only once that state is stored. */
  sendWhenDurable(connection: Connection, message: Uint8Array): void {
    this.whenDurable().then(() => {
      if (!this.failed && this.connections.has(connection)) connection.send(message);
    });
  }

  /** Resolves when every change applied so far is stored (and relayed). Never rejects. */
  whenDurable(): Promise<void> {
    if (this.pending.length > 0) this.flush();
    return this.writes;
  }

  /** An update another instance stored and published: shown to everyone here, not stored again. */
  applyRemoteUpdate(update: Uint8Array): void {
    if (this.failed || this.doc.isDestroyed) return;
    try {
      Y.applyUpdate(this.doc, update, REDIS_ORIGIN);
    } catch (error) {
      // It applied on the instance that stored it; a doc that cannot take it is spoiled here.
      this.reload(error);
    }
  }

  /** Presence another instance accepted (presence.ts says whose it may be). */
  applyRemoteAwareness(update: Uint8Array): void {
    if (!this.failed) this.presence.applyRemote(update);
  }

  /** Another instance loaded this board: tell it who is here. */
  publishPresence(): void {
    const local = this.presence.localClientIds();
    if (local.length === 0) return;
    this.deps.relay?.publishAwareness(
      this.boardId,
      awarenessProtocol.encodeAwarenessUpdate(this.awareness, local),
    );
  }

  /** Relay messages may have been lost: the store has everything published, so apply it again. */
  async catchUp(): Promise<void> {
    if (this.failed || this.doc.isDestroyed) return;
    const stored = await this.deps.store.loadUpdates(this.boardId);
    if (this.doc.isDestroyed) return;
    for (const update of stored.updates) this.applyRemoteUpdate(update);
  }

  /**
   * The board was erased from the store: nothing more of it is written or relayed (the store
   * would refuse it anyway, and a refusal is not a failure worth a log line).
   */
  discard(): void {
    this.failed = true;
    this.pending = [];
    this.pendingBytes = 0;
  }

  /** Stores what is left, folds the log into a snapshot and frees the document. */
  async unload(): Promise<void> {
    await this.whenDurable();
    if (!this.failed && this.storedUpdateCount > 1) {
      this.writes = this.writes.then(() => this.compact());
      await this.writes;
    }
    this.doc.off('update', this.onDocUpdate);
    // Destroying the doc also destroys the awareness and stops its timer.
    this.doc.destroy();
  }

  private onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === STORE_ORIGIN) return;
    if (origin === REDIS_ORIGIN) {
      // Stored by the instance that published it. Only what was new here gets this far.
      this.storedBytes += update.byteLength;
      this.broadcast(encodeUpdateMessage(update));
      return;
    }
    const from =
      (origin as ChangeOrigin | undefined)?.source === 'connection'
        ? (origin as { connection: Connection }).connection
        : null;
    this.pendingFrom = this.pending.length === 0 || this.pendingFrom === from ? from : null;
    this.pending.push(update);
    this.pendingBytes += update.byteLength;
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      // Everything that arrives in this event-loop turn goes into one store write, issued
      // together with the other rooms' writes of the turn (turn.ts).
      atEndOfTurn(this.flush);
    }
  };

  private flush = (): void => {
    this.flushScheduled = false;
    if (this.pending.length === 0) return;
    const batch = this.pending;
    const from = this.pendingFrom ?? undefined;
    this.pending = [];
    this.pendingBytes = 0;
    this.pendingFrom = undefined;
    const update = batch.length === 1 ? (batch[0] as Uint8Array) : Y.mergeUpdates(batch);
    // A throw anywhere in the chain must not silently stop all later writes.
    this.writes = this.writes
      .then(() => this.storeAndRelay(update, from))
      .catch((error) => this.fail(error));
  };

  /** `from`: the one connection the update came from; it has the change and is not sent it. */
  private async storeAndRelay(update: Uint8Array, from: Connection | undefined): Promise<void> {
    if (this.failed) return;
    try {
      this.lastSeq = await this.deps.store.appendUpdates(this.boardId, [update]);
    } catch (error) {
      this.fail(error);
      return;
    }
    this.storedUpdateCount += 1;
    this.storedBytes += update.byteLength;
    this.broadcast(encodeUpdateMessage(update), from);
    this.deps.relay?.publishUpdate(this.boardId, update);
    if (this.storedUpdateCount > COMPACT_AFTER_UPDATES) await this.compact();
  }

  /** Replaces the stored log by one snapshot. A failure here loses nothing: the log stays. */
  private async compact(): Promise<void> {
    if (this.failed) return;
    try {
      // With other instances writing the same log, this doc may lack updates stored before our
      // last one: only the store knows every update up to a sequence number.
      const { snapshot, upToSeq } = this.deps.relay
        ? await snapshotOfStore(this.deps.store, this.boardId)
        : { snapshot: encodeBoardState(this.doc), upToSeq: this.lastSeq };
      if (upToSeq < 1) return;
      await this.deps.store.compactUpdates(this.boardId, snapshot, upToSeq);
      this.storedUpdateCount = 1;
      this.storedBytes = snapshot.byteLength;
    } catch (error) {
      this.deps.log.error(
        { boardId: this.boardId, err: errorSummary(error) },
        'compaction failed; the update log is kept',
      );
    }
  }

  /**
   * The store refused a write: what is in memory can no longer be promised to anyone. Close every
   * connection; clients reconnect to a fresh room and resend what the store lacks.
   */
  private fail(error: unknown): void {
    this.drop(error, 'error', 'storing an update failed', {
      code: CloseCode.StorageFailed,
      reason: 'The board could not be saved. Reconnecting.',
    });
  }

  /**
   * The doc in memory holds a change that must never be stored: drop the room like a failed one
   * (closing everyone; what was applied but not yet stored is dropped too, and clients resend it
   * on reconnect), so the next connection loads the board afresh from the store.
   */
  private reload(error: unknown): void {
    this.drop(error, 'warn', 'an update broke the board in memory; reloading it from the store', {
      code: CloseCode.BoardReloaded,
      reason: 'The board is being reloaded. Reconnecting.',
    });
  }

  /** Once only: logs why, closes everyone with `close`, and lets the manager forget this room. */
  private drop(
    error: unknown,
    level: 'error' | 'warn',
    why: string,
    close: { code: number; reason: string },
  ): void {
    if (this.failed) return;
    this.failed = true;
    this.deps.log[level]({ boardId: this.boardId, err: errorSummary(error) }, why);
    for (const connection of this.connections) connection.close(close.code, close.reason);
    this.deps.onFailure(this);
  }

  /**
   * Ownership of client ids is kept by RoomPresence; this relays every change, and publishes what
   * this instance's connections changed (origin: the connection, or null when it closed). Never
   * timeouts: every instance times out silent states itself, and a removal sent from here could
   * remove a state its owner renewed meanwhile.
   */
  private onAwarenessUpdate = (
    change: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    this.presence.removed(change.removed);
    const changed = [...change.added, ...change.updated, ...change.removed];
    const message = encodeAwarenessMessage(this.awareness, changed);
    this.broadcast(message);
    if (this.deps.relay && origin !== REDIS_ORIGIN && typeof origin !== 'string') {
      this.deps.relay.publishAwareness(
        this.boardId,
        awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed),
      );
    }
  };

  private broadcast(message: Uint8Array, except?: Connection): void {
    for (const connection of this.connections) {
      if (connection !== except) connection.send(message);
    }
  }
}
