/** @module Test helper: a connection as the sync layer sees it, recording what it is sent. */
import type { Connection } from '../../server/sync/connection';

let nextId = 1;

export class RecordingConnection implements Connection {
  readonly id = nextId++;
  readonly awarenessClients = new Set<number>();
  readonly sent: Uint8Array[] = [];
  participantId: string | undefined;
  closedWith: { code: number; reason: string } | undefined;
  terminated = false;
  /** What `probeAlive` answers: a live client by default. */
  answersPings = true;
  pings = 0;

  constructor(readonly role: Connection['role'] = 'participant') {}

  send(message: Uint8Array): void {
    this.sent.push(message);
  }

  close(code: number, reason: string): void {
    this.closedWith ??= { code, reason };
  }

  probeAlive(): Promise<boolean> {
    this.pings += 1;
    return Promise.resolve(this.answersPings && !this.closedWith && !this.terminated);
  }

  terminate(): void {
    this.terminated = true;
  }
}
