/** @module A value derived from presence that re-renders its user only when the value changes. */
import { useEffect, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import { type Peer, readPeers } from './presence';

/**
 * Presence changes ~30 times a second per moving cursor; most of the canvas only cares about a
 * little of it (who edits which card, where the facilitator points). `select` picks that out and
 * `key` says when it changed, so cursors moving do not re-render the cards.
 */
export function usePeerSelection<T>(
  awareness: Awareness,
  select: (peers: Peer[]) => T,
  key: (value: T) => string,
): T {
  const [state, setState] = useState(() => {
    const value = select(readPeers(awareness));
    return { value, key: key(value) };
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: select and key are pure; the awareness decides
  useEffect(() => {
    const refresh = () => {
      const value = select(readPeers(awareness));
      const nextKey = key(value);
      setState((current) => (current.key === nextKey ? current : { value, key: nextKey }));
    };
    refresh();
    awareness.on('change', refresh);
    return () => awareness.off('change', refresh);
  }, [awareness]);
  return state.value;
}
