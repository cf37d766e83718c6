/** @module Tests for the people on a board. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { participantsMap } from '../../shared/board';
import { listParticipants, upsertParticipant } from '../../shared/participants';
import type { ParticipantRole } from '../../shared/roles';
import { newBoard } from './boards';

describe('participants', () => {
  it('adds people and lists them by name in the board language', () => {
    const doc = newBoard('sv');
    upsertParticipant(doc, 'w', { name: 'Örjan', role: 'worker', color: '#333' });
    upsertParticipant(doc, 'm', { name: 'Mamma Lena', role: 'family', color: '#e33' });
    upsertParticipant(doc, 'g', { name: 'Åke', role: 'network', color: '#3a3' });
    expect(listParticipants(doc)).toEqual([
      { id: 'm', name: 'Mamma Lena', role: 'family', color: '#e33' },
      { id: 'g', name: 'Åke', role: 'network', color: '#3a3' },
      { id: 'w', name: 'Örjan', role: 'worker', color: '#333' },
    ]);
  });

  it('updates a person in place, keeping fields that later features add', () => {
    const doc = newBoard();
    upsertParticipant(doc, 'm', { name: 'Lena', role: 'family', color: '#e33' });
    const stored = participantsMap(doc).get('m');
    if (stored instanceof Y.Map) stored.set('admittedAt', 5);
    upsertParticipant(doc, 'm', { name: 'Lena A.', role: 'family', color: '#e33' });
    expect(participantsMap(doc).get('m')).toBe(stored);
    expect(stored instanceof Y.Map && stored.toJSON()).toEqual({
      name: 'Lena A.',
      role: 'family',
      color: '#e33',
      admittedAt: 5,
    });
  });

  it('refuses a role that is not a participant role', () => {
    const doc = newBoard();
    const role = 'facilitator' as ParticipantRole;
    expect(() => upsertParticipant(doc, 'x', { name: 'X', role, color: '#000' })).toThrow(
      '"facilitator" is not a participant role.',
    );
  });

  it('shows a person with a role it does not know as "other" and skips what is not a person', () => {
    const doc = newBoard();
    participantsMap(doc).set(
      't',
      new Y.Map<unknown>([
        ['name', 'Teacher'],
        ['role', 'school'],
      ]),
    );
    participantsMap(doc).set('junk', 42);
    expect(listParticipants(doc)).toEqual([{ id: 't', name: 'Teacher', role: 'other', color: '' }]);
  });
});
