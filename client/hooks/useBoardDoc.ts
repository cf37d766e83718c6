/** @module Opens a board's Y.Doc: a local copy in IndexedDB plus the live y-websocket relay. */
import { useEffect, useState } from 'react';
import { IndexeddbPersistence } from 'y-indexeddb';
import type { Awareness } from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { metaMap } from '../../shared/board';
import { CloseCode } from '../../shared/protocol';
import { forgetBoard, localCopyName } from '../board/known-boards';
import { holdDuringOwnRotation } from '../board/own-rotation';
import { webSocketOrigin } from '../location';

/** `connecting` only before the first connection; after that any gap is `offline`. */
export type ConnectionState = 'connecting' | 'connected' | 'offline';

export interface BoardDoc {
  doc: Y.Doc;
  awareness: Awareness;
  connection: ConnectionState;
  /** Set when the server refused the connection for good (e.g. 4401 for a rotated link). */
  refusedWithCode: number | null;
  /**
   * True once the doc holds the board: after the first sync with the server, or at once when
   * this device kept a copy from an earlier visit (so a reload while offline still shows it).
   */
  ready: boolean;
}

/** Null until the effect has opened the doc (the first render, and after unmount). */
export function useBoardDoc(boardId: string, token: string): BoardDoc | null {
  const [board, setBoard] = useState<BoardDoc | null>(null);

  useEffect(() => {
    const doc = new Y.Doc();
    // The local copy first: it fills the doc from this device's last visit while the socket connects.
    const local = new IndexeddbPersistence(localCopyName(boardId), doc);
    // Another tab may erase the copy (a link refused there, see forgetBoard). The connection
    // then closes, and y-indexeddb would throw on every later update — before the relay hears
    // of it, so nothing more would be sent. Go on without the copy instead.
    void local._db.then((db) => db.addEventListener('versionchange', () => void local.destroy()));
    const provider = new WebsocketProvider(`${webSocketOrigin(window.location)}/ws`, boardId, doc, {
      params: { token },
    });
    let state: BoardDoc = {
      doc,
      awareness: provider.awareness,
      connection: 'connecting',
      refusedWithCode: null,
      ready: false,
    };
    const publish = (change: Partial<BoardDoc>) => {
      state = { ...state, ...change };
      setBoard(state);
    };

    const onStatus = ({ status }: { status: string }) => {
      if (status === 'connected') publish({ connection: 'connected' });
    };
    const onSync = (isSynced: boolean) => {
      if (isSynced && !state.ready) publish({ ready: true });
    };
    const onClose = () => {
      if (state.connection !== 'offline') publish({ connection: 'offline' });
    };
    // False after cleanup: a refusal held back during a rotation may come after this effect is gone.
    let open = true;
    const refuse = (code: number) => {
      if (!open) return;
      publish({ refusedWithCode: code });
      // A revoked link or a deleted board: this device should not keep what it may no longer see.
      if (code === CloseCode.Unauthorized || code === CloseCode.BoardNotFound) {
        void local.clearData();
        // And the remembered link check, or an offline reload would wait for a copy that is gone.
        forgetBoard(
          boardId,
          code === CloseCode.BoardNotFound ? 'board-gone' : 'link-refused',
          token,
        );
      }
    };
    // y-websocket stops retrying on 44xx close codes and reports them here.
    const onRefused = ({ code }: { code: number }) => {
      // The facilitator replacing this very page's link: the page reloads with the new one and
      // keeps its copy. Held back, not dropped, in case the rotation fails.
      if (code === CloseCode.Unauthorized && holdDuringOwnRotation(boardId, () => refuse(code))) {
        return;
      }
      refuse(code);
    };

    // A phone losing its network would otherwise look connected until y-websocket's 30 s
    // silence timeout: say so at once, and reconnect as soon as the network is back.
    const onNetworkLost = () => {
      publish({ connection: 'offline' });
      provider.disconnect();
    };
    const onNetworkBack = () => provider.connect();
    window.addEventListener('offline', onNetworkLost);
    window.addEventListener('online', onNetworkBack);

    provider.on('status', onStatus);
    provider.on('sync', onSync);
    provider.on('connection-close', onClose);
    provider.on('connection-error', onClose);
    provider.on('closed', onRefused);
    void local.whenSynced.then(() => {
      // An empty local copy (first visit) says nothing; wait for the server then.
      if (!state.ready && metaMap(doc).has('title')) publish({ ready: true });
    });
    publish({});

    return () => {
      open = false;
      window.removeEventListener('offline', onNetworkLost);
      window.removeEventListener('online', onNetworkBack);
      provider.off('status', onStatus);
      provider.off('sync', onSync);
      provider.off('connection-close', onClose);
      provider.off('connection-error', onClose);
      provider.off('closed', onRefused);
      provider.destroy();
      void local.destroy();
      doc.destroy();
      setBoard(null);
    };
  }, [boardId, token]);

  return board;
}
