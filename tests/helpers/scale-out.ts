/**
 * @module Test helper: several Samkarta instances as child processes sharing one real PostgreSQL
 * schema and one real Redis under a private key prefix, the way a scale-out deployment runs.
 * Fails (never skips) when either service is down, saying how to start it.
 */
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { createClient } from 'redis';
import { type ServerProcess, spawnServer } from './process';
import { tempDir } from './server';

/** Trust auth on 127.0.0.1; TEST_DATABASE_URL / TEST_REDIS_URL point the tests elsewhere. */
export const TEST_DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const POSTGRES_HINT =
  'Start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start';
const REDIS_HINT =
  'Start it with: redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no';

export interface ScaleOut {
  /** Starts one more instance on the group's database and Redis prefix. */
  spawn(): Promise<ServerProcess>;
  /** The group's Redis key prefix (REDIS_PREFIX). */
  redisPrefix: string;
  /** Every Redis key of the group, for tests that check what Redis holds. */
  redisKeys(): Promise<string[]>;
  /**
   * Notes where the board's stream ends; the function it resolves with waits (a blocking read, no
   * polling) until an update is published after that point.
   */
  watchUpdates(boardId: string): Promise<() => Promise<void>>;
  /** Sends a command to the group's Redis as the test (e.g. to make Redis lose something). */
  redisCommand(args: string[]): Promise<unknown>;
  /** Kills every instance, drops the schema and the group's Redis keys. */
  cleanup(): Promise<void>;
}

/** `redisUrl`: a Redis of the test's own (one it stops and restarts), instead of the machine's. */
export async function startScaleOut(options: { redisUrl?: string } = {}): Promise<ScaleOut> {
  const redisUrl = options.redisUrl ?? TEST_REDIS_URL;
  const redis = createClient({ url: redisUrl, socket: { reconnectStrategy: false } });
  redis.on('error', () => {
    // Reported by connect() below.
  });
  try {
    await redis.connect();
  } catch (error) {
    throw new Error(
      `Redis is not reachable at ${redisUrl} (${(error as Error).message}). ${REDIS_HINT}`,
    );
  }
  const admin = postgres(TEST_DATABASE_URL, { max: 1, onnotice: () => {} });
  const schema = `samkarta_test_${randomBytes(6).toString('hex')}`;
  try {
    await admin`CREATE SCHEMA ${admin(schema)}`;
  } catch (error) {
    await admin.end({ timeout: 1 });
    await redis.close();
    throw new Error(
      `PostgreSQL is not reachable at ${TEST_DATABASE_URL} (${(error as Error).message}). ${POSTGRES_HINT}`,
    );
  }
  const redisPrefix = `samkarta-test-${randomBytes(6).toString('hex')}:`;
  const env = {
    DATABASE_URL: `${TEST_DATABASE_URL}?search_path=${schema}`,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: redisPrefix,
    // Unused with PostgreSQL; private anyway, so a fallback to SQLite could not share state.
    DATA_DIR: tempDir(),
  };
  const instances: ServerProcess[] = [];
  const redisKeys = async () => {
    const found: string[] = [];
    for await (const keys of redis.scanIterator({ MATCH: `${redisPrefix}*`, COUNT: 100 })) {
      found.push(...keys);
    }
    return found;
  };
  const watchUpdates = async (boardId: string) => {
    const key = `${redisPrefix}board:${boardId}`;
    const newest = (await redis.sendCommand(['XREVRANGE', key, '+', '-', 'COUNT', '1'])) as [
      string,
    ][];
    let after = newest[0]?.[0] ?? '0-0';
    return async () => {
      for (;;) {
        const reply = (await redis.sendCommand([
          'XREAD',
          'BLOCK',
          '0',
          'STREAMS',
          key,
          after,
        ])) as Record<string, [string, string[]][]> | null;
        for (const [id, fields] of reply?.[key] ?? []) {
          after = id;
          if (fields[fields.indexOf('t') + 1] === 'u') return;
        }
      }
    };
  };
  return {
    redisPrefix,
    redisKeys,
    watchUpdates,
    redisCommand: (args) => redis.sendCommand(args),
    async spawn() {
      const instance = await spawnServer(env);
      instances.push(instance);
      return instance;
    },
    async cleanup() {
      for (const instance of instances) instance.child.kill('SIGKILL');
      await Promise.all(instances.map((instance) => instance.exited));
      await admin`DROP SCHEMA IF EXISTS ${admin(schema)} CASCADE`;
      await admin.end({ timeout: 5 });
      // A Redis of the test's own may be gone by now; it takes its keys with it.
      if (redis.isReady) {
        const keys = await redisKeys();
        if (keys.length > 0) await redis.del(keys);
        await redis.close();
      } else {
        redis.destroy();
      }
    },
  };
}
