/** @module Test helper: real y-websocket clients, and waiting on events instead of sleeping. */
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

// Each WebsocketProvider adds a process 'exit' listener in Node; tests run more than ten at once.
process.setMaxListeners(100);

export interface BoardClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Resolves once the first sync with the server is complete. */
  synced: Promise<void>;
  destroy(): void;
}

/** `doc` lets a test choose the client id, e.g. to play the same page reconnecting. */
export function connectClient(
  wsUrl: string,
  boardId: string,
  token: string,
  doc = new Y.Doc(),
): BoardClient {
  const provider = new WebsocketProvider(wsUrl, boardId, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) resolve();
    else provider.once('sync', (isSynced: boolean) => isSynced && resolve());
  });
  return {
    doc,
    provider,
    synced,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Resolves when `check` holds, re-checking after every change of any of the docs. */
export function untilDoc(docs: Y.Doc | Y.Doc[], check: () => boolean): Promise<void> {
  const watched = Array.isArray(docs) ? docs : [docs];
  return new Promise((resolve) => {
    const test = () => {
      if (!check()) return;
      for (const doc of watched) doc.off('afterTransaction', test);
      resolve();
    };
    for (const doc of watched) doc.on('afterTransaction', test);
    test();
  });
}

/** Resolves when `check` holds, re-checking after every awareness change. */
export function untilAwareness(provider: WebsocketProvider, check: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const test = () => {
      if (!check()) return;
      provider.awareness.off('change', test);
      resolve();
    };
    provider.awareness.on('change', test);
    test();
  });
}

/** Opens a raw WebSocket and resolves with the close code the server chose. */
export function closeCodeOf(url: string, send?: (ws: WebSocket) => void): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.on('open', () => send?.(ws));
    ws.on('close', (code) => resolve(code));
    ws.on('error', (error) => {
      // An error before open is a failure of the test setup, not a close code.
      if (ws.readyState === WebSocket.CONNECTING) reject(error);
    });
  });
}
