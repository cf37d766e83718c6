/** @module What the sync layer needs of one client connection; the WebSocket glue provides it. */
import type { LinkRole } from '../../shared/roles';

export interface Connection {
  /** Process-unique, for logs only. */
  readonly id: number;
  readonly role: LinkRole;
  /** Awareness client ids this connection owns (presence-owners.ts); removed when it closes. */
  readonly awarenessClients: Set<number>;
  /** The participant its presence names (`user.id`), once it has said; for the audit log. */
  participantId: string | undefined;
  send(message: Uint8Array): void;
  close(code: number, reason: string): void;
  /**
   * Resolves true when the client answers a ping within `timeoutMs`, false when it does not or the
   * connection is closed. Never rejects.
   */
  probeAlive(timeoutMs: number): Promise<boolean>;
  /** Drops the connection at once, without a closing handshake (a peer that no longer answers). */
  terminate(): void;
}

/** Where a change to a room's document came from (STYLE: a tagged union, not a bare value). */
export type ChangeOrigin =
  | { source: 'connection'; connection: Connection }
  | { source: 'store' }
  | { source: 'redis' }
  | { source: 'local' };

export const STORE_ORIGIN: ChangeOrigin = { source: 'store' };
/** Published by another instance (server/sync/relay.ts): already stored, not to be sent back. */
export const REDIS_ORIGIN: ChangeOrigin = { source: 'redis' };

/** A problem with what one client sent: that connection is closed with `closeCode`. */
export class ClientError extends Error {
  constructor(
    readonly closeCode: number,
    message: string,
  ) {
    super(message);
    this.name = 'ClientError';
  }
}
