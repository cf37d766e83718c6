/** @module The board's saved versions as the server lists them, fetched when the History panel opens. */
import { useCallback, useEffect, useRef, useState } from 'react';
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
  // Only the newest request's answer counts: a slow first load must not hide a version saved since.
  const latest = useRef(0);
  const reload = useCallback(async () => {
    const request = ++latest.current;
    const result = await listVersions(boardId, token);
    if (request !== latest.current) return;
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
