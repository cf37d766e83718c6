/**
 * @module The WebSocket glue for `/ws/:boardId?token=`: checks the token, joins the room and feeds
 * binary frames to the sync layer. One bad frame closes one connection, nothing else.
 */
import { upgradeWebSocket, type WebSocketLike } from '@hono/node-server';
import type { WSContext, WSEvents } from 'hono/ws';
import type { RawData, WebSocket } from 'ws';
import { CloseCode, fitCloseReason, PRESENCE_ECHO_MESSAGES } from '../shared/protocol';
import type { LinkRole } from '../shared/roles';
import { type Access, resolveAccess } from './access';
import { errorSummary, type Logger } from './log';
import type { Metrics } from './metrics';
import type { BoardStore } from './store/types';
import type { ClientError, Connection } from './sync/connection';
import { handleMessage } from './sync/messages';
import { TokenBucket } from './sync/rate-limit';
import type { AdmissionTicket } from './sync/revocations';
import type { Room } from './sync/room';
import { JoinRefused, type Rooms } from './sync/rooms';
import { hashToken } from './tokens';

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
  maxMessagesPerSecond: number;
  maxMessagesInBurst: number;
}

let nextConnectionId = 1;

class SocketConnection implements Connection {
  readonly id = nextConnectionId++;
  readonly awarenessClients = new Set<number>();
  participantId: string | undefined;
  readonly openedAt = performance.now();
  readonly messageBudget: TokenBucket;
  closing = false;
  /** The ping in flight, shared by everyone asking meanwhile. */
  private probe: Promise<boolean> | undefined;

  /** The `ws` socket itself: sends skip the adapter's wrapper, one per recipient per update. */
  private readonly raw: WebSocket;

  constructor(
    private readonly ws: WSContext<WebSocketLike>,
    readonly role: LinkRole,
    private readonly metrics: Metrics,
    budget: { perSecond: number; burst: number },
  ) {
    this.messageBudget = new TokenBucket(budget.perSecond, budget.burst);
    this.raw = rawSocket(ws);
  }

  send(message: Uint8Array): void {
    const raw = this.raw;
    if (this.closing || raw.readyState !== WS_OPEN) return;
    if (raw.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.close(1013, 'The connection is too slow to keep up. Reconnecting.');
      return;
    }
    raw.send(message);
    this.metrics.messages.out += 1;
  }

  close(code: number, reason: string): void {
    if (this.closing) return;
    this.closing = true;
    // `ws` throws on a reason over 123 bytes; a long sentence must not turn into a crash.
    this.ws.close(code, fitCloseReason(reason));
  }

  probeAlive(timeoutMs: number): Promise<boolean> {
    const raw = this.raw;
    if (this.closing || raw.readyState !== WS_OPEN) return Promise.resolve(false);
    this.probe ??= new Promise<boolean>((resolve) => {
      const settle = (alive: boolean) => {
        clearTimeout(timer);
        raw.off('pong', onPong);
        raw.off('close', onClose);
        this.probe = undefined;
        resolve(alive);
      };
      const onPong = () => settle(true);
      const onClose = () => settle(false);
      const timer = setTimeout(() => settle(false), timeoutMs);
      timer.unref();
      raw.on('pong', onPong);
      raw.on('close', onClose);
      raw.ping();
    });
    return this.probe;
  }

  terminate(): void {
    this.closing = true;
    this.raw.terminate();
  }
}

/** @hono/node-server's context always carries the `ws` socket it wraps. */
function rawSocket(ws: WSContext<WebSocketLike>): WebSocket {
  const raw = ws.raw as WebSocket | undefined;
  if (!raw) throw new Error('The WebSocket adapter gave no socket.');
  return raw;
}

export function boardSocketHandler(deps: SocketDeps) {
  return upgradeWebSocket(async (c) => {
    const boardId = c.req.param('boardId') ?? '';
    // Before the check: a rotation or deletion from here on keeps this socket out of the room.
    const token = c.req.query('token');
    const ticket = deps.rooms.admissionTicket(boardId, token ? hashToken(token) : undefined);
    const access = await resolveAccess(deps.store, boardId, token);
    // The adapter keeps this request's context for as long as the socket is open; the upgrade
    // response in it (every security header, ~6 KiB) has been sent and is needed no more.
    const releaseUpgradeResponse = () => {
      c.res = undefined;
    };
    return boardSocketEvents(deps, boardId, access, ticket, releaseUpgradeResponse);
  });
}

