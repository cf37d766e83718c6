/**
 * @module The board's saved versions as the server lists them: fetched when the History panel opens
 * and again every few seconds while it is open, so a version someone else saves shows up.
 */
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

/** How often an open panel asks again (only while the page is visible). */
const VERSIONS_REFRESH_MS = 5_000;

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
      if (result.ok) {
        // The same list keeps its identity: nothing below re-renders for an unchanged answer.
        if (current.status === 'ready' && sameVersions(current.versions, result.value)) {
          return current;
        }
        return { status: 'ready', versions: result.value };
      }
      return current.status === 'ready' ? current : { status: 'failed' };
    });
  }, [boardId, token]);
  useEffect(() => {
    void reload();
    const whenVisible = () => {
      if (document.visibilityState === 'visible') void reload();
    };
    const timer = setInterval(whenVisible, VERSIONS_REFRESH_MS);
    document.addEventListener('visibilitychange', whenVisible);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', whenVisible);
    };
  }, [reload]);
  return { state, reload };
}

function sameVersions(a: readonly VersionInfo[], b: readonly VersionInfo[]): boolean {
  return (
    a.length === b.length &&
    a.every((version, i) => {
      const other = b[i];
      return (
        other !== undefined &&
        version.id === other.id &&
        version.label === other.label &&
        version.createdAt === other.createdAt
      );
    })
  );
}
