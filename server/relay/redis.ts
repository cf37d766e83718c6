/**
 * @module The relay between instances over Redis Streams (REDIS_URL). One stream per board carries
 * its stored updates, accepted awareness and presence queries; one control stream carries link
 * rotations and deletions. Streams, not pub/sub: a reader asks for everything after the last id it
 * saw, so a slow instance or a room that is loading misses nothing (PITFALLS "pub/sub is lossy").
 * Every entry names its instance, which drops its own.
 */
import { randomUUID } from 'node:crypto';
import { createClient, RESP_TYPES } from 'redis';
import { isLinkRole } from '../../shared/roles';
import { errorSummary, type Logger } from '../log';
import type { BoardFollower, ControlEvent, Relay, RelayPosition } from '../sync/relay';
import { relayKeys } from './keys';
import { type CommandClient, type StreamEntry, StreamReader } from './reader';
import { isAfter, STREAM_START } from './stream-ids';

/**
 * A board stream keeps about this many entries. Instances read as entries arrive, so this is only
 * reached by a reader stalled for minutes; a reader that lost its connection reloads from the store.
 */
export const BOARD_STREAM_MAX_ENTRIES = 10_000;
/**
 * A board stream disappears this long after its last entry: it holds card text, which should not
 * outlive its use in Redis (the store is the record).
 */
export const BOARD_STREAM_TTL_MS = 10 * 60_000;
export const CONTROL_STREAM_MAX_ENTRIES = 1_000;
export const WAKE_STREAM_TTL_MS = 60_000;
/** How long the first connection may take before the server refuses to start. */
export const CONNECT_TIMEOUT_MS = 5_000;
const MAX_RECONNECT_DELAY_MS = 2_000;

export interface RedisRelayOptions {
  url: string;
  prefix: string;
  log: Logger;
}

interface Following {
  follower: BoardFollower;
  after: string;
}

