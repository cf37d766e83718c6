/**
 * @module `kill -9` of one of two instances (real PostgreSQL and Redis): nothing a client on the
 * other instance has seen is lost, and the dead instance's people time out everywhere.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { addCard, cardText, insertCardText } from '../../shared/cards';
import { exportBoardJson } from '../../shared/export';
import { setRating } from '../../shared/ratings';
import { type BoardClient, connectClient, untilAwareness, untilDoc } from '../helpers/clients';
import type { ServerProcess } from '../helpers/process';
import { type ScaleOut, startScaleOut } from '../helpers/scale-out';
import { createBoard } from '../helpers/server';
import { within } from '../helpers/waits';

const CONVERGE_TIMEOUT_MS = 10_000;
/** y-protocols drops a state not renewed for 30 s and checks every 3 s; renewals come every 15 s. */
const PRESENCE_TIMEOUT_WAIT_MS = 40_000;

const clients: BoardClient[] = [];
let group: ScaleOut | undefined;
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await group?.cleanup();
  group = undefined;
});

function join(instance: ServerProcess, boardId: string, token: string): BoardClient {
  const client = connectClient(instance.wsUrl, boardId, token);
  clients.push(client);
  return client;
}

const boardOf = (doc: Y.Doc) => exportBoardJson(doc, { id: 'b', exportedAt: 0 });

async function kill(instance: ServerProcess): Promise<void> {
  instance.child.kill('SIGKILL');
  await instance.exited;
}

describe('kill -9 of one instance', () => {
  it('loses nothing a client on the other instance has seen', async () => {
    group = await startScaleOut();
    const [a, b] = await Promise.all([group.spawn(), group.spawn()]);
    const board = await createBoard(a.url, { title: 'Möte 2' });
    const anna = join(a, board.id, board.tokens.participant);
    const bo = join(b, board.id, board.tokens.participant);
    await Promise.all([anna.synced, bo.synced]);

    const card = addCard(anna.doc, { section: 'safety-goals', author: 'anna', text: 'Trygg' });
    for (let i = 0; i < 30; i++) {
      addCard(anna.doc, { section: 'next-steps', author: 'anna', text: `steg ${i}` });
    }
    addCard(bo.doc, { section: 'strengths', author: 'bo', text: 'Mormor' });
    await within(
      CONVERGE_TIMEOUT_MS,
      'Bo sees Anna’s card',
      untilDoc(bo.doc, () => !!cardText(bo.doc, card)),
    );
    insertCardText(anna.doc, card, 5, ' hemma');
    setRating(anna.doc, 'safety', 'anna', { value: 6, name: 'Anna', role: 'family', at: 1 });
    // The last change before the kill: killed the moment Bo has seen it.
    const last = addCard(anna.doc, { section: 'past-harm', author: 'anna', text: 'sista' });
    await within(
      CONVERGE_TIMEOUT_MS,
      'Bo sees Anna’s last change',
      untilDoc(bo.doc, () => !!cardText(bo.doc, last)),
    );
    await kill(a);
    const seen = boardOf(bo.doc);
    expect(seen.scales[0]?.ratings).toHaveLength(1);
    expect(cardText(bo.doc, card)?.toString()).toBe('Trygg hemma');

    // The surviving instance has it, and so does the store (a third instance loads it from there).
    const onB = join(b, board.id, board.tokens.viewer);
    const c = await group.spawn();
    const onC = join(c, board.id, board.tokens.viewer);
    await Promise.all([onB.synced, onC.synced]);
    expect(boardOf(onB.doc)).toEqual(seen);
    expect(boardOf(onC.doc)).toEqual(seen);
    expect(seen.sections.find((s) => s.id === 'next-steps')?.cards).toHaveLength(30);
  });

  it('the killed instance’s people time out for everyone on the others', async () => {
    group = await startScaleOut();
    const [a, b] = await Promise.all([group.spawn(), group.spawn()]);
    const board = await createBoard(a.url);
    const anna = join(a, board.id, board.tokens.participant);
    const bo = join(b, board.id, board.tokens.participant);
    await Promise.all([anna.synced, bo.synced]);
    anna.provider.awareness.setLocalStateField('user', { id: 'anna', name: 'Anna' });
    const annaId = anna.doc.clientID;
    const shows = (client: BoardClient) => client.provider.awareness.getStates().has(annaId);
    await within(
      CONVERGE_TIMEOUT_MS,
      'Bo sees Anna',
      untilAwareness(bo.provider, () => shows(bo)),
    );
    // Anna's page stays open but can no longer reach anyone: her instance is gone.
    anna.provider.shouldConnect = false;
    await kill(a);
    const before = join(b, board.id, board.tokens.viewer);
    await before.synced;
    expect(shows(before)).toBe(true);

    await within(
      PRESENCE_TIMEOUT_WAIT_MS,
      'Anna times out for Bo',
      untilAwareness(bo.provider, () => !shows(bo)),
    );
    // Instance B dropped her too: a client's own timer would take 30 s more than this bound.
    await within(
      8_000,
      'Anna times out on instance B',
      untilAwareness(before.provider, () => !shows(before)),
    );
    const after = join(b, board.id, board.tokens.viewer);
    await after.synced;
    expect(shows(after)).toBe(false);
  }, 60_000);
});
