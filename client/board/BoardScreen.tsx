/** @module The open board: join first, then the header, the canvas map and the list view. */
import { useEffect, useMemo, useState } from 'react';
import { readBoardMeta } from '../../shared/board';
import type { Language } from '../../shared/language';
import { CloseCode } from '../../shared/protocol';
import { canWrite } from '../../shared/roles';
import type { VersionInfo } from '../../shared/version';
import type { BoardInfo } from '../api';
import { ConnectionBadge } from '../ConnectionBadge';
import { BoardCanvas } from '../canvas/BoardCanvas';
import { HistoryControl } from '../history/HistoryControl';
import { VersionBoard } from '../history/VersionBoard';
import type { BoardDoc } from '../hooks/useBoardDoc';
import { useBoardDoc } from '../hooks/useBoardDoc';
import { browserLanguage, messagesFor } from '../i18n';
import { BoardList } from '../list/BoardList';
import { MessagePage } from '../MessagePage';
import { ExportMenu } from '../record/ExportMenu';
import { AddScaleMenu } from '../scales/AddScaleMenu';
import { MarkerNotesHost } from '../scales/MarkerNotesDialog';
import { BoardErrorBoundary } from './BoardErrorBoundary';
import { BoardHeader, type BoardViewMode } from './BoardHeader';
import { DeletedNotice } from './deleted-notice';
import { FocusControl } from './FocusControl';
import { JoinForm } from './JoinForm';
import { LinksControl } from './LinksControl';
import { type BoardSession, SessionProvider, useDocRevision } from './session';
import { useMe } from './useMe';
import { useUiLanguage } from './useUiLanguage';
import { useUndoManager, useUndoShortcuts } from './useUndo';
import './board.css';

interface Props {
  info: BoardInfo;
  token: string;
}

export function BoardScreen({ info, token }: Props) {
  const board = useBoardDoc(info.id, token);
  const fallbackLanguage = info.language ?? browserLanguage();
  // Set when this facilitator deleted the board here, in the language they were reading.
  const [deletedHere, setDeletedHere] = useState<Language | null>(null);
  const m = messagesFor(fallbackLanguage);

  const refused = board?.refusedWithCode ?? null;
  if (deletedHere !== null) {
    return (
      <MessagePage language={deletedHere} text={messagesFor(deletedHere).boardDeleted}>
        <a className="button" href="/">
          {messagesFor(deletedHere).toHomePage}
        </a>
      </MessagePage>
    );
  }
  // A socket that was open is closed with 4404 only when the board was deleted meanwhile.
  if (refused === CloseCode.BoardNotFound) {
    return <MessagePage language={fallbackLanguage} text={m.boardDeleted} />;
  }
  if (refused === CloseCode.Unauthorized) {
    return <MessagePage language={fallbackLanguage} text={m.linkNotValid} />;
  }
  if (board === null || !board.ready) {
    const text = refused === null ? m.loadingBoard : m.connectionRefused;
    return <MessagePage language={fallbackLanguage} text={text} busy={refused === null} />;
  }
  return (
    <BoardErrorBoundary language={fallbackLanguage}>
      <ReadyBoard info={info} token={token} board={board} onDeleted={setDeletedHere} />
    </BoardErrorBoundary>
  );
}

interface ReadyProps {
  info: BoardInfo;
  token: string;
  board: BoardDoc;
  onDeleted: (language: Language) => void;
}

