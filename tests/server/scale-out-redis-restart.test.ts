/**
 * @module The relay rides out a lost Redis connection and a Redis restart: instances reconnect,
 * catch up from the store on what Redis lost, and relay again. Uses a Redis of its own (real, on a
 * free port) so it can cut, empty and kill it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { addCard, listAllCards } from '../../shared/cards';
import { CloseCode } from '../../shared/protocol';
import { type BoardClient, connectClient, untilDoc } from '../helpers/clients';
import { type ScaleOut, startScaleOut } from '../helpers/scale-out';
import { createBoard } from '../helpers/server';
import { within } from '../helpers/waits';

const CONVERGE_TIMEOUT_MS = 15_000;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** redis-server in the foreground; resolves once it accepts connections. */
function startRedis(port: number): Promise<ChildProcess> {
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
  const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) resolve(child);
    });
    child.once('error', (error) =>
      reject(new Error(`redis-server could not start (${error.message}); install redis-server.`)),
    );
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${output}`)));
  });
}

const clients: BoardClient[] = [];
const redisProcesses: ChildProcess[] = [];
let group: ScaleOut | undefined;
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await group?.cleanup();
  group = undefined;
  for (const child of redisProcesses.splice(0)) child.kill('SIGKILL');
});

describe('a Redis restart', () => {
  it('loses nothing: what Redis lost comes from the store, what waited is sent', async () => {
    const port = await freePort();
    redisProcesses.push(await startRedis(port));
    group = await startScaleOut({ redisUrl: `redis://127.0.0.1:${port}` });
    const [a, b] = await Promise.all([group.spawn(), group.spawn()]);
    const board = await createBoard(a.url);
    const anna = connectClient(a.wsUrl, board.id, board.tokens.participant);
    const bo = connectClient(b.wsUrl, board.id, board.tokens.participant);
    clients.push(anna, bo);
    await Promise.all([anna.synced, bo.synced]);
    const texts = (client: BoardClient) => listAllCards(client.doc).map((card) => card.text);
    addCard(anna.doc, { section: 'strengths', author: 'anna', text: 'före' });
    await within(
      CONVERGE_TIMEOUT_MS,
      'B sees the first card',
      untilDoc(bo.doc, () => texts(bo).includes('före')),
    );

    // B stands still with its reader cut off; A stores and publishes a card; Redis loses it.
    b.child.kill('SIGSTOP');
    await killReaders(group);
    const published = await group.watchUpdates(board.id);
    addCard(anna.doc, { section: 'strengths', author: 'anna', text: 'förlorad' });
    await within(CONVERGE_TIMEOUT_MS, 'A publishes', published());
    await group.redisCommand(['DEL', `${group.redisPrefix}board:${board.id}`]);
    b.child.kill('SIGCONT');
    await within(
      CONVERGE_TIMEOUT_MS,
      'B catches up from the store',
      untilDoc(bo.doc, () => texts(bo).includes('förlorad')),
    );

    // And stored on A while Redis is down: relayed once it is back.
    await restartRedis(port, () => {
      addCard(anna.doc, { section: 'strengths', author: 'anna', text: 'under' });
    });
    await within(
      CONVERGE_TIMEOUT_MS,
      'B gets what A stored while Redis was down',
      untilDoc(bo.doc, () => texts(bo).includes('under')),
    );
    addCard(bo.doc, { section: 'next-steps', author: 'bo', text: 'efter' });
    await within(
      CONVERGE_TIMEOUT_MS,
      'A gets what B wrote after the restart',
      untilDoc(anna.doc, () => texts(anna).includes('efter')),
    );
    expect(texts(anna).sort()).toEqual(['efter', 'före', 'förlorad', 'under']);
    expect(texts(bo).sort()).toEqual(texts(anna).sort());
  }, 60_000);
});

describe('Redis away during a rotation', () => {
  it('answers with the new link at once, and the other instance closes the old one once Redis is back', async () => {
    const port = await freePort();
    redisProcesses.push(await startRedis(port));
    group = await startScaleOut({ redisUrl: `redis://127.0.0.1:${port}` });
    const [a, b] = await Promise.all([group.spawn(), group.spawn()]);
    const board = await createBoard(a.url);
    const old = new WebSocket(`${b.wsUrl}/${board.id}?token=${board.tokens.participant}`);
    const oldClosed = new Promise<number>((resolve) => old.on('close', (code) => resolve(code)));
    await new Promise((resolve) => old.once('message', resolve));

    const [running] = redisProcesses.splice(0);
    const exited = new Promise((resolve) => running?.once('exit', resolve));
    running?.kill('SIGKILL');
    await exited;
    // The store already refuses the old token everywhere: the answer must not wait for Redis.
    const rotated = await fetch(`${a.url}/api/boards/${board.id}/links/participant/rotate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${board.tokens.facilitator}` },
    });
    expect(rotated.status).toBe(200);
    const { token } = (await rotated.json()) as { token: string };
    const onB = (withToken: string) =>
      fetch(`${b.url}/api/boards/${board.id}`, {
        headers: { authorization: `Bearer ${withToken}` },
      }).then((response) => response.status);
    expect([await onB(token), await onB(board.tokens.participant)]).toEqual([200, 401]);

    redisProcesses.push(await startRedis(port));
    expect(await within(CONVERGE_TIMEOUT_MS, 'the old socket on B closes', oldClosed)).toBe(
      CloseCode.Unauthorized,
    );
  }, 60_000);
});

/** Closes every instance's blocking reader connection, as a network failure would. */
async function killReaders(scaleOut: ScaleOut): Promise<void> {
  const list = String(await scaleOut.redisCommand(['CLIENT', 'LIST']));
  const readers = list
    .split('\n')
    .filter((line) => / cmd=xread\b/.test(line))
    .map((line) => /\bid=(\d+)/.exec(line)?.[1])
    .filter((id): id is string => id !== undefined);
  expect(readers.length).toBeGreaterThanOrEqual(2);
  for (const id of readers) await scaleOut.redisCommand(['CLIENT', 'KILL', 'ID', id]);
}

/** Kills this test's Redis (losing everything in it), runs `whileDown`, starts it again. */
async function restartRedis(port: number, whileDown: () => void = () => {}): Promise<void> {
  const [running] = redisProcesses.splice(0);
  const exited = new Promise((resolve) => running?.once('exit', resolve));
  running?.kill('SIGKILL');
  await exited;
  whileDown();
  redisProcesses.push(await startRedis(port));
}
