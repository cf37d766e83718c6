/**
 * @module Awareness (presence) updates read entry by entry, in y-protocols' layout — a count, then
 * per entry a client id, a clock and a JSON state — so the server can judge each client id alone.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

export interface PresenceEntry {
  clientId: number;
  clock: number;
  /** The parsed JSON state; `null` removes the client's presence. */
  state: unknown;
  /** Size of the state's JSON text as sent. */
  stateBytes: number;
}

const utf8 = new TextDecoder();

/**
 * Every entry of an awareness update, in order. Throws on anything that is not one: truncated
 * varints, a count larger than the entries, JSON that does not parse, bytes after the last entry.
 */
export function readPresenceUpdate(update: Uint8Array): PresenceEntry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const entries: PresenceEntry[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const json = decoding.readVarUint8Array(decoder);
    entries.push({
      clientId,
      clock,
      state: JSON.parse(utf8.decode(json)),
      stateBytes: json.length,
    });
  }
  // y-protocols ignores trailing bytes; here they can only mean a forged or broken count.
  if (decoding.hasContent(decoder)) throw new Error('Bytes after the last awareness entry.');
  return entries;
}

/** The entries as one awareness update that y-protocols' `applyAwarenessUpdate` reads. */
export function encodePresenceUpdate(
  entries: readonly Omit<PresenceEntry, 'stateBytes'>[],
): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, JSON.stringify(entry.state));
  }
  return encoding.toUint8Array(encoder);
}
