/**
 * @module Benchmark: update-to-relay latency through the real server with the SQLite store in the
 * path. Prints figures; asserts nothing. Run with `npm run bench`.
 */
import { performance } from 'node:perf_hooks';
import { addCard, cardText, insertCardText } from '../../shared/cards';
import { connectClient, untilDoc } from '../helpers/clients';
import { createBoard, startTestServer } from '../helpers/server';

const WARMUP_EDITS = 200;
const MEASURED_EDITS = 2_000;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function main(): Promise<void> {
  // One keystroke per round trip is thousands a second, far past any person's message budget.
  const server = await startTestServer({
    env: { MAX_MESSAGES_PER_SECOND: '1000000', MAX_MESSAGES_IN_BURST: '1000000' },
  });
  const board = await createBoard(server.url);
  const writer = connectClient(server.wsUrl, board.id, board.tokens.participant);
  const reader = connectClient(server.wsUrl, board.id, board.tokens.participant);
  await Promise.all([writer.synced, reader.synced]);
  const card = addCard(writer.doc, { section: 'strengths', author: 'bench', text: '' });
  await untilDoc(reader.doc, () => cardText(reader.doc, card) !== undefined);

  // One keystroke at a time: type, wait until the other client has it, repeat.
  const latencies: number[] = [];
  for (let i = 0; i < WARMUP_EDITS + MEASURED_EDITS; i++) {
    const length = i + 1;
    const started = performance.now();
    insertCardText(writer.doc, card, i, 'x');
    await untilDoc(reader.doc, () => cardText(reader.doc, card)?.length === length);
    if (i >= WARMUP_EDITS) latencies.push(performance.now() - started);
  }
  latencies.sort((a, b) => a - b);
  const cpu = process.cpuUsage();
  console.log('relay: one keystroke, client → server (stored in SQLite) → other client');
  console.log(`  edits measured      ${MEASURED_EDITS}`);
  console.log(`  latency p50         ${percentile(latencies, 50).toFixed(3)} ms`);
  console.log(`  latency p99         ${percentile(latencies, 99).toFixed(3)} ms`);
  console.log(`  latency max         ${(latencies.at(-1) ?? Number.NaN).toFixed(3)} ms`);
  console.log(
    `  process CPU (all)   ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms (clients and server in one process)`,
  );

  writer.destroy();
  reader.destroy();
  await server.close();
}

await main();
