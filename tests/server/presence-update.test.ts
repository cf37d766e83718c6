/** @module Awareness updates read entry by entry agree with y-protocols' own encoding, and refuse junk. */
import fc from 'fast-check';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { encodePresenceUpdate, readPresenceUpdate } from '../../server/sync/presence-update';

/** An awareness update as a y-websocket client encodes it, for `states` by client id. */
function clientUpdate(states: Map<number, unknown>): Uint8Array {
  const awareness = new awarenessProtocol.Awareness(new Y.Doc());
  awareness.setLocalState(null);
  for (const [clientId, state] of states) {
    awareness.states.set(clientId, state as Record<string, unknown>);
    awareness.meta.set(clientId, { clock: clientId % 7, lastUpdated: 0 });
  }
  const update = awarenessProtocol.encodeAwarenessUpdate(awareness, [...states.keys()]);
  awareness.destroy();
  return update;
}

const jsonState = fc.oneof(
  fc.constant(null),
  fc.record({
    user: fc.record({ id: fc.string(), name: fc.string({ unit: 'grapheme' }) }),
    cursor: fc.record({ x: fc.integer(), y: fc.integer() }),
  }),
);

describe('reading awareness updates', () => {
  it('reads client id, clock and state of every entry y-protocols wrote', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.nat(), { maxLength: 8 }),
        fc.array(jsonState),
        (ids, states) => {
          const byId = new Map(ids.map((id, i) => [id, states[i] ?? null]));
          const entries = readPresenceUpdate(clientUpdate(byId));
          expect(entries.map((entry) => entry.clientId)).toEqual(ids);
          expect(entries.map((entry) => entry.clock)).toEqual(ids.map((id) => id % 7));
          expect(entries.map((entry) => entry.state)).toEqual(ids.map((id) => byId.get(id)));
        },
      ),
    );
  });

  it('measures a state in UTF-8 bytes as sent', () => {
    const [entry] = readPresenceUpdate(clientUpdate(new Map([[1, { user: { name: 'Åsa' } }]])));
    expect(entry?.stateBytes).toBe(new TextEncoder().encode('{"user":{"name":"Åsa"}}').length);
  });

  it('writes what y-protocols applies unchanged', () => {
    const entries = [
      { clientId: 11, clock: 3, state: { user: { id: 'a', name: 'Anna' } } },
      { clientId: 12, clock: 1, state: null },
    ];
    const awareness = new awarenessProtocol.Awareness(new Y.Doc());
    awareness.setLocalState(null);
    awarenessProtocol.applyAwarenessUpdate(awareness, encodePresenceUpdate(entries), 'test');
    expect(awareness.states.get(11)).toEqual({ user: { id: 'a', name: 'Anna' } });
    expect(awareness.meta.get(11)?.clock).toBe(3);
    expect(awareness.meta.get(12)?.clock).toBe(1);
    expect(readPresenceUpdate(encodePresenceUpdate(entries))).toEqual(
      entries.map((entry) => ({
        ...entry,
        stateBytes: JSON.stringify(entry.state).length,
      })),
    );
    awareness.destroy();
  });

  it('throws on truncated updates, counts larger than the entries, bad JSON and trailing bytes', () => {
    const valid = clientUpdate(new Map([[5, { user: { id: 'x' } }]]));
    for (let cut = 0; cut < valid.length; cut++) {
      expect(() => readPresenceUpdate(valid.subarray(0, cut))).toThrow();
    }
    const twoClaimed = Uint8Array.from(valid);
    twoClaimed[0] = 2;
    expect(() => readPresenceUpdate(twoClaimed)).toThrow();
    expect(() => readPresenceUpdate(Uint8Array.of(...valid, 0))).toThrow();

    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarUint(encoder, 5);
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarString(encoder, '{"user":');
    expect(() => readPresenceUpdate(encoding.toUint8Array(encoder))).toThrow();
  });
});
