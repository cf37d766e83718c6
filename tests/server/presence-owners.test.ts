/**
 * @module Which presence entries a connection may apply: its own and new client ids, echoes
 * dropped, others' disputed, too many refused; and which participant id the audit log may name.
 */
import { describe, expect, it } from 'vitest';
import { participantIdOf } from '../../server/sync/participant-id';
import { type PresenceClocks, PresenceOwners } from '../../server/sync/presence-owners';
import type { PresenceEntry } from '../../server/sync/presence-update';
import { MAX_PRESENCE_CLIENTS_PER_CONNECTION } from '../../shared/protocol';
import { RecordingConnection } from '../helpers/connection';

const SERVER_CLIENT = 999;

/** The room's awareness as the sorter sees it: clock and shown-ness per client id. */
function clocksOf(known: Record<number, { clock: number; shown: boolean }>): PresenceClocks {
  return {
    clock: (clientId) => known[clientId]?.clock ?? 0,
    isShown: (clientId) => known[clientId]?.shown ?? false,
  };
}

const entry = (clientId: number, clock: number, state: unknown = { user: { id: 'p' } }) =>
  ({ clientId, clock, state, stateBytes: 20 }) satisfies PresenceEntry;

describe('sorting presence entries by owner', () => {
  it("applies a connection's own client ids and claims new ones", () => {
    const owners = new PresenceOwners();
    const anna = new RecordingConnection();
    owners.claim(1, anna);
    const clocks = clocksOf({ 1: { clock: 4, shown: true } });
    const sorted = owners.sort(anna, [entry(1, 5), entry(2, 1)], clocks, SERVER_CLIENT);
    expect(sorted.apply.map((e) => e.clientId)).toEqual([1, 2]);
    expect(sorted.claim).toEqual([2]);
    expect(sorted.disputed.size).toBe(0);
    expect(sorted.tooMany).toBe(false);
  });

  it('drops echoes: older or equal clocks change nothing and claim nothing', () => {
    const owners = new PresenceOwners();
    const anna = new RecordingConnection();
    const bo = new RecordingConnection();
    owners.claim(1, anna);
    const clocks = clocksOf({ 1: { clock: 4, shown: true }, 7: { clock: 9, shown: false } });
    const sorted = owners.sort(
      bo,
      [entry(1, 4), entry(1, 3), entry(7, 9), entry(7, 9, null)],
      clocks,
      SERVER_CLIENT,
    );
    expect(sorted).toEqual({ apply: [], claim: [], disputed: new Map(), tooMany: false });
  });

  it("drops a removal of another's shown presence at the same clock (a client-side timeout)", () => {
    const owners = new PresenceOwners();
    const anna = new RecordingConnection();
    const bo = new RecordingConnection();
    owners.claim(1, anna);
    const sorted = owners.sort(
      bo,
      [entry(1, 4, null)],
      clocksOf({ 1: { clock: 4, shown: true } }),
      SERVER_CLIENT,
    );
    expect(sorted.apply).toEqual([]);
    expect(sorted.disputed.size).toBe(0);
  });

  it("disputes newer states and removals of another connection's client ids", () => {
    const owners = new PresenceOwners();
    const anna = new RecordingConnection();
    const cecilia = new RecordingConnection();
    const mallory = new RecordingConnection();
    owners.claim(1, anna);
    owners.claim(2, cecilia);
    const clocks = clocksOf({ 1: { clock: 4, shown: true }, 2: { clock: 1, shown: true } });
    const sorted = owners.sort(
      mallory,
      [entry(1, 5), entry(2, 2, null), entry(1, 6, null), entry(3, 1)],
      clocks,
      SERVER_CLIENT,
    );
    expect(sorted.disputed.get(anna)?.map((e) => e.clock)).toEqual([5, 6]);
    expect(sorted.disputed.get(cecilia)?.map((e) => e.state)).toEqual([null]);
    expect(sorted.apply.map((e) => e.clientId)).toEqual([3]);
  });

  it("never touches the server's own awareness id", () => {
    const owners = new PresenceOwners();
    const sorted = owners.sort(
      new RecordingConnection(),
      [entry(SERVER_CLIENT, 1)],
      clocksOf({}),
      SERVER_CLIENT,
    );
    expect(sorted.apply).toEqual([]);
    expect(sorted.claim).toEqual([]);
  });

  it(`refuses a connection that would own more than ${MAX_PRESENCE_CLIENTS_PER_CONNECTION} client ids`, () => {
    const owners = new PresenceOwners();
    const many = new RecordingConnection();
    const ids = Array.from({ length: MAX_PRESENCE_CLIENTS_PER_CONNECTION }, (_, i) => i + 1);
    const atLimit = owners.sort(
      many,
      ids.map((id) => entry(id, 1)),
      clocksOf({}),
      SERVER_CLIENT,
    );
    expect(atLimit.tooMany).toBe(false);
    for (const id of atLimit.claim) owners.claim(id, many);
    // Its own ids again, and removals of unowned ids, are no new claims.
    const same = owners.sort(many, [entry(1, 2), entry(50, 1, null)], clocksOf({}), SERVER_CLIENT);
    expect(same.tooMany).toBe(false);
    const over = owners.sort(many, [entry(100, 1)], clocksOf({}), SERVER_CLIENT);
    expect(over.tooMany).toBe(true);
  });

  it('releases every client id of a connection, and only its own', () => {
    const owners = new PresenceOwners();
    const anna = new RecordingConnection();
    const bo = new RecordingConnection();
    owners.claim(1, anna);
    owners.claim(2, anna);
    owners.claim(3, bo);
    expect(owners.release(anna).sort()).toEqual([1, 2]);
    expect(anna.awarenessClients.size).toBe(0);
    expect(owners.ownerOf(1)).toBeUndefined();
    expect(owners.ownerOf(3)).toBe(bo);
  });
});

describe('participant ids for the audit log', () => {
  it('reads a short plain user.id', () => {
    expect(participantIdOf({ user: { id: 'V1StGXR8_Z5jdHi6B-myT', name: 'Anna' } })).toBe(
      'V1StGXR8_Z5jdHi6B-myT',
    );
  });

  it('ignores anything that could carry text: spaces, markup, long strings, non-strings', () => {
    for (const id of ['Anna Svensson', '<b>x</b>', 'a'.repeat(65), '', 42, null, 'åsa', 'a\nb']) {
      expect(participantIdOf({ user: { id } })).toBeUndefined();
    }
    expect(participantIdOf(null)).toBeUndefined();
    expect(participantIdOf({ id: 'top-level' })).toBeUndefined();
  });
});
