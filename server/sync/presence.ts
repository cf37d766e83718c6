/**
 * @module A room's presence (awareness) as clients may change it: each client id speaks only
 * through the connection that owns it, states are size-capped, and only a facilitator may lead.
 * With a relay, a client id shown by another instance belongs to the relay (see applyRemote).
 */
import * as awarenessProtocol from 'y-protocols/awareness';
import {
  CloseCode,
  MAX_PRESENCE_CLIENTS_PER_CONNECTION,
  MAX_PRESENCE_STATE_BYTES,
} from '../../shared/protocol';
import { errorSummary, type Logger } from '../log';
import { ClientError, type Connection, REDIS_ORIGIN } from './connection';
import { withoutLeadership } from './leadership';
import { participantIdOf } from './participant-id';
import { type PresenceClocks, PresenceOwners, takesEffect } from './presence-owners';
import { encodePresenceUpdate, type PresenceEntry, readPresenceUpdate } from './presence-update';

/**
 * How long the owner of a disputed client id has to answer a ping. A phone that changed network
 * leaves a half-open socket behind while the same page reconnects with the same client id; a
 * live owner answers within a round trip.
 */
export const PRESENCE_PROBE_TIMEOUT_MS = 2_000;

export interface PresenceRoom {
  readonly boardId: string;
  readonly awareness: awarenessProtocol.Awareness;
  readonly connections: ReadonlySet<Connection>;
  readonly log: Logger;
}

export class RoomPresence {
  private readonly owners = new PresenceOwners();
  /** Disputed entries of a connection, newest per client id, while an owner is being pinged. */
  private readonly held = new Map<Connection, Map<number, PresenceEntry>>();
  private readonly clocks: PresenceClocks;
  /** Client ids another instance shows (they were checked there); removed with their state. */
  private readonly remote = new Set<number>();

  constructor(private readonly room: PresenceRoom) {
    this.clocks = {
      clock: (clientId) => room.awareness.meta.get(clientId)?.clock ?? 0,
      isShown: (clientId) => room.awareness.states.has(clientId),
    };
  }

  /**
   * Applies what `connection` may say of an awareness update. Returns false when it changed
   * nothing (an echo). Throws ClientError for a malformed or oversized state, or one connection
   * claiming too many client ids.
   */
  apply(connection: Connection, update: Uint8Array): boolean {
    const entries = readPresenceUpdate(update);
    if (entries.some((entry) => entry.stateBytes > MAX_PRESENCE_STATE_BYTES)) {
      throw new ClientError(
        CloseCode.PresenceTooLarge,
        `A presence state can be at most ${MAX_PRESENCE_STATE_BYTES / 1024} KiB.`,
      );
    }
    return this.applyEntries(connection, entries, undefined);
  }

  /**
   * Presence another instance accepted from its own connections. The rule, one owner per client id
   * on each instance: an id a local connection owns stays that connection's (the entry is dropped
   * here), and an id the relay brought may not be changed by any local connection (applyEntries
   * drops those entries without closing anyone: y-websocket echoes every presence it receives).
   * Client ids are random 32-bit numbers, so only a page that moved between instances while its
   * old socket lingers meets this; it heals when that socket closes or its state times out. Remote
   * states are never renewed here: a dead instance's people time out after 30 s like anyone silent.
   */
  applyRemote(update: Uint8Array): void {
    const entries = readPresenceUpdate(update).filter(
      (entry) =>
        entry.clientId !== this.room.awareness.clientID &&
        this.owners.ownerOf(entry.clientId) === undefined &&
        takesEffect(entry, this.clocks),
    );
    if (entries.length === 0) return;
    for (const entry of entries) {
      if (entry.state === null) this.remote.delete(entry.clientId);
      else this.remote.add(entry.clientId);
    }
    awarenessProtocol.applyAwarenessUpdate(
      this.room.awareness,
      encodePresenceUpdate(entries),
      REDIS_ORIGIN,
    );
  }

  /** States removed (by anyone, the timeout included): their client ids are free again. */
  removed(clientIds: readonly number[]): void {
    for (const clientId of clientIds) this.remote.delete(clientId);
  }

  /** The client ids this instance's connections show, for another instance that asks. */
  localClientIds(): number[] {
    const ids: number[] = [];
    for (const connection of this.room.connections) {
      for (const clientId of connection.awarenessClients) {
        if (this.room.awareness.states.has(clientId)) ids.push(clientId);
      }
    }
    return ids;
  }

