/** @module Prometheus metrics (SPEC §4.1 /metrics): rooms, connections, messages, stored bytes. */
import { Counter, Gauge, Registry } from 'prom-client';

export interface Metrics {
  registry: Registry;
  roomsLoaded: Gauge;
  connections: Gauge;
  messagesIn: Counter;
  messagesOut: Counter;
}

export function createMetrics(storedBytes: () => Promise<number>): Metrics {
  const registry = new Registry();
  const metrics: Metrics = {
    registry,
    roomsLoaded: new Gauge({
      name: 'samkarta_rooms_loaded',
      help: 'Boards loaded in memory',
      registers: [registry],
    }),
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
    name: 'samkarta_bytes_stored',
    help: 'Bytes of board document updates in the store',
    registers: [registry],
    async collect() {
      this.set(await storedBytes());
    },
  });
  return metrics;
}
