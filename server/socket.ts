/**
 * @module The WebSocket glue for `/ws/:boardId?token=`: checks the token, joins the room and feeds
 * binary frames to the sync layer. One bad frame closes one connection, nothing else.
 */
import { upgradeWebSocket, type WebSocketLike } from '@hono/node-server';
import type { WSContext, WSEvents } from 'hono/ws';
import type { WebSocket } from 'ws';
import { CloseCode } from '../shared/protocol';
import type { LinkRole } from '../shared/roles';
import { type Access, resolveAccess } from './access';
import { errorSummary, type Logger } from './log';
import type { Metrics } from './metrics';
import type { BoardStore } from './store/types';
import type { ClientError, Connection } from './sync/connection';
import { handleMessage } from './sync/messages';
import type { AdmissionTicket } from './sync/revocations';
import type { Room } from './sync/room';
import { JoinRefused, type Rooms } from './sync/rooms';

/** Frames a client may send while its board is still loading. */
const MAX_MESSAGES_QUEUED_WHILE_LOADING = 256;
/** …and their bytes, as a multiple of the message size limit. */
const MAX_QUEUED_MESSAGE_LIMITS = 2;
/** A client this far behind in reading is closed rather than buffered without end. */
const MAX_BUFFERED_BYTES = 64 * 1024 * 1024;
const WS_OPEN = 1;

export interface SocketDeps {
  store: BoardStore;
  rooms: Rooms;
  log: Logger;
  metrics: Metrics;
  maxMessageBytes: number;
}

let nextConnectionId = 1;

class SocketConnection implements Connection {
  readonly id = nextConnectionId++;
  readonly awarenessClients = new Set<number>();
  closing = false;

  constructor(
    private readonly ws: WSContext<WebSocketLike>,
    readonly role: LinkRole,
    private readonly metrics: Metrics,
  ) {}

  send(message: Uint8Array): void {
    if (this.closing || this.ws.readyState !== WS_OPEN) return;
    const buffered = (this.ws.raw as WebSocket | undefined)?.bufferedAmount ?? 0;
    if (buffered > MAX_BUFFERED_BYTES) {
      this.close(1013, 'The connection is too slow to keep up. Reconnecting.');
      return;
    }
    this.ws.send(message as Uint8Array<ArrayBuffer>);
    this.metrics.messagesOut.inc();
  }

  close(code: number, reason: string): void {
    if (this.closing) return;
    this.closing = true;
    this.ws.close(code, reason);
  }
}

export function boardSocketHandler(deps: SocketDeps) {
  return upgradeWebSocket(async (c) => {
    const boardId = c.req.param('boardId') ?? '';
    // Before the check: a rotation or deletion from here on keeps this socket out of the room.
    const ticket = deps.rooms.admissionTicket(boardId);
    const access = await resolveAccess(deps.store, boardId, c.req.query('token'));
    return boardSocketEvents(deps, boardId, access, ticket);
  });
}

function boardSocketEvents(
  deps: SocketDeps,
  boardId: string,
  access: Access,
  ticket: AdmissionTicket,
): WSEvents<WebSocketLike> {
  let connection: SocketConnection | undefined;
  let room: Room | undefined;
  let closed = false;
  const queued: Uint8Array[] = [];
  let queuedBytes = 0;
  const maxQueuedBytes = MAX_QUEUED_MESSAGE_LIMITS * deps.maxMessageBytes;

  const receive = (active: Room, conn: SocketConnection, message: Uint8Array) => {
    try {
      handleMessage(active, conn, message);
    } catch (error) {
      // handleMessage turns every failure into a ClientError.
      const clientError = error as ClientError;
      deps.log.warn(
        { boardId, connection: conn.id, code: clientError.closeCode, err: errorSummary(error) },
        'closing a connection after a bad message',
      );
      conn.close(clientError.closeCode, clientError.message);
    }
  };

  return {
    onOpen(_event, ws) {
      if (!access.ok) {
        if (access.reason === 'unknown-board') {
          ws.close(CloseCode.BoardNotFound, 'There is no such board.');
        } else {
          ws.close(CloseCode.Unauthorized, 'This link is not valid.');
        }
        return;
      }
      const conn = new SocketConnection(ws, access.role, deps.metrics);
      connection = conn;
      deps.metrics.connections.inc();
      deps.log.info({ boardId, role: conn.role, connection: conn.id }, 'connection joined');
      deps.rooms.join(boardId, conn, ticket).then(
        (joined) => {
          if (closed) {
            deps.rooms.leave(joined, conn);
            return;
          }
          room = joined;
          for (const message of queued.splice(0)) {
            if (conn.closing) break;
            receive(joined, conn, message);
          }
        },
        (error) => {
          if (error instanceof JoinRefused) {
            conn.close(error.refusal.code, error.refusal.reason);
            return;
          }
          deps.log.error({ boardId, err: errorSummary(error) }, 'joining a board failed');
          conn.close(CloseCode.StorageFailed, 'The board could not be loaded. Reconnecting.');
        },
      );
    },

    onMessage(event) {
      const conn = connection;
      if (!conn || conn.closing) return;
      deps.metrics.messagesIn.inc();
      if (!(event.data instanceof ArrayBuffer)) {
        conn.close(CloseCode.BadMessage, 'Only binary y-websocket messages are accepted.');
        return;
      }
      const message = new Uint8Array(event.data);
      if (room) {
        receive(room, conn, message);
      } else if (
        queued.length < MAX_MESSAGES_QUEUED_WHILE_LOADING &&
        queuedBytes + message.byteLength <= maxQueuedBytes
      ) {
        queued.push(message);
        queuedBytes += message.byteLength;
      } else {
        conn.close(CloseCode.BadMessage, 'Too many messages before the board loaded.');
      }
    },

    onClose() {
      const conn = connection;
      if (!conn || closed) return;
      closed = true;
      conn.closing = true;
      deps.metrics.connections.dec();
      deps.log.info({ boardId, role: conn.role, connection: conn.id }, 'connection left');
      if (room) deps.rooms.leave(room, conn);
    },
  };
}
