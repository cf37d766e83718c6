/** @module The board's saved versions as the server lists them, fetched when the History panel opens. */
import { useCallback, useEffect, useState } from 'react';
import type { VersionInfo } from '../../shared/version';
import { listVersions } from '../api';

export type VersionsState =
  | { status: 'loading' }
  | { status: 'failed' }
  | { status: 'ready'; versions: VersionInfo[] };

export interface Versions {
  state: VersionsState;
  reload: () => Promise<void>;
}

export function useVersions(boardId: string, token: string): Versions {
  const [state, setState] = useState<VersionsState>({ status: 'loading' });
  const reload = useCallback(async () => {
    const result = await listVersions(boardId, token);
    // A failed reload keeps the list this panel already shows.
    setState((current) => {
      if (result.ok) return { status: 'ready', versions: result.value };
      return current.status === 'ready' ? current : { status: 'failed' };
    });
  }, [boardId, token]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { state, reload };
}
