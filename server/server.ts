/** @module Starts one Samkarta process: store, rooms, HTTP + WebSocket on one port. */
import type { Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { type WebSocket, WebSocketServer } from 'ws';
import { CloseCode } from '../shared/protocol';
import { createApp } from './app';
import type { Config } from './config';
import { createLogger, type Logger } from './log';
import { createMetrics } from './metrics';
import { handleBoardUpgrades } from './socket';
import { openSqliteStore } from './store/sqlite';
import type { BoardStore } from './store/types';
import type { Relay } from './sync/relay';
import { Rooms } from './sync/rooms';

/** A connection that has not answered a ping for this long is dropped (dead TCP, sleeping phone). */
export const HEARTBEAT_INTERVAL_MS = 30_000;

export interface RunningServer {
  /** http://host:port of this server. */
  url: string;
  port: number;
  store: BoardStore;
  rooms: Rooms;
  log: Logger;
  /** Closes every connection, stores and unloads every room, closes the store. */
  close(): Promise<void>;
}

/**
 * PostgreSQL when DATABASE_URL is set (shared by every instance), else SQLite in DATA_DIR. The
 * scale-out clients (PostgreSQL here, Redis below) are loaded only when configured: together they
 * are about 7 MB of heap that the embedded default would otherwise carry, and every full garbage
 * collection would mark.
 */
export async function openStore(config: Config): Promise<BoardStore> {
  // The "samkarta listening" log line names the engine; the URL may hold a password, never logged.
  if (config.databaseUrl) {
    const { openPostgresStore } = await import('./store/postgres');
    return openPostgresStore(config.databaseUrl);
  }
  return openSqliteStore(join(config.dataDir, 'samkarta.db'));
}

export async function startServer(
  config: Config,
  log = createLogger(config.logLevel),
): Promise<RunningServer> {
  // Redis first: it is the quicker check, and opening the store may migrate its schema.
  let relay: Relay | undefined;
  if (config.redisUrl) {
    const { openRedisRelay } = await import('./relay/redis');
    relay = await openRedisRelay({ url: config.redisUrl, prefix: config.redisPrefix, log });
  }
  let store: BoardStore;
  try {
    store = await openStore(config);
  } catch (error) {
    await relay?.close();
    throw error;
  }
  const rooms = new Rooms({ store, log, maxBoardBytes: config.maxBoardBytes, relay });
  const metrics = createMetrics({
    storedBytes: () => store.storedBytes(),
    roomsLoaded: () => rooms.loadedCount,
  });
  const app = createApp({
    store,
    rooms,
    log,
    metrics,
    publicUrl: config.publicUrl,
    createKey: config.createKey,
    staticDir: config.staticDir,
  });

  // maxPayload makes ws close oversized messages with 1009 (its default would be 100 MiB).
  const wss = new WebSocketServer({ noServer: true, maxPayload: config.maxMessageBytes });
  const alive = new WeakSet<WebSocket>();
  let shuttingDown = false;
  wss.on('connection', (ws) => {
    // An upgrade that was already under way when the server began to close: it would keep the
    // server open (and a room loaded) after everything else has gone.
    if (shuttingDown) {
      ws.terminate();
      return;
    }
    alive.add(ws);
    ws.on('pong', () => alive.add(ws));
  });
  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (!alive.has(ws)) {
        ws.terminate();
        continue;
      }
      alive.delete(ws);
      ws.ping();
    }
  }, HEARTBEAT_INTERVAL_MS);
  heartbeat.unref();

  let upgrades: ReturnType<typeof handleBoardUpgrades> | undefined;
  let server: ReturnType<typeof serve>;
  try {
    server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
      const started = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () =>
        resolve(started),
      );
      started.once('error', reject);
      // Without TLS or HTTP/2 options, serve() makes a plain node:http server.
      upgrades = handleBoardUpgrades(started as HttpServer, wss, {
        store,
        rooms,
        log,
        metrics,
        maxMessageBytes: config.maxMessageBytes,
        maxMessagesPerSecond: config.maxMessagesPerSecond,
        maxMessagesInBurst: config.maxMessagesInBurst,
      });
    });
  } catch (error) {
    // The port is taken, say: let go of the store (and the data directory's lock) and the relay.
    clearInterval(heartbeat);
    await store.close();
    await relay?.close();
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  const url = `http://${config.host && config.host !== '0.0.0.0' ? config.host : 'localhost'}:${port}`;
  log.info(
    { port, store: config.databaseUrl ? 'postgres' : 'sqlite', relay: relay ? 'redis' : 'none' },
    'samkarta listening',
  );

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      clearInterval(heartbeat);
      shuttingDown = true;
      // Stop listening first, so reconnecting clients cannot load rooms behind closeAll's back.
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      await rooms.closeAll(CloseCode.GoingAway, 'The server is restarting.');
      // Each socket's 'close' writes its line of the audit trail (socket.ts); the process exits
      // once this resolves, and would otherwise leave the lines of those it just cut unwritten.
      const sockets = [...wss.clients].filter((ws) => ws.readyState !== ws.CLOSED);
      const socketsClosed = Promise.all(
        sockets.map((ws) => new Promise<void>((resolve) => ws.once('close', () => resolve()))),
      );
      for (const ws of sockets) ws.terminate();
      // Requests still in flight (a page's fetch) would hold the close open for as long as the
      // browser keeps them; upgrades are no longer the server's, so those waiting for their token
      // check go separately.
      if ('closeAllConnections' in server) server.closeAllConnections();
      upgrades?.dropPending();
      await Promise.all([stopped, socketsClosed]);
      // After closeAll: the rooms' last updates are published before the relay goes.
      await relay?.close();
      await store.close();
    })();
    return closing;
  };
  return { url, port, store, rooms, log, close };
}
