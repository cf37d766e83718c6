/** @module Prometheus metrics (SPEC §4.1 /metrics): rooms, connections, messages, stored bytes. */
import { Counter, Gauge, Registry } from 'prom-client';

export interface Metrics {
  registry: Registry;
  connections: Gauge;
  /**
   * WebSocket messages received and sent: plain counts, handed to prom-client when /metrics is
   * scraped. A prom-client `inc()` allocates (a labels object, a result), and sends are counted
   * once per recipient of every update, the hottest path there is.
   */
  messages: { in: number; out: number };
}

/** Figures read when /metrics is scraped, rather than kept in step by hand. */
export interface MetricSources {
  storedBytes(): Promise<number>;
  roomsLoaded(): number;
}

export function createMetrics(sources: MetricSources): Metrics {
  const registry = new Registry();
  const metrics: Metrics = {
    registry,
    connections: new Gauge({
      name: 'samkarta_connections',
      help: 'Open WebSocket connections',
      registers: [registry],
    }),
    messages: { in: 0, out: 0 },
  };
  const counted = metrics.messages;
  countedCounter(
    registry,
    'samkarta_messages_in_total',
    'WebSocket messages received',
    () => counted.in,
  );
  countedCounter(
    registry,
    'samkarta_messages_out_total',
    'WebSocket messages sent',
    () => counted.out,
  );
  new Gauge({
    name: 'samkarta_rooms_loaded',
    help: 'Boards loaded in memory',
    registers: [registry],
    collect() {
      this.set(sources.roomsLoaded());
    },
  });
  new Gauge({
    name: 'samkarta_bytes_stored',
    help: 'Bytes of board document updates in the store',
    registers: [registry],
    async collect() {
      this.set(await sources.storedBytes());
    },
  });
  return metrics;
}

/** A counter that catches up with a plain running count whenever it is scraped. */
function countedCounter(registry: Registry, name: string, help: string, count: () => number): void {
  let reported = 0;
  new Counter({
    name,
    help,
    registers: [registry],
    collect() {
      const now = count();
      this.inc(now - reported);
      reported = now;
    },
  });
}
