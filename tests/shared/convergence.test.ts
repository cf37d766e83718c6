/** @module Fuzz test: three people edit one board over a flaky network and see the same board. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { initBoardDoc } from '../../shared/board';
import { listAllCards } from '../../shared/cards';
import { exportBoardJson } from '../../shared/export';
import { upsertParticipant } from '../../shared/participants';
import { listScales } from '../../shared/ratings';
import { CREATED_AT } from './boards';
import { TestNetwork } from './network';
import {
  applyOperation,
  expectTidyBoard,
  type Intent,
  operation,
  PEOPLE,
  personId,
} from './operations';

describe('three people editing one board over a flaky network', () => {
  it('all see the same tidy board once every update has arrived', () => {
    fc.assert(
      fc.property(fc.array(operation, { minLength: 20, maxLength: 80 }), (operations) => {
        const network = new TestNetwork(PEOPLE);
        initBoardDoc(network.doc(0), { title: 'Board', language: 'sv', createdAt: CREATED_AT });
        network.flush();
        for (let index = 0; index < PEOPLE; index++) {
          upsertParticipant(network.doc(index), personId(index), {
            name: `Person ${index}`,
            role: 'family',
            color: '#000000',
          });
        }
        const intent: Intent = { added: new Set(), deleted: new Set(), safety: new Map() };
        for (const [serial, each] of operations.entries()) {
          applyOperation(network, each, intent, serial);
        }
        for (const doc of network.docs) expectTidyBoard(doc, false);

        network.flush();

        const [first, ...others] = network.docs.map((doc) => ({
          cards: listAllCards(doc),
          json: JSON.stringify(exportBoardJson(doc, { id: 'board', exportedAt: 0 })),
        }));
        for (const other of others) {
          expect(other.cards).toEqual(first?.cards);
          expect(other.json).toBe(first?.json);
        }
        const doc = network.doc(0);
        expectTidyBoard(doc, true);
        // No card that nobody deleted is lost, and no deleted card comes back.
        const kept = [...intent.added].filter((id) => !intent.deleted.has(id)).sort();
        expect(
          listAllCards(doc)
            .map((card) => card.id)
            .sort(),
        ).toEqual(kept);
        // Everyone's marker sits where they last put it.
        const safety = listScales(doc).find((scale) => scale.id === 'safety');
        const markers = new Map(
          safety?.ratings.map((rating) => [rating.participant, rating.value]),
        );
        expect(markers).toEqual(intent.safety);
      }),
      { numRuns: 120 },
    );
  });
});
