/**
 * @module What the sync layer needs of a relay between server instances (REDIS_URL): publish what
 * this instance accepted, and follow a board's messages from a position taken before its load.
 * The sync layer never sees Redis; `server/relay/redis.ts` is the one implementation.
 */
import type { LinkRole } from '../../shared/roles';

/** Where a board's message log ended at some moment; opaque to the sync layer. */
export type RelayPosition = string;

/** What another instance said about a board this instance has loaded. */
export interface BoardFollower {
  /** A document update, already stored by the instance that published it. */
  update(update: Uint8Array): void;
  /** An awareness update that instance accepted from its own connections. */
  awareness(update: Uint8Array): void;
  /** A room loaded elsewhere and asks who is here: answer with this instance's presence. */
  presenceQuery(): void;
  /**
   * Messages may have been lost (Redis was unreachable): apply the stored board again. Everything
   * published was stored first, so the store has whatever the gap held.
   */
  catchUp(): Promise<void>;
}

export type ControlEvent =
  | { type: 'link-rotated'; boardId: string; role: LinkRole; tokenHash?: string }
  | { type: 'board-deleted'; boardId: string };

export interface Relay {
  /** The end of the board's log now. Take it before loading the board from the store. */
  position(boardId: string): Promise<RelayPosition>;
  /** Delivers the board's messages from other instances published after `from`, until unfollow. */
  follow(boardId: string, from: RelayPosition, follower: BoardFollower): void;
  /** Stops delivering; a follower that is no longer the board's current one is ignored. */
  unfollow(boardId: string, follower: BoardFollower): void;
  /** Call only once the update is stored. */
  publishUpdate(boardId: string, update: Uint8Array): void;
  publishAwareness(boardId: string, update: Uint8Array): void;
  queryPresence(boardId: string): void;
  /** Resolves once every instance can read the event. A deletion also drops the board's log. */
  publishControl(event: ControlEvent): Promise<void>;
  /** Where control events from other instances go; set once, by Rooms. */
  onControl(listener: (event: ControlEvent) => void): void;
  close(): Promise<void>;
}
