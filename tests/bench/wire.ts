/**
 * @module A lean y-websocket protocol client for benchmarks: the same messages as the
 * WebsocketProvider (SyncStep1 on open, SyncStep2 in reply, updates), without a Y.Doc unless asked
 * for, so that hundreds of them in the bench process leave the CPU to the servers being measured.
 */

import { performance } from 'node:perf_hooks';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as Y from 'yjs';

const MESSAGE_SYNC = 0;
const SYNC_STEP1 = 0;
const SYNC_STEP2 = 1;
const SYNC_UPDATE = 2;
/** Marks changes that came from the server, so they are not sent back. */
const REMOTE = Symbol('remote');

const EMPTY_STATE_VECTOR = Y.encodeStateVector(new Y.Doc());
const EMPTY_UPDATE = Y.encodeStateAsUpdate(new Y.Doc());

function syncMessage(step: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  encoding.writeVarUint(encoder, step);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

export class WireClient {
  readonly ws: WebSocket;
  /** performance.now() when the WebSocket opened. */
  readonly opened: Promise<number>;
  /** performance.now() when the server's first SyncStep2 (the board) arrived. */
  readonly synced: Promise<number>;
  readonly closed: Promise<void>;
  /** Called with every relayed update and when it arrived. */
  onUpdate: ((update: Uint8Array, at: number) => void) | undefined;
  private readonly step2Waiters: (() => void)[] = [];

  constructor(
    url: string,
    /** With a doc, the client applies what it receives and sends what changes in it. */
    readonly doc?: Y.Doc,
  ) {
    this.ws = new WebSocket(url);
    this.ws.binaryType = 'arraybuffer';
    this.opened = new Promise((resolve, reject) => {
      this.ws.once('open', () => resolve(performance.now()));
      this.ws.once('error', reject);
    });
    let markSynced: (at: number) => void = () => {};
    this.synced = new Promise((resolve, reject) => {
      markSynced = resolve;
      this.ws.once('close', (code) => reject(new Error(`closed with ${code} before syncing`)));
    });
    this.synced.catch(() => {});
    this.step2Waiters.push(() => markSynced(performance.now()));
    this.closed = new Promise((resolve) => this.ws.once('close', () => resolve()));
    this.ws.on('open', () => this.ws.send(syncMessage(SYNC_STEP1, this.stateVector())));
    this.ws.on('message', (data: ArrayBuffer) => this.receive(new Uint8Array(data)));
    doc?.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== REMOTE) this.sendUpdate(update);
    });
  }

  sendUpdate(update: Uint8Array): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(syncMessage(SYNC_UPDATE, update));
  }

  /** Resolves once the server has answered a SyncStep1; ours answers only once all is stored. */
  roundTrip(): Promise<void> {
    return new Promise((resolve) => {
      this.step2Waiters.push(resolve);
      this.ws.send(syncMessage(SYNC_STEP1, this.stateVector()));
    });
  }

  close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CONNECTING) {
      this.ws.once('open', () => this.ws.close());
    } else {
      this.ws.close();
    }
    return this.closed;
  }

  private stateVector(): Uint8Array {
    return this.doc ? Y.encodeStateVector(this.doc) : EMPTY_STATE_VECTOR;
  }

  private receive(message: Uint8Array): void {
    const at = performance.now();
    const decoder = decoding.createDecoder(message);
    if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return; // presence: not measured
    const step = decoding.readVarUint(decoder);
    const payload = decoding.readVarUint8Array(decoder);
    if (step === SYNC_STEP1) {
      const reply = this.doc ? Y.encodeStateAsUpdate(this.doc, payload) : EMPTY_UPDATE;
      this.ws.send(syncMessage(SYNC_STEP2, reply));
      return;
    }
    if (this.doc) Y.applyUpdate(this.doc, payload, REMOTE);
    if (step === SYNC_STEP2) {
      this.step2Waiters.shift()?.();
    } else if (step === SYNC_UPDATE) {
      this.onUpdate?.(payload, at);
    }
  }
}

/**
 * Ids written by `markUpdate`, read back from a relayed update (which the server may have merged
 * from several). The same bytes reach every client, so each distinct update is decoded once.
 */
export class UpdateIds {
  private readonly seen = new Map<string, string[]>();

  read(update: Uint8Array): string[] {
    const key = Buffer.from(update.buffer, update.byteOffset, update.byteLength).toString('latin1');
    let ids = this.seen.get(key);
    if (!ids) {
      ids = [];
      for (const struct of Y.decodeUpdate(update).structs) {
        if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentAny)) continue;
        const value = struct.content.arr[0];
        if (typeof value === 'string') ids.push(value);
      }
      this.seen.set(key, ids);
    }
    return ids;
  }
}

/**
 * One small update, like a marker drag or a card move: sets one key of a map to `id`. Each writer
 * overwrites its own key, so its updates depend only on its own earlier ones.
 */
export function markUpdate(doc: Y.Doc, key: string, id: string): void {
  doc.getMap('bench').set(key, id);
}