function boardSocketEvents(
  deps: SocketDeps,
  boardId: string,
  access: Access,
  ticket: AdmissionTicket,
  releaseUpgradeResponse: () => void,
): WSEvents<WebSocketLike> {
  let connection: SocketConnection | undefined;
  let room: Room | undefined;
  let closed = false;
  const queued: Uint8Array[] = [];
  let queuedBytes = 0;
  const maxQueuedBytes = MAX_QUEUED_MESSAGE_LIMITS * deps.maxMessageBytes;

  const onMessage = (data: RawData, isBinary: boolean) => {
    const conn = connection;
    if (!conn || conn.closing) return;
    deps.metrics.messages.in += 1;
    if (!isBinary || !Buffer.isBuffer(data)) {
      conn.close(CloseCode.BadMessage, 'Only binary y-websocket messages are accepted.');
      return;
    }
    // A plain view of the frame's bytes, no copy (Yjs and lib0 expect Uint8Array, not Buffer).
    const message = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
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
  };

  const receive = (active: Room, conn: SocketConnection, message: Uint8Array) => {
    if (!conn.messageBudget.take()) {
      deps.log.warn(
        { boardId, connection: conn.id, code: CloseCode.TooManyMessages },
        'closing a connection that sent too many messages',
      );
      conn.close(CloseCode.TooManyMessages, 'Too many messages in too short a time.');
      return;
    }
    try {
      if (handleMessage(active, conn, message) === 'echo') {
        conn.messageBudget.giveBack(1 - PRESENCE_ECHO_MESSAGES);
      }
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
      releaseUpgradeResponse();
      if (!access.ok) {
        // For the audit trail: an attempt with a wrong token (never the token itself). An unknown
        // board's id is whatever the client typed, so it is left out.
        deps.log.info(
          access.reason === 'bad-token'
            ? { boardId, reason: access.reason }
            : { reason: access.reason },
          'connection refused',
        );
        if (access.reason === 'unknown-board') {
          ws.close(CloseCode.BoardNotFound, 'There is no such board.');
        } else {
          ws.close(CloseCode.Unauthorized, 'This link is not valid.');
        }
        return;
      }
      const conn = new SocketConnection(ws, access.role, deps.metrics, {
        perSecond: deps.maxMessagesPerSecond,
        burst: deps.maxMessagesInBurst,
      });
      connection = conn;
      // Frames straight from `ws`, not through the adapter's `onMessage`, which wraps each in a
      // MessageEvent holding a copy of its bytes. Subscribed in the same synchronous step as the
      // adapter's own listener would be, so no frame falls between.
      rawSocket(ws).on('message', (data, isBinary) => {
        try {
          onMessage(data, isBinary);
        } catch (error) {
          // The adapter's listener caught for us; a throw here would end the process.
          deps.log.error({ boardId, err: errorSummary(error) }, 'handling a message failed');
          conn.close(1011, 'Something went wrong on the server. Reconnecting.');
        }
      });
      deps.metrics.connections.inc();
      // The audit trail (README): ids and roles only, never tokens, names or text.
      deps.log.info({ boardId, role: conn.role, connection: conn.id }, 'connection opened');
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

    onClose(event) {
      const conn = connection;
      if (!conn || closed) return;
      closed = true;
      conn.closing = true;
      deps.metrics.connections.dec();
      const participantId = conn.participantId;
      deps.log.info(
        {
          boardId,
          role: conn.role,
          ...(participantId === undefined ? {} : { participantId }),
          connection: conn.id,
          code: event.code,
          durationMs: Math.round(performance.now() - conn.openedAt),
        },
        participantId === undefined ? 'connection closed' : 'participant left',
      );
      if (room) deps.rooms.leave(room, conn);
    },
  };
}
