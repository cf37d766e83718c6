/**
 * @module A compaction snapshot built from the store rather than from a room's doc: with several
 * instances writing one board's log, only the store holds every update up to a sequence number.
 */
import type { BoardStore } from '../store/types';
import { readDocOf } from './doc';
import { encodeBoardState } from './encode';

export async function snapshotOfStore(
  store: BoardStore,
  boardId: string,
): Promise<{ snapshot: Uint8Array; upToSeq: number }> {
  const stored = await store.loadUpdates(boardId);
  const snapshot = readDocOf(boardId, stored.updates, encodeBoardState);
  return { snapshot, upToSeq: stored.lastSeq };
}
