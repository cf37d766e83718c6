/** @module Who is typing in which card, from presence (other screens only). */
import type { Peer } from '../board/presence';
import type { CardWriter } from './CardShape';

export function cardWriters(peers: readonly Peer[]): Map<string, CardWriter> {
  const writers = new Map<string, CardWriter>();
  for (const peer of peers) {
    if (peer.self || peer.editing === undefined || writers.has(peer.editing)) continue;
    writers.set(peer.editing, { name: peer.user.name, color: peer.user.color });
  }
  return writers;
}

export function writersKey(writers: ReadonlyMap<string, CardWriter>): string {
  return JSON.stringify([...writers]);
}
