/** @module Wire constants shared by server and client: WebSocket close codes and size limits. */

/** Close codes the server uses on `/ws/:boardId` (SPEC §4.2). */
export const CloseCode = {
  /** Wrong, missing or revoked token. */
  Unauthorized: 4401,
  /** No board with that id (or it was deleted). */
  BoardNotFound: 4404,
  /** A frame that is not a valid y-websocket message, or a corrupt Yjs update. */
  BadMessage: 4400,
  /** The board would grow past MAX_BOARD_BYTES. */
  BoardTooLarge: 4413,
  /** The server could not store an update; the client should reconnect. */
  StorageFailed: 4500,
  /** Standard: a message over MAX_MESSAGE_BYTES. */
  MessageTooBig: 1009,
  /** Standard: the server is shutting down. */
  GoingAway: 1001,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

export const DEFAULT_MAX_MESSAGE_BYTES = 1024 * 1024;
export const DEFAULT_MAX_BOARD_BYTES = 20 * 1024 * 1024;
