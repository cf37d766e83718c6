/** @module What the sync layer needs of one client connection; the WebSocket glue provides it. */
import type { LinkRole } from '../../shared/roles';

export interface Connection {
  /** Process-unique, for logs only. */
  readonly id: number;
  readonly role: LinkRole;
  /** Awareness client ids this connection has announced; removed for everyone when it closes. */
  readonly awarenessClients: Set<number>;
  send(message: Uint8Array): void;
  close(code: number, reason: string): void;
}

/** Where a change to a room's document came from (STYLE: a tagged union, not a bare value). */
export type ChangeOrigin =
  | { source: 'connection'; connection: Connection }
  | { source: 'store' }
  | { source: 'local' };

export const STORE_ORIGIN: ChangeOrigin = { source: 'store' };

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
