/** @module Tests for the scale journey: each person's markers across saved versions and now. */
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { exportBoardJson } from '../../shared/export';
import { scaleJourneys } from '../../shared/journey';
import { upsertParticipant } from '../../shared/participants';
import { addScale, removeRating, setRating } from '../../shared/ratings';
import { newBoard } from './boards';

const MAY = Date.UTC(2026, 4, 12);
const JUNE = Date.UTC(2026, 5, 9);
const NOW = Date.UTC(2026, 7, 20);

/** Three meetings of one family, as the timeline gives them: oldest first, the board now last. */
function threeMeetings() {
  const doc = newBoard('en');
  const stops: Parameters<typeof scaleJourneys>[0] = [];
  const save = (label: string, at: number, current = false) =>
    stops.push({ label, at, current, board: exportBoardJson(doc, { id: 'b', exportedAt: at }) });
  const rate = (who: string, name: string, role: 'family' | 'worker', value: number) =>
    setRating(doc, 'safety', who, { value, name, role, at: 0 });
  const join = (who: string, name: string, role: 'family' | 'worker' | 'network') =>
    upsertParticipant(doc, who, { name, role, color: '#333333' });

  join('worker', 'Karin', 'worker');
  join('mother', 'Lena', 'family');
  rate('worker', 'Karin', 'worker', 2);
  rate('mother', 'Lena', 'family', 5);
  save('Meeting 1', MAY);

  join('grandpa', 'Bengt', 'network');
  setRating(doc, 'safety', 'grandpa', { value: 6, name: 'Bengt', role: 'network', at: 0 });
  rate('worker', 'Karin', 'worker', 4);
  removeRating(doc, 'safety', 'mother');
  addScale(doc, 'willingness');
  setRating(doc, 'willingness', 'mother', { value: 7, name: 'Lena', role: 'family', at: 0 });
  save('Meeting 2', JUNE);

  join('mother', 'Lena Andersson', 'family');
  rate('mother', 'Lena Andersson', 'family', 6.5);
  rate('worker', 'Karin', 'worker', 5);
  save('Now', NOW, true);
  return stops;
}

describe('scaleJourneys', () => {
  const journey = scaleJourneys(threeMeetings());

  it('keeps the stops in the order given, without their boards', () => {
    expect(journey.stops).toEqual([
      { label: 'Meeting 1', at: MAY, current: false },
      { label: 'Meeting 2', at: JUNE, current: false },
      { label: 'Now', at: NOW, current: true },
    ]);
  });

  it('gives every scale of the newest stop, worded as there, including one added later', () => {
    expect(journey.scales.map(({ lines: _lines, ...scale }) => scale)).toEqual([
      {
        scaleId: 'safety',
        label: 'How safe is the child?',
        low: 'we are sure the worries will happen if nothing changes',
        high: 'there is enough safety to close the case',
      },
      { scaleId: 'willingness', label: 'Willingness to change', low: 'none', high: 'fully' },
    ]);
  });

  it('draws one line per person, in order of their first marker, with gaps where they had none', () => {
    const safety = journey.scales[0]?.lines;
    expect(safety?.map((line) => [line.participant, line.values])).toEqual([
      ['worker', [2, 4, 5]],
      ['mother', [5, null, 6.5]],
      ['grandpa', [null, 6, 6]],
    ]);
    expect(journey.scales[1]?.lines).toEqual([
      { participant: 'mother', name: 'Lena Andersson', role: 'family', values: [null, 7, 7] },
    ]);
  });

  it('names each person as they are called in the newest stop', () => {
    const safety = journey.scales[0]?.lines;
    expect(safety?.map(({ name, role }) => [name, role])).toEqual([
      ['Karin', 'worker'],
      ['Lena Andersson', 'family'],
      ['Bengt', 'network'],
    ]);
  });

  it('orders scales as the newest stop that has them, then those only older stops had', () => {
    const [, second] = threeMeetings();
    if (second === undefined) throw new Error('Meeting 2 is missing.');
    const now = (scales: typeof second.board.scales) => ({
      ...second,
      current: true,
      board: { ...second.board, scales },
    });
    const reordered = scaleJourneys([second, now([...second.board.scales].reverse())]);
    expect(reordered.scales.map((scale) => scale.scaleId)).toEqual(['willingness', 'safety']);
    const dropped = scaleJourneys([second, now(second.board.scales.slice(0, 1))]);
    expect(dropped.scales.map((scale) => scale.scaleId)).toEqual(['safety', 'willingness']);
    expect(dropped.scales[1]?.lines[0]?.values).toEqual([7, null]);
  });

  it('takes a name from the marker when the person is no longer among the participants', () => {
    const doc: Y.Doc = newBoard('en');
    setRating(doc, 'safety', 'left', { value: 3, name: 'Sven', role: 'network', at: 0 });
    const board = exportBoardJson(doc, { id: 'b', exportedAt: 0 });
    const journey = scaleJourneys([{ label: 'Now', at: 0, current: true, board }]);
    expect(journey.scales[0]?.lines).toEqual([
      { participant: 'left', name: 'Sven', role: 'network', values: [3] },
    ]);
  });

  it('gives no stops and no scales for no versions', () => {
    expect(scaleJourneys([])).toEqual({ stops: [], scales: [] });
  });
});
