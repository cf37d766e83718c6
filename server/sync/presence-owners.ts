/**
 * @module Who may speak for which presence (awareness) client id in a room: the first connection
 * that sets a state for it, until that connection closes (PITFALLS "Awareness spoofing").
 */
import { MAX_PRESENCE_CLIENTS_PER_CONNECTION } from '../../shared/protocol';
import type { Connection } from './connection';
import type { PresenceEntry } from './presence-update';

/** What the room's awareness knows of a client id: y-protocols' clock and whether it is shown. */
export interface PresenceClocks {
  clock(clientId: number): number;
  isShown(clientId: number): boolean;
}

export interface SortedPresence {
  /** Entries to apply now: the sender's own, and removals nobody owns. */
  apply: PresenceEntry[];
  /** Client ids nobody owned that the sender now sets a state for. */
  claim: number[];
  /** Entries that would change another connection's presence, by that connection. */
  disputed: Map<Connection, PresenceEntry[]>;
  /** The sender would own more than MAX_PRESENCE_CLIENTS_PER_CONNECTION client ids. */
  tooMany: boolean;
}

/**
 * Whether y-protocols' `applyAwarenessUpdate` would change anything with this entry: a newer clock,
 * or a removal at the same clock of a state still shown.
 */
export function takesEffect(entry: PresenceEntry, clocks: PresenceClocks): boolean {
  const current = clocks.clock(entry.clientId);
  return (
    entry.clock > current ||
    (entry.clock === current && entry.state === null && clocks.isShown(entry.clientId))
  );
}

export class PresenceOwners {
  private readonly owners = new Map<number, Connection>();

  ownerOf(clientId: number): Connection | undefined {
    return this.owners.get(clientId);
  }

  claim(clientId: number, connection: Connection): void {
    this.owners.set(clientId, connection);
    connection.awarenessClients.add(clientId);
  }

  /** The owner removed this presence itself (a tab closed): the id is nobody's any more. */
  releaseRemoved(clientId: number, connection: Connection): void {
    if (this.owners.get(clientId) !== connection) return;
    this.owners.delete(clientId);
    connection.awarenessClients.delete(clientId);
  }

  /** Forgets everything the connection owned; returns those client ids. */
  release(connection: Connection): number[] {
    const released = [...connection.awarenessClients];
    for (const clientId of released) {
      if (this.owners.get(clientId) === connection) this.owners.delete(clientId);
    }
    connection.awarenessClients.clear();
    return released;
  }

  /**
   * Sorts the entries `sender` sent. Entries that would change nothing are dropped without a word:
   * y-websocket sends back every presence it receives, and a client whose own timer timed a
   * silent peer out sends that removal too (the server's timer does the same). Everything else
   * about a client id that another connection owns is disputed, never applied as it stands.
   * `reserved` (the server's own awareness id) belongs to nobody and is never changed.
   */
  sort(
    sender: Connection,
    entries: readonly PresenceEntry[],
    clocks: PresenceClocks,
    reserved: number,
  ): SortedPresence {
    const sorted: SortedPresence = { apply: [], claim: [], disputed: new Map(), tooMany: false };
    let owned = sender.awarenessClients.size;
    for (const entry of entries) {
      if (entry.clientId === reserved || !takesEffect(entry, clocks)) continue;
      const owner = this.owners.get(entry.clientId);
      if (owner === sender) {
        sorted.apply.push(entry);
      } else if (owner === undefined) {
        if (entry.state !== null && !sorted.claim.includes(entry.clientId)) {
          owned += 1;
          if (owned > MAX_PRESENCE_CLIENTS_PER_CONNECTION) sorted.tooMany = true;
          sorted.claim.push(entry.clientId);
        }
        sorted.apply.push(entry);
      } else if (entry.state === null && entry.clock === clocks.clock(entry.clientId)) {
        // Another client timed this peer out (see above). Not applied: the owner is connected, and
        // the server's own timer removes a state that stays silent.
      } else {
        const disputed = sorted.disputed.get(owner) ?? [];
        disputed.push(entry);
        sorted.disputed.set(owner, disputed);
      }
    }
    return sorted;
  }
}
