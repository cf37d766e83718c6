/** @module Server configuration from environment variables (SPEC §5), validated once at start. */
import { resolve } from 'node:path';
import { z } from 'zod';
import {
  DEFAULT_MAX_BOARD_BYTES,
  DEFAULT_MAX_MESSAGE_BYTES,
  MAX_MESSAGES_IN_BURST,
  MAX_MESSAGES_PER_SECOND,
} from '../shared/protocol';
import { DEFAULT_REDIS_PREFIX } from './relay/keys';

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: optionalText,
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: optionalText,
  REDIS_URL: optionalText,
  REDIS_PREFIX: z.string().min(1).default(DEFAULT_REDIS_PREFIX),
  PUBLIC_URL: optionalText,
  CREATE_KEY: optionalText,
  MAX_MESSAGE_BYTES: positiveInt(DEFAULT_MAX_MESSAGE_BYTES),
  MAX_BOARD_BYTES: positiveInt(DEFAULT_MAX_BOARD_BYTES),
  MAX_MESSAGES_PER_SECOND: positiveInt(MAX_MESSAGES_PER_SECOND),
  MAX_MESSAGES_IN_BURST: positiveInt(MAX_MESSAGES_IN_BURST),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  STATIC_DIR: z.string().default('./dist/client'),
});

export interface Config {
  port: number;
  host: string | undefined;
  dataDir: string;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  /** Start of every Redis key the relay uses, so deployments (or test runs) can share a Redis. */
  redisPrefix: string;
  /** Origin used in role links; when unset, links use the origin of the creating request. */
  publicUrl: string | undefined;
  createKey: string | undefined;
  maxMessageBytes: number;
  maxBoardBytes: number;
  /** Each connection's message budget (shared/protocol.ts says why these defaults). */
  maxMessagesPerSecond: number;
  maxMessagesInBurst: number;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  /** Where the built client lives; served when present. */
  staticDir: string;
}

export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.')}: ${issue.message}`,
    );
    throw new Error(`Invalid configuration: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  // Instances trust that what another publishes is already stored: they must share one store,
  // and SQLite files are one per machine (its erasure needs the file to itself).
  if (e.REDIS_URL && !e.DATABASE_URL) {
    throw new Error(
      'Invalid configuration: REDIS_URL relays between instances that share one store; set DATABASE_URL (PostgreSQL) too.',
    );
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    redisPrefix: e.REDIS_PREFIX,
    publicUrl: e.PUBLIC_URL?.replace(/\/+$/, ''),
    createKey: e.CREATE_KEY,
    maxMessageBytes: e.MAX_MESSAGE_BYTES,
    maxBoardBytes: e.MAX_BOARD_BYTES,
    maxMessagesPerSecond: e.MAX_MESSAGES_PER_SECOND,
    maxMessagesInBurst: e.MAX_MESSAGES_IN_BURST,
    logLevel: e.LOG_LEVEL,
    staticDir: resolve(e.STATIC_DIR),
  };
}
