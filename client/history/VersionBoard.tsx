/**
 * @module A saved version in place of the live board, read-only: the same map and list, on a doc of its own.
 *
 * The version's state is applied to a new Y.Doc that no provider knows: nothing done here can
 * reach the live board. The map and the list read it through a session of their own, with the
 * viewer's rights (no one joined, nothing writable), so they draw it exactly as people know it.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { Language } from '../../shared/language';
import type { VersionInfo } from '../../shared/version';
import { fetchVersionUpdate } from '../api';
import type { BoardViewMode } from '../board/BoardHeader';
import { type BoardSession, SessionProvider } from '../board/session';
import { BoardCanvas } from '../canvas/BoardCanvas';
import type { Messages } from '../i18n';
import { BoardList } from '../list/BoardList';
import { formatSavedAt } from './format';
import { LoadFailed } from './LoadFailed';
import './version.css';

interface Props {
  boardId: string;
  token: string;
  version: VersionInfo;
  view: BoardViewMode;
  language: Language;
  messages: Messages;
  onBack: () => void;
}

type Load = { status: 'loading' } | { status: 'failed' } | { status: 'ready'; doc: Y.Doc };

export function VersionBoard({
  boardId,
  token,
  version,
  view,
  language,
  messages: m,
  onBack,
}: Props) {
  // A failed load is tried again on request, without leaving the view.
  const [attempt, setAttempt] = useState(0);
  const load = useVersionDoc(boardId, token, version.id, attempt);
  const bannerRef = useRef<HTMLParagraphElement>(null);
  const bannerId = useId();
  // The person came here from the panel: the banner is what changed, so it is where they are.
  useEffect(() => bannerRef.current?.focus(), []);

  return (
    <div className={`version-view version-view--${view}`}>
      <section className="version-banner" aria-labelledby={bannerId}>
        <p id={bannerId} ref={bannerRef} tabIndex={-1}>
          {m.historyViewing(version.label, formatSavedAt(version.createdAt, language))}
        </p>
        <button type="button" onClick={onBack}>
          <span aria-hidden="true">←</span>
          {m.historyBack}
        </button>
      </section>
      <div className="version-board">
        {load.status === 'loading' && <p className="version-message">{m.historyVersionLoading}</p>}
        {load.status === 'failed' && (
          <LoadFailed
            className="version-message"
            text={m.historyVersionFailed}
            tryAgain={m.tryAgain}
            onTryAgain={() => setAttempt((n) => n + 1)}
          />
        )}
        {load.status === 'ready' && (
          <ReadOnlyBoard
            boardId={boardId}
            doc={load.doc}
            view={view}
            language={language}
            messages={m}
          />
        )}
      </div>
    </div>
  );
}

interface BoardProps {
  boardId: string;
  doc: Y.Doc;
  view: BoardViewMode;
  language: Language;
  messages: Messages;
}

function ReadOnlyBoard({ boardId, doc, view, language, messages }: BoardProps) {
  // Presence of its own too: the canvas may write a cursor there, and no one else reads it.
  const awareness = useMemo(() => new Awareness(doc), [doc]);
  const session = useMemo<BoardSession>(
    () => ({
      boardId,
      doc,
      awareness,
      linkRole: 'viewer',
      writable: false,
      me: null,
      language,
      messages,
      undo: null,
    }),
    [boardId, doc, awareness, language, messages],
  );
  return (
    <SessionProvider value={session}>
      {view === 'map' && <BoardCanvas follow={false} projector={false} />}
      <BoardList visible={view === 'list'} />
    </SessionProvider>
  );
}

/**
 * The version as a Y.Doc of its own, destroyed (with its presence) when the view closes. A new
 * `attempt` fetches it again.
 */
function useVersionDoc(boardId: string, token: string, versionId: string, attempt: number): Load {
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new attempt fetches again
  useEffect(() => {
    let doc: Y.Doc | null = null;
    let current = true;
    setLoad({ status: 'loading' });
    void fetchVersionUpdate(boardId, token, versionId).then((result) => {
      if (!current) return;
      if (!result.ok) return setLoad({ status: 'failed' });
      doc = new Y.Doc();
      try {
        Y.applyUpdate(doc, result.value);
      } catch {
        doc.destroy();
        doc = null;
        return setLoad({ status: 'failed' });
      }
      setLoad({ status: 'ready', doc });
    });
    return () => {
      current = false;
      doc?.destroy();
    };
  }, [boardId, token, versionId, attempt]);
  return load;
}
