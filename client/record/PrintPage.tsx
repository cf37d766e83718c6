/** @module `/b/:boardId/print#k=…[&v=…]`: the record of the board now, or of a saved version, ready to print or save as PDF. */
import { useCallback, useEffect, useState } from 'react';
import type { BoardExport } from '../../shared/export';
import { type JourneyStop, type ScaleJourney, scaleJourneys } from '../../shared/journey';
import { isLanguage, type Language } from '../../shared/language';
import type { VersionInfo } from '../../shared/version';
import { fetchBoardExport, listVersions } from '../api';
import { browserLanguage, messagesFor } from '../i18n';
import { loadVersionStops } from '../journey/journey-data';
import { MessagePage } from '../MessagePage';
import { BoardRecord } from './BoardRecord';
import './record.css';

interface Props {
  boardId: string;
  token: string | null;
  /** A saved version's id; the board as it is now when null. */
  versionId: string | null;
}

type Load =
  | { state: 'loading' }
  | { state: 'not-valid' }
  | { state: 'no-version' }
  | { state: 'failed' }
  | {
      state: 'ready';
      board: BoardExport;
      version: VersionInfo | null;
      journey: { stops: JourneyStop[]; scales: ScaleJourney[] } | null;
    };

export function PrintPage({ boardId, token, versionId }: Props) {
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const reader = browserLanguage();

  const fetchRecord = useCallback(async () => {
    if (token === null) return setLoad({ state: 'not-valid' });
    setLoad({ state: 'loading' });
    setLoad(await loadRecord(boardId, token, versionId));
  }, [boardId, token, versionId]);

  useEffect(() => {
    void fetchRecord();
  }, [fetchRecord]);

  const ready = load.state === 'ready' ? load : null;
  const language: Language =
    ready && isLanguage(ready.board.language) ? ready.board.language : reader;
  useEffect(() => {
    if (ready === null) return;
    const m = messagesFor(language);
    document.documentElement.lang = language;
    const title = ready.board.title === '' ? m.printUntitled : ready.board.title;
    // The title is the PDF's suggested file name in most browsers.
    document.title = ready.version === null ? title : `${title} – ${ready.version.label}`;
  }, [ready, language]);

  const m = messagesFor(language);
  switch (load.state) {
    case 'loading':
      return <MessagePage language={reader} text={m.printLoading} busy />;
    case 'not-valid':
      return <MessagePage language={reader} text={m.linkNotValid} />;
    case 'no-version':
      return <MessagePage language={reader} text={m.printNoSuchVersion} />;
    case 'failed':
      return (
        <MessagePage language={reader} text={m.printLoadFailed}>
          <button type="button" onClick={() => void fetchRecord()}>
            {m.printTryAgain}
          </button>
        </MessagePage>
      );
    case 'ready':
      return (
        <BoardRecord
          board={load.board}
          version={load.version}
          journey={load.journey}
          language={language}
          messages={m}
          onPrint={() => window.print()}
        />
      );
  }
}

async function loadRecord(boardId: string, token: string, versionId: string | null): Promise<Load> {
  const [exported, versions] = await Promise.all([
    fetchBoardExport(boardId, token, versionId ?? undefined),
    listVersions(boardId, token),
  ]);
  if (!exported.ok) {
    if (exported.status === 401) return { state: 'not-valid' };
    if (exported.status === 404) {
      // The board answers for itself: a 404 about a known board is about the version.
      return versionId !== null && versions.ok ? { state: 'no-version' } : { state: 'not-valid' };
    }
    return { state: 'failed' };
  }
  const board = exported.value;
  // Without the list the record still prints; it only cannot name the version or draw the journey.
  const all = versions.ok ? versions.value : [];
  const version =
    versionId === null
      ? null
      : (all.find((each) => each.id === versionId) ?? {
          id: versionId,
          label: versionId,
          createdAt: board.exportedAt,
        });
  // The journey up to this record: the versions saved until then, and the board now if it is now.
  const earlier =
    version === null ? all : all.filter((each) => each.createdAt <= version.createdAt);
  const stopCount = earlier.length + (version === null ? 1 : 0);
  if (stopCount < 2) return { state: 'ready', board, version, journey: null };
  const stops = await loadVersionStops(boardId, token, earlier);
  if (!stops.ok) return { state: 'ready', board, version, journey: null };
  const now = { label: '', at: board.exportedAt, current: true, board };
  const journey = scaleJourneys(version === null ? [...stops.value, now] : stops.value);
  return { state: 'ready', board, version, journey };
}
