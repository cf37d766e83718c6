/** @module kill -9 of the server right after clients converge loses nothing any client has seen. */

import { afterEach, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { addCard, cardText, insertCardText } from '../../shared/cards';
import { exportBoardJson } from '../../shared/export';
import { setRating } from '../../shared/ratings';
import { type BoardClient, connectClient, untilDoc } from '../helpers/clients';
import { type ServerProcess, spawnServer } from '../helpers/process';
import { createBoard, tempDir } from '../helpers/server';

const clients: BoardClient[] = [];
const servers: ServerProcess[] = [];

afterEach(() => {
  for (const client of clients.splice(0)) client.destroy();
  for (const server of servers.splice(0)) server.child.kill('SIGKILL');
});

/** The board as a person sees it, without the export timestamp. */
const boardOf = (doc: Y.Doc) => ({ ...exportBoardJson(doc, { id: 'b', exportedAt: 0 }) });

describe('crash safety', () => {
  it('a restarted server shows exactly the board both clients had converged on', async () => {
    const dataDir = tempDir();
    const first = await spawnServer({ DATA_DIR: dataDir });
    servers.push(first);
    const board = await createBoard(first.url, { title: 'Möte 1', language: 'sv' });
    const anna = connectClient(first.wsUrl, board.id, board.tokens.participant);
    const bo = connectClient(first.wsUrl, board.id, board.tokens.facilitator);
    clients.push(anna, bo);
    await Promise.all([anna.synced, bo.synced]);

    const card = addCard(anna.doc, {
      section: 'danger-statements',
      author: 'anna',
      text: 'Om inget förändras',
    });
    for (let i = 0; i < 40; i++)
      addCard(bo.doc, { section: 'strengths', author: 'bo', text: `styrka ${i}` });
    await untilDoc(bo.doc, () => cardText(bo.doc, card) !== undefined);
    insertCardText(bo.doc, card, 0, '» ');
    insertCardText(anna.doc, card, 18, ' …');
    setRating(anna.doc, 'safety', 'anna', { value: 4, name: 'Anna', role: 'family', at: 1 });
    setRating(bo.doc, 'safety', 'bo', { value: 7.5, name: 'Bo', role: 'worker', at: 2 });

    const converged = () => JSON.stringify(boardOf(anna.doc)) === JSON.stringify(boardOf(bo.doc));
    await untilDoc(
      [anna.doc, bo.doc],
      () =>
        converged() &&
        boardOf(anna.doc).scales[0]?.ratings.length === 2 &&
        (cardText(anna.doc, card)?.length ?? 0) === '» Om inget förändras …'.length,
    );
    const seen = boardOf(anna.doc);

    first.child.kill('SIGKILL');
    await first.exited;

    const second = await spawnServer({ DATA_DIR: dataDir });
    servers.push(second);
    const fresh = connectClient(second.wsUrl, board.id, board.tokens.viewer);
    clients.push(fresh);
    await fresh.synced;
    expect(boardOf(fresh.doc)).toEqual(seen);
    expect(seen.sections.find((s) => s.id === 'strengths')?.cards).toHaveLength(40);
    expect(cardText(fresh.doc, card)?.toString()).toBe('» Om inget förändras …');
  });
});
