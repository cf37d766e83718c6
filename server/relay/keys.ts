/**
 * @module Redis key names of the relay, all under one prefix (REDIS_PREFIX) so several deployments
 * or test runs can share one Redis without reading each other's messages.
 */

export const DEFAULT_REDIS_PREFIX = 'samkarta:';

export interface RelayKeys {
  /** One stream per board: its updates, awareness and presence queries. */
  board(boardId: string): string;
  /** The board id of a board stream's key; undefined for any other key. */
  boardOf(key: string): string | undefined;
  /** Link rotations and deletions, read by every instance. */
  control: string;
  /** This instance's own stream, written only to wake its blocked reader (reader.ts says why). */
  wake: string;
}

export function relayKeys(prefix: string, instanceId: string): RelayKeys {
  const boardPrefix = `${prefix}board:`;
  return {
    board: (boardId) => boardPrefix + boardId,
    boardOf: (key) => (key.startsWith(boardPrefix) ? key.slice(boardPrefix.length) : undefined),
    control: `${prefix}control`,
    wake: `${prefix}wake:${instanceId}`,
  };
}
