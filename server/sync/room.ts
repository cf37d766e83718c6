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
import { serverDoc } from './doc';
import {
  encodeAwarenessMessage,
  encodeBoardState,
  encodeStoredSyncStep2Message,
  encodeSyncStep1Message,
  encodeSyncStep2Message,
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
/**
 * How long a connection to a room whose doc is not loaded yet may wait for the server's SyncStep1
 * when it sends no SyncStep1 of its own (whose answer would load the doc sooner).
 */
export const GREET_UNLOADED_AFTER_MS = 200;

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
  /** The doc, loaded or not: for its lifecycle only. Its content is read through `loaded()`. */
  private readonly ydoc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  readonly connections = new Set<Connection>();
  private readonly presence: RoomPresence;
  /**
   * The stored updates until the doc is first needed: integrating a large board costs tens of
   * milliseconds, and a fresh client's first sync can be answered from the stored bytes alone.
   * Kept after `destroy` so that a reader still holding the room sees the board, as it would in a
   * destroyed doc that had loaded.
   */
  private unloadedUpdates: Uint8Array[] | undefined;
  /** Connections not yet sent our SyncStep1: it needs the loaded doc's state vector. */
  private readonly ungreeted = new Set<Connection>();
  private greetTimer: NodeJS.Timeout | undefined;

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
    this.ydoc = serverDoc(boardId);
    this.awareness = new awarenessProtocol.Awareness(this.ydoc);
    this.lastSeq = stored.lastSeq;
    this.storedUpdateCount = stored.updates.length;
    this.storedBytes = stored.bytes;
    this.presence = new RoomPresence({
      boardId,
      awareness: this.awareness,
      connections: this.connections,
      log: deps.log,
    });
    if (stored.updates.length > 0) this.unloadedUpdates = stored.updates;
    // The server has no presence of its own.
    this.awareness.setLocalState(null);
    this.ydoc.on('update', this.onDocUpdate);
    this.awareness.on('update', this.onAwarenessUpdate);
  }

  /** The board's document, with everything stored integrated (loading it now if need be). */
  get doc(): Y.Doc {
    return this.loaded();
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
    if (this.unloadedUpdates) {
      this.ungreeted.add(connection);
      this.greetTimer ??= setTimeout(this.loadAndGreet, GREET_UNLOADED_AFTER_MS).unref();
    } else {
      connection.send(encodeSyncStep1Message(this.ydoc));
    }
    const present = [...this.awareness.getStates().keys()];
    if (present.length > 0) connection.send(encodeAwarenessMessage(this.awareness, present));
  }

  /** Removes a connection; its presence disappears for everyone. Returns true when none remain. */
  removeConnection(connection: Connection): boolean {
    // A connection removed before (closeBoard, then its own close event) changes nothing.
    if (!this.connections.delete(connection)) return false;
    this.ungreeted.delete(connection);
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
    const { structs, ds } = Y.decodeUpdate(update);
    // Yjs makes nothing of length zero, and applies such a range without emitting a change while
    // it may still split a character in two (an emoji's surrogate pair): the room's doc would then
    // differ from every client's, and the next snapshot would store the broken text.
    if (structs.some((struct) => struct.length === 0) || hasEmptyRange(ds)) {
      throw new ClientError(CloseCode.BadMessage, 'The update holds an empty change.');
    }
    const doc = this.loaded();
    const origin: ChangeOrigin = { source: 'connection', connection };
    const pendingBefore = this.pending.length;
    const pendingBytesBefore = this.pendingBytes;
    const store = doc.store;
    const heldBefore = store.pendingStructs !== null || store.pendingDs !== null;
    try {
      Y.applyUpdate(doc, update, origin);
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

  /**
   * Answers a client's SyncStep1 with what it lacks of the board. A fresh client (empty state
   * vector) of a room not loaded yet whose store holds one update (the snapshot an unload leaves)
   * is sent those stored bytes as they are: the same board `encodeBoardState` would give, since a
   * room stores only what its doc emitted, never structs held back. Anyone else: load, then diff.
   */
  answerSyncStep1(connection: Connection, stateVector: Uint8Array): void {
    const stored = this.unloadedUpdates;
    if (stored?.length === 1 && Y.decodeStateVector(stateVector).size === 0) {
      const sent = this.sendWhenDurable(
        connection,
        encodeStoredSyncStep2Message(stored[0] as Uint8Array),
      );
      // Load only once the board is on its way: setImmediate lets the socket write it first.
      sent.then(() => setImmediate(this.loadAndGreet));
      return;
    }
    this.sendWhenDurable(connection, encodeSyncStep2Message(this.loaded(), stateVector));
  }

  /**
   * Sends a message that may reveal document state only once that state is stored. Resolves once
   * it was sent (or dropped).
   */
  sendWhenDurable(connection: Connection, message: Uint8Array): Promise<void> {
    return this.whenDurable().then(() => {
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
    if (this.failed || this.ydoc.isDestroyed) return;
    const doc = this.loaded();
    try {
      Y.applyUpdate(doc, update, REDIS_ORIGIN);
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
    if (this.failed || this.ydoc.isDestroyed) return;
    const stored = await this.deps.store.loadUpdates(this.boardId);
    if (this.ydoc.isDestroyed) return;
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

  /**
   * Stores what is left, folds the log into a snapshot and frees the document. A room whose doc
   * never loaded changed nothing in the store: there is nothing to store or fold.
   */
  async unload(): Promise<void> {
    await this.whenDurable();
    if (!this.failed && !this.unloadedUpdates && this.storedUpdateCount > 1) {
      this.writes = this.writes.then(() => this.compact());
      await this.writes;
    }
    this.destroy();
  }

  /** Frees the document, its awareness and the greeting timer, without loading anything. */
  destroy(): void {
    clearTimeout(this.greetTimer);
    this.ungreeted.clear();
    this.ydoc.off('update', this.onDocUpdate);
    // Destroying the doc also destroys the awareness and stops its timer.
    this.ydoc.destroy();
  }

  /**
   * The doc with the stored updates integrated, in one transaction, as the store has them. The
   * first call loads them and greets the connections that waited for the state vector.
   */
  private loaded(): Y.Doc {
    const stored = this.unloadedUpdates;
    if (!stored) return this.ydoc;
    this.unloadedUpdates = undefined;
    clearTimeout(this.greetTimer);
    try {
      this.ydoc.transact(() => {
        for (const update of stored) Y.applyUpdate(this.ydoc, update);
      }, STORE_ORIGIN);
    } catch (error) {
      this.drop(error, 'error', 'loading the stored board failed', {
        code: CloseCode.StorageFailed,
        reason: 'The board could not be loaded. Reconnecting.',
      });
      throw error;
    }
    if (this.ungreeted.size > 0 && !this.failed && !this.ydoc.isDestroyed) {
      const greeting = encodeSyncStep1Message(this.ydoc);
      for (const connection of this.ungreeted) connection.send(greeting);
    }
    this.ungreeted.clear();
    return this.ydoc;
  }

  /** After a cold answer or the timer: nobody waiting (all left) means nothing needs the doc. */
  private loadAndGreet = (): void => {
    if (this.ungreeted.size === 0 || this.failed || this.ydoc.isDestroyed) return;
    try {
      this.loaded();
    } catch {
      // `loaded` has logged it and dropped the room.
    }
  };

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
        : { snapshot: encodeBoardState(this.loaded()), upToSeq: this.lastSeq };
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

function hasEmptyRange(ds: ReturnType<typeof Y.decodeUpdate>['ds']): boolean {
  for (const ranges of ds.clients.values()) {
    if (ranges.some((range) => range.len === 0)) return true;
  }
  return false;
}