/** Connects to Redis; rejects with a readable sentence when it cannot be reached. */
export async function openRedisRelay(options: RedisRelayOptions): Promise<Relay> {
  const { log } = options;
  const instanceId = randomUUID();
  const keys = relayKeys(options.prefix, instanceId);
  let started = false;
  const commands = createClient({
    url: options.url,
    socket: {
      connectTimeout: CONNECT_TIMEOUT_MS,
      // At start an unreachable Redis is a configuration error; later it is an outage to ride out.
      reconnectStrategy: (retries, cause) =>
        started ? Math.min(retries * 100, MAX_RECONNECT_DELAY_MS) : cause,
    },
  });
  commands.on('error', (error) => {
    if (started) log.warn({ err: errorSummary(error) }, 'Redis connection problem');
  });
  const reader = commands.duplicate();
  reader.on('error', () => {
    // The reader's failures surface as failed reads (reader.ts), logged there.
  });
  try {
    await commands.connect();
    await reader.connect();
  } catch (error) {
    commands.destroy();
    reader.destroy();
    throw new Error(
      `Redis at REDIS_URL could not be reached (${errorSummary(error).message}). Start Redis or unset REDIS_URL.`,
    );
  }
  started = true;
  const binaryReader = reader.withTypeMapping({
    [RESP_TYPES.BLOB_STRING]: Buffer,
  }) as unknown as CommandClient;
  const send = (args: (string | Buffer)[]) => commands.sendCommand(args) as Promise<unknown>;
  const lastId = async (key: string): Promise<string> => {
    const newest = (await send(['XREVRANGE', key, '+', '-', 'COUNT', '1'])) as [string][];
    return newest[0]?.[0] ?? STREAM_START;
  };
  const logFailure = (what: string) => (error: unknown) =>
    log.error({ err: errorSummary(error) }, `publishing ${what} to Redis failed`);

  const following = new Map<string, Following>();
  let controlAfter = await lastId(keys.control);
  let wakeAfter = STREAM_START;
  let controlListener: (event: ControlEvent) => void = () => {};

  const wake = () => {
    Promise.all([
      send(['XADD', keys.wake, 'MAXLEN', '1', '*', 'w', '1']),
      send(['PEXPIRE', keys.wake, String(WAKE_STREAM_TTL_MS)]),
    ]).catch(logFailure('a wake-up'));
  };

  const publishBoard = (boardId: string, type: string, data: Uint8Array | undefined) => {
    const key = keys.board(boardId);
    const fields: (string | Buffer)[] = ['i', instanceId, 't', type];
    if (data) fields.push('d', Buffer.from(data.buffer, data.byteOffset, data.byteLength));
    const max = String(BOARD_STREAM_MAX_ENTRIES);
    Promise.all([
      send(['XADD', key, 'MAXLEN', '~', max, '*', ...fields]),
      send(['PEXPIRE', key, String(BOARD_STREAM_TTL_MS)]),
    ]).catch(logFailure('a board message'));
  };

  const deliverBoard = (boardId: string, entries: StreamEntry[]) => {
    const current = following.get(boardId);
    if (!current) return;
    for (const entry of entries) {
      // A reply to a read issued before this board was followed again from a later position.
      if (!isAfter(entry.id, current.after)) continue;
      current.after = entry.id;
      if (String(entry.fields.get('i')) === instanceId) continue;
      const type = String(entry.fields.get('t'));
      const data = entry.fields.get('d');
      if (type === 'u' && data) current.follower.update(new Uint8Array(data));
      else if (type === 'a' && data) current.follower.awareness(new Uint8Array(data));
      else if (type === 'q') current.follower.presenceQuery();
    }
  };

  const deliverControl = (entries: StreamEntry[]) => {
    for (const entry of entries) {
      controlAfter = entry.id;
      if (String(entry.fields.get('i')) === instanceId) continue;
      const boardId = String(entry.fields.get('b'));
      const role = String(entry.fields.get('r'));
      const type = String(entry.fields.get('t'));
      const tokenHash = entry.fields.get('h');
      if (type === 'board-deleted') controlListener({ type, boardId });
      else if (type === 'link-rotated' && isLinkRole(role))
        controlListener({
          type,
          boardId,
          role,
          ...(tokenHash === undefined ? {} : { tokenHash: String(tokenHash) }),
        });
    }
  };

  const streamReader = new StreamReader(
    binaryReader,
    {
      streams: () => [
        [keys.control, controlAfter],
        [keys.wake, wakeAfter],
        ...[...following].map(([boardId, f]): [string, string] => [keys.board(boardId), f.after]),
      ],
      deliver: (key, entries) => {
        if (key === keys.control) deliverControl(entries);
        else if (key === keys.wake) wakeAfter = entries.at(-1)?.id ?? wakeAfter;
        else {
          const boardId = keys.boardOf(key);
          if (boardId !== undefined) deliverBoard(boardId, entries);
        }
      },
      // Same order as a room load: note where each stream ends, then reapply the stored board.
      recover: async () => {
        for (const [boardId, current] of [...following]) {
          const position = await lastId(keys.board(boardId));
          await current.follower.catchUp();
          if (following.get(boardId) === current && isAfter(position, current.after)) {
            current.after = position;
          }
        }
      },
    },
    log,
  );
  streamReader.start();

  return {
    position: (boardId) => lastId(keys.board(boardId)),
    follow(boardId: string, from: RelayPosition, follower: BoardFollower) {
      following.set(boardId, { follower, after: from });
      wake();
    },
    unfollow(boardId, follower) {
      if (following.get(boardId)?.follower === follower) following.delete(boardId);
    },
    publishUpdate: (boardId, update) => publishBoard(boardId, 'u', update),
    publishAwareness: (boardId, update) => publishBoard(boardId, 'a', update),
    queryPresence: (boardId) => publishBoard(boardId, 'q', undefined),
    async publishControl(event) {
      // The new token's hash (never the token) lets a socket already checked with it in.
      const role =
        event.type === 'link-rotated'
          ? ['r', event.role, ...(event.tokenHash === undefined ? [] : ['h', event.tokenHash])]
          : [];
      const max = String(CONTROL_STREAM_MAX_ENTRIES);
      const fields = ['i', instanceId, 't', event.type, 'b', event.boardId, ...role];
      await send(['XADD', keys.control, 'MAXLEN', '~', max, '*', ...fields]);
      // The board's relayed updates hold its text; erased from Redis too (SPEC: erasable).
      if (event.type === 'board-deleted') await send(['DEL', keys.board(event.boardId)]);
    },
    onControl(listener) {
      controlListener = listener;
    },
    async close() {
      const stopping = streamReader.stop();
      reader.destroy();
      await stopping;
      following.clear();
      await send(['DEL', keys.wake]).catch(() => undefined);
      await commands.close();
    },
  };
}
