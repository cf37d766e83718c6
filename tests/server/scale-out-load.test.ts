/**
 * @module A room loading on one instance while a client on another is mid-edit misses nothing
 * (real PostgreSQL and Redis): random interleavings of edits, joins and leaves, by fast-check.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { addCard, insertCardText, listAllCards } from '../../shared/cards';
import { exportBoardJson } from '../../shared/export';
import { type BoardClient, connectClient, untilDoc } from '../helpers/clients';
import type { ServerProcess } from '../helpers/process';
import { type ScaleOut, startScaleOut } from '../helpers/scale-out';
import { createBoard } from '../helpers/server';
import { within } from '../helpers/waits';

const CONVERGE_TIMEOUT_MS = 10_000;

type Step =
  | { kind: 'edit-a'; cards: number }
  | { kind: 'edit-b' }
  | { kind: 'join-b' }
  | { kind: 'leave-b' }
  | { kind: 'turn' };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('edit-a' as const), cards: fc.integer({ min: 1, max: 6 }) }),
  fc.constant({ kind: 'edit-b' as const }),
  fc.constant({ kind: 'join-b' as const }),
  fc.constant({ kind: 'leave-b' as const }),
  fc.constant({ kind: 'turn' as const }),
);

const boardOf = (doc: Y.Doc) => JSON.stringify(exportBoardJson(doc, { id: 'b', exportedAt: 0 }));

describe('a room loading while another instance is mid-edit', () => {
  let group: ScaleOut;
  let a: ServerProcess;
  let b: ServerProcess;

  beforeAll(async () => {
    group = await startScaleOut();
    [a, b] = await Promise.all([group.spawn(), group.spawn()]);
  });
  afterAll(async () => {
    await group?.cleanup();
  });

  it('misses nothing, whatever the interleaving', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 4, maxLength: 14 }), async (steps) => {
        const board = await createBoard(a.url);
        const writer = connectClient(a.wsUrl, board.id, board.tokens.participant);
        const everyone: BoardClient[] = [writer];
        let onB: BoardClient[] = [];
        try {
          await writer.synced;
          let edits = 0;
          for (const each of steps) {
            if (each.kind === 'edit-a') {
              // Sent at once, not awaited: B may be loading while A stores and publishes these.
              for (let i = 0; i < each.cards; i++) {
                const card = addCard(writer.doc, {
                  section: 'strengths',
                  author: 'w',
                  text: `a${edits++}`,
                });
                insertCardText(writer.doc, card, 0, '»');
              }
            } else if (each.kind === 'edit-b') {
              const client = onB.at(-1);
              if (client?.provider.synced) {
                addCard(client.doc, { section: 'next-steps', author: 'b', text: `b${edits++}` });
              }
            } else if (each.kind === 'join-b') {
              const client = connectClient(b.wsUrl, board.id, board.tokens.participant);
              onB.push(client);
              everyone.push(client);
            } else if (each.kind === 'leave-b') {
              // The last one out unloads B's room, so a later join loads it again.
              for (const client of onB) client.provider.disconnect();
              onB = [];
            } else {
              await new Promise((resolve) => setImmediate(resolve));
            }
          }
          const late = connectClient(b.wsUrl, board.id, board.tokens.viewer);
          everyone.push(late);
          const live = [writer, ...onB, late];
          await within(
            CONVERGE_TIMEOUT_MS,
            'every client on both instances converges',
            untilDoc(
              live.map((client) => client.doc),
              () => live.every((client) => boardOf(client.doc) === boardOf(writer.doc)),
            ),
          );
          const fromA = steps.reduce((n, s) => n + (s.kind === 'edit-a' ? s.cards : 0), 0);
          expect(listAllCards(late.doc).filter((card) => card.author === 'w')).toHaveLength(fromA);
        } finally {
          for (const client of everyone) client.destroy();
        }
      }),
      { numRuns: 15 },
    );
  }, 60_000);
});
