/** @module Opens a board's Y.Doc over the y-websocket relay and re-renders on every change. */
import { useEffect, useState } from 'react';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { webSocketOrigin } from '../location';

/** `connecting` only before the first connection; after that any gap is `offline`. */
export type ConnectionState = 'connecting' | 'connected' | 'offline';

export interface BoardDoc {
  doc: Y.Doc;
  connection: ConnectionState;
  /** Set when the server refused the connection for good (e.g. 4401 for a rotated link). */
  refusedWithCode: number | null;
  /** True once the first sync with the server has completed: the doc then holds the board. */
  synced: boolean;
  /** Bumped on every document update so that components reading the doc render again. */
  revision: number;
}

/** Null until the effect has opened the doc (the first render, and after unmount). */
export function useBoardDoc(boardId: string, token: string): BoardDoc | null {
  const [board, setBoard] = useState<BoardDoc | null>(null);

  useEffect(() => {
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(`${webSocketOrigin(window.location)}/ws`, boardId, doc, {
      params: { token },
    });
    let state: BoardDoc = {
      doc,
      connection: 'connecting',
      refusedWithCode: null,
      synced: false,
      revision: 0,
    };
    const publish = (change: Partial<BoardDoc>) => {
      state = { ...state, ...change };
      setBoard(state);
    };

    const onUpdate = () => publish({ revision: state.revision + 1 });
    const onStatus = ({ status }: { status: string }) => {
      if (status === 'connected') publish({ connection: 'connected' });
    };
    const onSync = (isSynced: boolean) => {
      if (isSynced && !state.synced) publish({ synced: true });
    };
    const onClose = () => publish({ connection: 'offline' });
    // y-websocket stops retrying on 44xx close codes and reports them here.
    const onRefused = ({ code }: { code: number }) => publish({ refusedWithCode: code });

    doc.on('update', onUpdate);
    provider.on('status', onStatus);
    provider.on('sync', onSync);
    provider.on('connection-close', onClose);
    provider.on('closed', onRefused);
    publish({});

    return () => {
      doc.off('update', onUpdate);
      provider.off('status', onStatus);
      provider.off('sync', onSync);
      provider.off('connection-close', onClose);
      provider.off('closed', onRefused);
      provider.destroy();
      doc.destroy();
      setBoard(null);
    };
  }, [boardId, token]);

  return board;
}
