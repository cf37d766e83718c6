/**
 * @module Counts live objects by constructor name in a V8 heap snapshot, to show which rooms'
 * documents are still held (a byte count alone cannot tell a leak from JIT-compiled code).
 */
import { readFileSync } from 'node:fs';

interface HeapSnapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

/** How many objects of each of `names` the snapshot holds. */
export function liveObjects(file: string, names: readonly string[]): Record<string, number> {
  const heap = JSON.parse(readFileSync(file, 'utf8')) as HeapSnapshot;
  const fields = heap.snapshot.meta.node_fields;
  const types = heap.snapshot.meta.node_types[0];
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const wanted = new Set(names);
  const counts: Record<string, number> = Object.fromEntries(names.map((name) => [name, 0]));
  for (let i = 0; i < heap.nodes.length; i += fields.length) {
    if (types[heap.nodes[i + typeAt] as number] !== 'object') continue;
    const name = heap.strings[heap.nodes[i + nameAt] as number] as string;
    if (wanted.has(name)) counts[name] = (counts[name] ?? 0) + 1;
  }
  return counts;
}
