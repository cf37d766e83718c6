/**
 * @module The relay's one blocking reader: a single XREAD over the control stream, this instance's
 * wake stream and every followed board's stream, on a connection of its own (a connection blocked
 * in XREAD can do nothing else).
 *
 * Why a wake stream: XREAD reads a fixed list of keys, so a board loaded while it blocks would wait
 * for the block to end. Writing to this instance's own wake stream (in the list) ends it at once;
 * since the reader reads the wake stream from the last id it saw, a wake sent just before it
 * blocks still counts, which a CLIENT UNBLOCK could miss. The block also ends every
 * READ_BLOCK_MS as a safety net.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { errorSummary, type Logger } from '../log';

/** The longest one XREAD blocks. */
export const READ_BLOCK_MS = 5_000;
/** Entries read per stream per XREAD. */
export const READ_COUNT = 500;
/** Pause after a failed read before trying again (Redis restarting, network gone). */
export const READ_RETRY_MS = 500;

export interface StreamEntry {
  id: string;
  fields: Map<string, Buffer>;
}

/** What node-redis gives us, with replies mapped to Buffers (binary updates stay bytes). */
export interface CommandClient {
  sendCommand(args: (string | Buffer)[]): Promise<unknown>;
}

export interface ReaderTarget {
  /** Each key to read with the id after which to read it; asked before every XREAD. */
  streams(): [key: string, after: string][];
  deliver(key: string, entries: StreamEntry[]): void;
  /** After a failed read, before the next: messages may have been missed meanwhile. */
  recover(): Promise<void>;
}

export class StreamReader {
  private stopped = false;
  /** Cuts the pause between retries short, so stopping never waits for it. */
  private readonly stopping = new AbortController();
  private running: Promise<void> | undefined;

  constructor(
    private readonly client: CommandClient,
    private readonly target: ReaderTarget,
    private readonly log: Logger,
  ) {}

  start(): void {
    this.running ??= this.loop();
  }

  /** Ends the loop; the caller then destroys the connection, which rejects the pending XREAD. */
  stop(): Promise<void> {
    this.stopped = true;
    this.stopping.abort();
    return this.running ?? Promise.resolve();
  }

  private async loop(): Promise<void> {
    let lost = false;
    while (!this.stopped) {
      try {
        if (lost) {
          await this.target.recover();
          lost = false;
        }
        const streams = this.target.streams();
        const reply = await this.client.sendCommand([
          'XREAD',
          'COUNT',
          String(READ_COUNT),
          'BLOCK',
          String(READ_BLOCK_MS),
          'STREAMS',
          ...streams.map(([key]) => key),
          ...streams.map(([, after]) => after),
        ]);
        if (this.stopped) return;
        for (const [key, entries] of readReply(reply)) this.target.deliver(key, entries);
      } catch (error) {
        if (this.stopped) return;
        this.log.warn({ err: errorSummary(error) }, 'reading from Redis failed; retrying');
        lost = true;
        await sleep(READ_RETRY_MS, undefined, { signal: this.stopping.signal }).catch(() => {});
      }
    }
  }
}

type RawEntry = [Buffer, Buffer[]];

/** XREAD's RESP3 reply: null on timeout, else a map of key to entries [id, [field, value, …]]. */
function readReply(reply: unknown): [string, StreamEntry[]][] {
  if (reply === null || typeof reply !== 'object') return [];
  return Object.entries(reply as Record<string, RawEntry[]>).map(([key, raw]) => [
    key,
    raw.map(([id, flat]) => {
      const fields = new Map<string, Buffer>();
      for (let i = 0; i + 1 < flat.length; i += 2) {
        fields.set(String(flat[i]), flat[i + 1] as Buffer);
      }
      return { id: String(id), fields };
    }),
  ]);
}
