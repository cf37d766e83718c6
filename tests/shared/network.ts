/** @module A test network of board documents whose updates travel only when a test says so. */
import * as Y from 'yjs';

/** Marks updates applied from the network, so a document does not send them on again. */
const FROM_NETWORK = Symbol('from network');

/**
 * N fully connected documents, as in yjs's own test connector: each local change is queued for
 * every other document and delivered one message at a time, in any order, possibly twice.
 */
export class TestNetwork {
  readonly docs: Y.Doc[];
  /** queues[from][to]: updates sent by `from` that `to` has not received yet. */
  private readonly queues: Uint8Array[][][];
  /** delivered[from][to]: updates already received, kept to deliver them again. */
  private readonly delivered: Uint8Array[][][];

  constructor(count: number) {
    this.queues = Array.from({ length: count }, () => Array.from({ length: count }, () => []));
    this.delivered = Array.from({ length: count }, () => Array.from({ length: count }, () => []));
    this.docs = Array.from({ length: count }, (_, from) => {
      const doc = new Y.Doc();
      // Fixed client ids make a failing run replay exactly from its fast-check seed.
      doc.clientID = from + 1;
      doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin === FROM_NETWORK) return;
        for (let to = 0; to < count; to++) if (to !== from) this.queue(from, to).push(update);
      });
      return doc;
    });
  }

  doc(index: number): Y.Doc {
    const doc = this.docs[index % this.docs.length];
    if (doc === undefined) throw new Error('The network has no documents.');
    return doc;
  }

  /** Delivers the `pick`-th waiting message from one document to another (not necessarily the oldest). */
  deliver(from: number, to: number, pick: number): void {
    const queue = this.queue(from, to);
    if (queue.length === 0) return;
    const [update] = queue.splice(pick % queue.length, 1);
    if (update === undefined) return;
    Y.applyUpdate(this.doc(to), update, FROM_NETWORK);
    this.delivered[from]?.[to]?.push(update);
  }

  /** Delivers an already delivered message again, as a flaky connection might. */
  duplicate(from: number, to: number, pick: number): void {
    const done = this.delivered[from]?.[to] ?? [];
    const update = done[pick % Math.max(1, done.length)];
    if (update !== undefined) Y.applyUpdate(this.doc(to), update, FROM_NETWORK);
  }

  /** A reconnect: `to` receives everything `from` has that it lacks (sync step 2). */
  resync(from: number, to: number): void {
    const missing = Y.encodeStateAsUpdate(this.doc(from), Y.encodeStateVector(this.doc(to)));
    Y.applyUpdate(this.doc(to), missing, FROM_NETWORK);
  }

  /** Delivers every waiting message. */
  flush(): void {
    for (let from = 0; from < this.docs.length; from++) {
      for (let to = 0; to < this.docs.length; to++) {
        while (this.queue(from, to).length > 0) this.deliver(from, to, 0);
      }
    }
  }

  private queue(from: number, to: number): Uint8Array[] {
    const queue = this.queues[from]?.[to];
    if (queue === undefined) throw new Error(`No connection from ${from} to ${to}.`);
    return queue;
  }
}
