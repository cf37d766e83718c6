/**
 * @module The WebSocket glue for `/ws/:boardId?token=`: checks the token, joins the room and feeds
 * binary frames to the sync layer. One bad frame closes one connection, nothing else.
 *
 * Upgrades are taken with `ws` itself (its documented way of checking a request before the
 * handshake), not @hono/node-server's `upgradeWebSocket`: that adapter keeps each upgrade's Hono
 * context (request, headers, the response with every security header) for as long as the socket is
 * open, about 9 KiB per connection. In the many-rooms benchmark that was most of the server's heap,
 * and marking it most of the garbage collector's work.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { RawData, WebSocket, WebSocketServer } from 'ws';
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
/** `/ws/<boardId>`: the board id is one path segment. */
const BOARD_SOCKET_PATH = /^\/ws\/([^/]+)$/;

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

  constructor(
    private readonly raw: WebSocket,
    readonly role: LinkRole,
    private readonly metrics: Metrics,
    budget: { perSecond: number; burst: number },
  ) {
    this.messageBudget = new TokenBucket(budget.perSecond, budget.burst);
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
    this.raw.close(code, fitCloseReason(reason));
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

/**
 * Answers the upgrades of `/ws/:boardId?token=` on `server` through `wss`. The token is checked
 * before the handshake completes; a refused socket still opens, only to be closed with its code
 * (4401, 4404), which is what tells y-websocket to stop retrying. Any other path is answered 404.
 * Returns what shutdown calls to drop the upgrades whose token check is still under way.
 */
export function handleBoardUpgrades(
  server: Server,
  wss: WebSocketServer,
  deps: SocketDeps,
): { dropPending(): void } {
  const pending = new Set<Duplex>();
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    // A client that goes away while its token is checked must not take the process with it.
    socket.on('error', destroySocket);
    const target = boardSocketTarget(request.url);
    if (!target) {
      refuseUpgrade(socket, '404 Not Found');
      return;
    }
    const { boardId, token } = target;
    // Before the check: a rotation or deletion from here on keeps this socket out of the room.
    const ticket = deps.rooms.admissionTicket(boardId, token ? hashToken(token) : undefined);
    pending.add(socket);
    let handedToWs = false;
    resolveAccess(deps.store, boardId, token)
      .then((access) => {
        pending.delete(socket);
        if (socket.destroyed) return;
        // ws listens for the socket's errors itself from here on.
        socket.off('error', destroySocket);
        handedToWs = true;
        wss.handleUpgrade(request, socket, head, (ws) => {
          // Before anything else (the server's 'connection' listener may already end it): ws
          // closes a socket after an error (a bad frame; 1009) and the close is what gets logged,
          // but an error nobody listens for would end the process.
          ws.on('error', ignoreError);
          wss.emit('connection', ws, request);
          if (ws.readyState === WS_OPEN) openBoardSocket(deps, ws, boardId, access, ticket);
        });
      })
      .catch((error) => {
        pending.delete(socket);
        // No board id: it is whatever the client asked for, and the link may not have been checked.
        deps.log.error({ err: errorSummary(error) }, 'taking a WebSocket upgrade failed');
        // Still plain HTTP when the check failed; past it, ws has the socket and it just goes.
        if (handedToWs) socket.destroy();
        else refuseUpgrade(socket, '500 Internal Server Error');
      });
  });
  return {
    dropPending() {
      for (const socket of pending) socket.destroy();
      pending.clear();
    },
  };
}

function destroySocket(this: Duplex): void {
  this.destroy();
}

function ignoreError(): void {}

/** The board and token of an upgrade's URL, or undefined when it is not `/ws/:boardId`. */
function boardSocketTarget(
  requestUrl: string | undefined,
): { boardId: string; token: string | undefined } | undefined {
  let url: URL;
  try {
    url = new URL(requestUrl ?? '/', 'http://localhost');
  } catch {
    return undefined;
  }
  const segment = BOARD_SOCKET_PATH.exec(url.pathname)?.[1];
  if (segment === undefined) return undefined;
  let boardId: string;
  try {
    boardId = decodeURIComponent(segment);
  } catch {
    return undefined;
  }
  return { boardId, token: url.searchParams.get('token') ?? undefined };
}

/**
 * Answers an upgrade that will not become a WebSocket with a plain HTTP status and closes the
 * socket once that is written: nothing reads an upgraded socket, and a client that never closes
 * its end would otherwise hold it (and shutdown) open for good.
 */
function refuseUpgrade(socket: Duplex, status: string): void {
  if (socket.destroyed) return;
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`, () =>
    socket.destroy(),
  );
}

/** One open socket: refused with its close code, or a connection that joins the board's room. */
function openBoardSocket(
  deps: SocketDeps,
  ws: WebSocket,
  boardId: string,
  access: Access,
  ticket: AdmissionTicket,
): void {
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
  let room: Room | undefined;
  let closed = false;
  const queued: Uint8Array[] = [];
  let queuedBytes = 0;
  const maxQueuedBytes = MAX_QUEUED_MESSAGE_LIMITS * deps.maxMessageBytes;

  const onMessage = (data: RawData, isBinary: boolean) => {
    if (conn.closing) return;
    deps.metrics.messages.in += 1;
    if (!isBinary || !Buffer.isBuffer(data)) {
      conn.close(CloseCode.BadMessage, 'Only binary y-websocket messages are accepted.');
      return;
    }
    // A plain view of the frame's bytes, no copy (Yjs and lib0 expect Uint8Array, not Buffer).
    const message = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    if (room) {
      receive(room, message);
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

  const receive = (active: Room, message: Uint8Array) => {
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

  ws.on('message', (data, isBinary) => {
    try {
      onMessage(data, isBinary);
    } catch (error) {
      // A throw out of a ws listener would end the process.
      deps.log.error({ boardId, err: errorSummary(error) }, 'handling a message failed');
      conn.close(1011, 'Something went wrong on the server. Reconnecting.');
    }
  });
  ws.on('close', (code) => {
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
        code,
        durationMs: Math.round(performance.now() - conn.openedAt),
      },
      participantId === undefined ? 'connection closed' : 'participant left',
    );
    if (room) deps.rooms.leave(room, conn);
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
        receive(joined, message);
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
}