function ReadyBoard({ info, token, board, onDeleted }: ReadyProps) {
  const { doc, awareness } = board;
  const revision = useDocRevision(doc);
  // biome-ignore lint/correctness/useExhaustiveDependencies: revision says the doc changed
  const meta = useMemo(() => readBoardMeta(doc), [doc, revision]);
  const [language, setLanguage] = useUiLanguage(info.id, meta.language);
  const m = messagesFor(language);
  const title = meta.title || info.title;
  const writable = canWrite(info.role);
  const facilitator = info.role === 'facilitator';
  const projector = info.role === 'viewer';
  const { me, join } = useMe({
    boardId: info.id,
    doc,
    awareness,
    writable,
    facilitator,
    ready: board.ready,
  });
  const undo = useUndoManager(doc, writable);
  // A saved version on screen is read-only: undo, focus and new scales act on the live board only.
  const [shownVersion, setShownVersion] = useState<VersionInfo | null>(null);
  useUndoShortcuts(shownVersion === null ? undo : null);
  const [view, setView] = useState<BoardViewMode>('map');
  const [follow, setFollow] = useState(true);
  const [editingMe, setEditingMe] = useState(false);

  useEffect(() => {
    document.documentElement.lang = language;
    document.title = `${title} – ${m.appName}`;
  }, [language, title, m]);

  const session = useMemo<BoardSession>(
    () => ({
      boardId: info.id,
      doc,
      awareness,
      linkRole: info.role,
      writable: writable && me !== null,
      me,
      language,
      messages: m,
      undo,
    }),
    [info.id, info.role, doc, awareness, writable, me, language, m, undo],
  );

  if (writable && me === null) {
    return (
      <JoinForm
        title={title}
        messages={m}
        defaultRole={facilitator ? 'worker' : 'family'}
        onJoin={join}
      />
    );
  }
  const connection = board.refusedWithCode === null ? board.connection : 'refused';
  const history = (
    <HistoryControl
      boardId={info.id}
      token={token}
      doc={doc}
      language={language}
      messages={m}
      facilitator={facilitator}
      viewing={shownVersion}
      onView={setShownVersion}
    />
  );
  return (
    <SessionProvider value={session}>
      <div className={`board-screen${projector ? ' board-screen--projector' : ''}`}>
        {projector ? (
          <header className="projector-header">
            <h1>{title}</h1>
            {history}
            <ConnectionBadge state={connection} messages={m} compact />
          </header>
        ) : (
          <BoardHeader
            session={session}
            title={title}
            connection={connection}
            view={view}
            onView={setView}
            onLanguage={setLanguage}
            onEditMe={me === null ? undefined : () => setEditingMe(true)}
            showUndo={shownVersion === null}
          >
            {history}
            <ExportMenu
              boardId={info.id}
              token={token}
              title={title}
              version={shownVersion ?? undefined}
              messages={m}
            />
            {facilitator ? (
              <>
                {shownVersion === null && (
                  <>
                    <FocusControl session={session} />
                    <AddScaleMenu />
                  </>
                )}
                <LinksControl
                  boardId={info.id}
                  token={token}
                  title={title}
                  messages={m}
                  onDeleted={() => onDeleted(language)}
                />
              </>
            ) : (
              <label className="tool-check">
                <input
                  type="checkbox"
                  checked={follow}
                  onChange={(event) => setFollow(event.target.checked)}
                />
                {m.follow}
                <span className="tool-text"> {m.followWhom}</span>
              </label>
            )}
          </BoardHeader>
        )}
        <main className={`board-main board-main--${view}`}>
          {shownVersion !== null ? (
            <VersionBoard
              key={shownVersion.id}
              boardId={info.id}
              token={token}
              version={shownVersion}
              view={view}
              language={language}
              messages={m}
              onBack={() => setShownVersion(null)}
            />
          ) : (
            <>
              {view === 'map' && (
                <BoardCanvas follow={follow && !facilitator} projector={projector} />
              )}
              <BoardList visible={view === 'list'} />
            </>
          )}
        </main>
        <MarkerNotesHost />
        <DeletedNotice />
        {editingMe && me !== null && (
          <JoinForm
            title={title}
            messages={m}
            defaultRole={me.role}
            initialName={me.name}
            onJoin={(name, role) => {
              join(name, role);
              setEditingMe(false);
            }}
            onCancel={() => setEditingMe(false)}
          />
        )}
      </div>
    </SessionProvider>
  );
}
