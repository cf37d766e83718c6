/**
 * @module Every scale's journey across the saved versions and the board now: one chart per scale.
 *
 * Props (for the History panel that mounts it):
 *   boardId: string     the board's id
 *   token: string       this page's link token (any role may read versions)
 *   doc: Y.Doc          the live board; its "Now" stop follows every edit
 *   messages: Messages  the UI words (`messagesFor(language)`)
 *   language: Language  the UI language, for numbers
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type * as Y from 'yjs';
import { exportBoardJson } from '../../shared/export';
import type { JourneyInput } from '../../shared/journey';
import { scaleJourneys } from '../../shared/journey';
import type { Language } from '../../shared/language';
import { isHexColor, listParticipants } from '../../shared/participants';
import { listVersions } from '../api';
import { useDocRevision } from '../board/session';
import type { Messages } from '../i18n';
import { fallbackColor } from './colors';
import { JourneyChart } from './JourneyChart';
import { loadVersionStops } from './journey-data';

export interface ScaleJourneyViewProps {
  boardId: string;
  token: string;
  doc: Y.Doc;
  messages: Messages;
  language: Language;
}

type Load = { state: 'loading' } | { state: 'failed' } | { state: 'ready'; stops: JourneyInput[] };

export function ScaleJourneyView({
  boardId,
  token,
  doc,
  messages: m,
  language,
}: ScaleJourneyViewProps) {
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const revision = useDocRevision(doc);

  const fetchVersions = useCallback(async () => {
    setLoad({ state: 'loading' });
    const versions = await listVersions(boardId, token);
    const stops = versions.ok ? await loadVersionStops(boardId, token, versions.value) : versions;
    setLoad(stops.ok ? { state: 'ready', stops: stops.value } : { state: 'failed' });
  }, [boardId, token]);

  useEffect(() => {
    void fetchVersions();
  }, [fetchVersions]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: revision says the doc changed
  const now = useMemo(
    () => ({
      board: exportBoardJson(doc, { id: boardId, exportedAt: Date.now() }),
      colors: colorsOf(doc),
    }),
    [doc, boardId, revision],
  );
  const journey = useMemo(() => {
    if (load.state !== 'ready') return null;
    const live = { label: m.journeyNow, at: now.board.exportedAt, current: true, board: now.board };
    return scaleJourneys([...load.stops, live]);
  }, [load, now, m]);

  if (load.state === 'loading') {
    return (
      <p className="journey-note" role="status">
        {m.journeyLoading}
      </p>
    );
  }
  if (load.state === 'failed' || journey === null) {
    return (
      <div className="journey-note">
        <p role="alert">{m.journeyLoadFailed}</p>
        <button type="button" onClick={() => void fetchVersions()}>
          {m.journeyTryAgain}
        </button>
      </div>
    );
  }
  const colorOf = (participant: string, index: number) =>
    now.colors.get(participant) ?? fallbackColor(index);
  return (
    <div className="journey">
      <p className="journey-note">
        {load.stops.length === 0 ? m.journeyNoVersions : m.journeyIntro}
      </p>
      {journey.scales.length === 0 && <p className="journey-note">{m.journeyNoScales}</p>}
      {journey.scales.map((scale) => (
        <JourneyChart
          key={scale.scaleId}
          scale={scale}
          stops={journey.stops}
          colorOf={colorOf}
          messages={m}
          language={language}
        />
      ))}
    </div>
  );
}

function colorsOf(doc: Y.Doc): Map<string, string> {
  const colors = new Map<string, string>();
  for (const participant of listParticipants(doc)) {
    if (isHexColor(participant.color)) colors.set(participant.id, participant.color);
  }
  return colors;
}
