/** @module The storage interface: SQL and bytes only, no Yjs. One implementation per engine. */
import type { Language } from '../../shared/language';
import type { LinkRole } from '../../shared/roles';
import type { VersionInfo } from '../../shared/version';

export interface BoardRecord {
  id: string;
  title: string;
  language: Language;
  /** Milliseconds since the epoch. */
  createdAt: number;
}

/** The stored history of one board's document, oldest first. */
export interface StoredUpdates {
  /** Yjs updates in the order they were stored (a compaction snapshot, if any, comes first). */
  updates: Uint8Array[];
  /** Sequence number of the newest update; 0 when there is none. */
  lastSeq: number;
  /** Sum of the byte lengths of `updates`. */
  bytes: number;
}

/** A named version as stored: its info and the board's Yjs state at that moment, as one update. */
export interface StoredVersion extends VersionInfo {
  snapshot: Uint8Array;
}

/**
 * Versions one board may keep. Each is a whole snapshot (up to MAX_BOARD_BYTES), so without a cap a
 * board would grow without end; a meeting every week for ten years stays well below it.
 */
export const MAX_VERSIONS_PER_BOARD = 500;

/** saveVersion's refusal when the board already keeps MAX_VERSIONS_PER_BOARD versions. */
export class VersionLimitError extends Error {
  constructor(boardId: string) {
    super(`Board ${boardId} already keeps ${MAX_VERSIONS_PER_BOARD} versions.`);
    this.name = 'VersionLimitError';
  }
}

/**
 * Everything the server keeps about boards. Writes are durable when their promise resolves:
 * the relay relies on that to store an update before anyone else sees it.
 */
export interface BoardStore {
  /** Creates a board with its first document update and the hashes of its three link tokens. */
  createBoard(
    board: BoardRecord,
    tokenHashes: Readonly<Record<LinkRole, string>>,
    initialUpdate: Uint8Array,
  ): Promise<void>;
  getBoard(boardId: string): Promise<BoardRecord | undefined>;
  /** The role whose current token has this hash, if any. */
  roleForTokenHash(boardId: string, tokenHash: string): Promise<LinkRole | undefined>;
  /**
   * Replaces a role's token hash (rotation); the old token stops matching at once.
   * Rejects for a board that does not exist.
   */
  setTokenHash(boardId: string, role: LinkRole, tokenHash: string): Promise<void>;
  /**
   * Appends updates atomically (all or none); resolves with the new last sequence number, which is
   * greater than every earlier one of the board (an empty list stores nothing and resolves with the
   * current one). Rejects for a board that does not exist, so a room that flushes after its board
   * was deleted cannot bring any of it back.
   */
  appendUpdates(boardId: string, updates: readonly Uint8Array[]): Promise<number>;
  loadUpdates(boardId: string): Promise<StoredUpdates>;
  /**
   * Compaction: atomically replaces every update with seq ≤ `upToSeq` by `snapshot`, which must
   * contain at least their content. Updates stored after `upToSeq` are kept and still load after
   * the snapshot; `lastSeq` does not change. Rejects unless 1 ≤ `upToSeq` ≤ `lastSeq`, or for a
   * board that does not exist.
   */
  compactUpdates(boardId: string, snapshot: Uint8Array, upToSeq: number): Promise<void>;
  /**
   * Stores a named version. Rejects for a board that does not exist, for an id the board already
   * has, and with VersionLimitError when the board keeps MAX_VERSIONS_PER_BOARD versions already.
   */
  saveVersion(boardId: string, version: StoredVersion): Promise<void>;
  /** The board's versions without their snapshots, oldest first (ties in the order they were saved). */
  listVersions(boardId: string): Promise<VersionInfo[]>;
  loadVersion(boardId: string, versionId: string): Promise<StoredVersion | undefined>;
  /** Erases every stored byte of the board, its versions included. False when there was none. */
  deleteBoard(boardId: string): Promise<boolean>;
  /** Total bytes of stored document updates over all boards (for /metrics). */
  storedBytes(): Promise<number>;
  /** Safe to call more than once. */
  close(): Promise<void>;
}
