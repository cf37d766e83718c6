/**
 * @module A compaction snapshot built from the store rather than from a room's doc: with several
 * instances writing one board's log, only the store holds every update up to a sequence number.
 */
import * as Y from 'yjs';
import type { BoardStore } from '../store/types';
import { serverDoc } from './doc';
import { encodeBoardState } from './encode';

export async function snapshotOfStore(
  store: BoardStore,
  boardId: string,
): Promise<{ snapshot: Uint8Array; upToSeq: number }> {
  const stored = await store.loadUpdates(boardId);
  const doc = serverDoc(boardId);
  try {
    doc.transact(() => {
      for (const update of stored.updates) Y.applyUpdate(doc, update);
    });
    return { snapshot: encodeBoardState(doc), upToSeq: stored.lastSeq };
  } finally {
    doc.destroy();
  }
}
