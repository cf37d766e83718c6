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
  /**
   * Presence (awareness) for a client id that another live connection owns, or for more client ids
   * than MAX_PRESENCE_CLIENTS_PER_CONNECTION: the connection tried to speak for someone else.
   */
  PresenceNotYours: 4403,
  /** One presence state over MAX_PRESENCE_STATE_BYTES (like HTTP 431: the metadata is too large). */
  PresenceTooLarge: 4431,
  /** More messages than the token bucket allows (MAX_MESSAGES_PER_SECOND, MAX_MESSAGES_IN_BURST). */
  TooManyMessages: 4429,
  /**
   * The board already has MAX_CONNECTIONS_PER_BOARD connections. In the 45xx range on purpose:
   * y-websocket retries those (44xx it gives up on), and a seat frees up when someone leaves.
   */
  BoardFull: 4503,
  /** The server could not store an update; the client should reconnect. */
  StorageFailed: 4500,
  /**
   * Another client's update broke the board in memory (Yjs threw halfway through applying it);
   * the server reloads the board from the store and the client should reconnect.
   */
  BoardReloaded: 4501,
  /** Standard: a message over MAX_MESSAGE_BYTES. */
  MessageTooBig: 1009,
  /** Standard: the server is shutting down. */
  GoingAway: 1001,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

export const DEFAULT_MAX_MESSAGE_BYTES = 1024 * 1024;
export const DEFAULT_MAX_BOARD_BYTES = 20 * 1024 * 1024;

/** RFC 6455: a close frame's reason is at most this many UTF-8 bytes (`ws` throws beyond it). */
export const MAX_CLOSE_REASON_BYTES = 123;

/**
 * A mapping meeting is at most ~20 people, some with a phone and a laptop, plus a projector: 64
 * leaves room for every device twice over. The newest connection beyond it is closed (BoardFull).
 */
export const MAX_CONNECTIONS_PER_BOARD = 64;

/**
 * One y-websocket client announces exactly one awareness client id (its doc's). A browser with the
 * same board open in several tabs relays the other tabs' presence over BroadcastChannel, so a
 * connection may come to own a few; more than this is someone speaking for others.
 */
export const MAX_PRESENCE_CLIENTS_PER_CONNECTION = 4;

/**
 * Largest JSON text of one presence state. What our client sends (client/board/presence.ts: a
 * participant id, a name of at most 60 characters, role, colour, cursor, the card being edited or
 * dragged) stays under 1 KiB; the limit is per state rather than per update because y-websocket
 * echoes every presence it receives, so an honest update can carry the whole room's states.
 */
export const MAX_PRESENCE_STATE_BYTES = 8 * 1024;

/**
 * The message budget of one connection, a token bucket: refilled at MAX_MESSAGES_PER_SECOND, at
 * most MAX_MESSAGES_IN_BURST saved up. An honest client at its busiest — dragging a card or a
 * scale marker sends a cursor, a drag position and a rating write, each throttled to one per
 * 33 ms (PRESENCE_INTERVAL_MS, scale-drag.ts), while typing adds one update per keystroke — stays
 * near 100 messages a second, half the refill. The burst covers ten seconds of that arriving at
 * once after a phone's network stalled. Configurable by env for benchmarks, which type faster.
 */
export const MAX_MESSAGES_PER_SECOND = 200;
export const MAX_MESSAGES_IN_BURST = 1000;

/**
 * What a presence echo that changes nothing costs, in messages. y-websocket sends back every
 * presence it receives, so an honest client's echoes grow with the room, not with what it does:
 * 64 people all moving their cursors would be ~1,900 echoes a second, ~95 messages' worth. A
 * flood of them still runs dry, at twenty times the rate of real messages.
 */
export const PRESENCE_ECHO_MESSAGES = 1 / 20;

/** `reason` cut to what a WebSocket close frame can carry, never inside a character. */
export function fitCloseReason(reason: string): string {
  const bytes = new TextEncoder().encode(reason);
  if (bytes.length <= MAX_CLOSE_REASON_BYTES) return reason;
  let end = MAX_CLOSE_REASON_BYTES;
  // Back up over UTF-8 continuation bytes (10xxxxxx) to the start of a character.
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end -= 1;
  return new TextDecoder().decode(bytes.subarray(0, end));
}