  /** The connection is gone: the presence it owned disappears for everyone. */
  release(connection: Connection): void {
    this.held.delete(connection);
    const released = this.owners.release(connection);
    if (released.length > 0) {
      awarenessProtocol.removeAwarenessStates(this.room.awareness, released, null);
    }
  }

  /** `answered`: a disputed owner that has just answered a ping, so disputing it again is spoofing. */
  private applyEntries(
    connection: Connection,
    entries: readonly PresenceEntry[],
    answered: Connection | undefined,
  ): boolean {
    const sorted = this.owners.sort(
      connection,
      entries.filter((entry) => !this.remote.has(entry.clientId)),
      this.clocks,
      this.room.awareness.clientID,
    );
    if (sorted.tooMany) {
      throw new ClientError(
        CloseCode.PresenceNotYours,
        `One connection can show at most ${MAX_PRESENCE_CLIENTS_PER_CONNECTION} people.`,
      );
    }
    if (answered && sorted.disputed.has(answered)) {
      throw new ClientError(
        CloseCode.PresenceNotYours,
        'That presence belongs to another connection, which is still here.',
      );
    }
    for (const clientId of sorted.claim) this.owners.claim(clientId, connection);
    if (sorted.apply.length > 0) {
      const allowed =
        connection.role === 'facilitator'
          ? sorted.apply
          : sorted.apply.map((entry) => ({ ...entry, state: withoutLeadership(entry.state) }));
      awarenessProtocol.applyAwarenessUpdate(
        this.room.awareness,
        encodePresenceUpdate(allowed),
        connection,
      );
      this.noteParticipant(connection, allowed);
      // Else a connection relaying other tabs' presence would run out of ids as tabs come and go.
      for (const entry of sorted.apply) {
        if (entry.state === null) this.owners.releaseRemoved(entry.clientId, connection);
      }
    }
    for (const [owner, disputed] of sorted.disputed) this.hold(connection, owner, disputed);
    return sorted.apply.length > 0 || sorted.disputed.size > 0;
  }

  /**
   * Keeps disputed entries back and asks their owner whether it is still there. One ping at a
   * time per claimant: entries arriving meanwhile join the held ones and are judged with them.
   */
  private hold(claimant: Connection, owner: Connection, entries: readonly PresenceEntry[]): void {
    const running = this.held.get(claimant);
    const held = running ?? new Map<number, PresenceEntry>();
    for (const entry of entries) {
      const before = held.get(entry.clientId);
      if (!before || entry.clock >= before.clock) held.set(entry.clientId, entry);
    }
    if (running) return;
    this.held.set(claimant, held);
    owner.probeAlive(PRESENCE_PROBE_TIMEOUT_MS).then(
      (alive) => this.settle(claimant, owner, alive),
      () => this.settle(claimant, owner, false),
    );
  }

  /**
   * The owner answered or not. A dead owner is dropped (its presence disappears, as on any close)
   * and the held entries apply as the claimant's. A live one keeps its client ids: held entries
   * it has since caught up with were only relayed early (a second tab of the same browser passes
   * presence on over BroadcastChannel); anything still newer than what the owner said is spoofing.
   */
  private settle(claimant: Connection, owner: Connection, alive: boolean): void {
    const held = this.held.get(claimant);
    this.held.delete(claimant);
    if (!held || !this.room.connections.has(claimant)) return;
    if (!alive && this.room.connections.has(owner)) {
      this.room.log.info(
        { boardId: this.room.boardId, connection: owner.id, claimant: claimant.id },
        'a connection did not answer a ping; its presence goes to the client that reconnected',
      );
      this.release(owner);
      owner.terminate();
    }
    try {
      this.applyEntries(claimant, [...held.values()], alive ? owner : undefined);
    } catch (error) {
      const refusal =
        error instanceof ClientError
          ? error
          : new ClientError(CloseCode.BadMessage, 'The presence could not be applied.');
      this.room.log.warn(
        {
          boardId: this.room.boardId,
          connection: claimant.id,
          code: refusal.closeCode,
          err: errorSummary(error),
        },
        'closing a connection over presence it may not change',
      );
      claimant.close(refusal.closeCode, refusal.message);
    }
  }

  /** The audit trail's join line, the first time a connection's presence names its participant. */
  private noteParticipant(connection: Connection, entries: readonly PresenceEntry[]): void {
    for (const entry of entries) {
      const participantId = participantIdOf(entry.state);
      if (participantId === undefined || participantId === connection.participantId) continue;
      connection.participantId = participantId;
      this.room.log.info(
        {
          boardId: this.room.boardId,
          role: connection.role,
          participantId,
          connection: connection.id,
        },
        'participant joined',
      );
    }
  }
}
