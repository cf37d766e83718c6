/** @module Prometheus metrics (SPEC §4.1 /metrics): rooms, connections, messages, stored bytes. */
import { Counter, Gauge, Registry } from 'prom-client';

export interface Metrics {
  registry: Registry;
  connections: Gauge;
  messagesIn: Counter;
  messagesOut: Counter;
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
    messagesIn: new Counter({
      name: 'samkarta_messages_in_total',
      help: 'WebSocket messages received',
      registers: [registry],
    }),
    messagesOut: new Counter({
      name: 'samkarta_messages_out_total',
      help: 'WebSocket messages sent',
      registers: [registry],
    }),
  };
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
