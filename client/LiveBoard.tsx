/** @module The live board: header with connection state, then the three columns from the Y.Doc. */
import { useEffect } from 'react';
import { readBoardMeta } from '../shared/board';
import { CloseCode } from '../shared/protocol';
import { canWrite } from '../shared/roles';
import { COLUMNS } from '../shared/sections';
import type { BoardInfo } from './api';
import { ColumnView } from './ColumnView';
import { ConnectionBadge } from './ConnectionBadge';
import { useBoardDoc } from './hooks/useBoardDoc';
import { useParticipantId } from './hooks/useParticipantId';
import { browserLanguage, messagesFor } from './i18n';
import { MessagePage } from './MessagePage';

interface Props {
  info: BoardInfo;
  token: string;
}

export function LiveBoard({ info, token }: Props) {
  const board = useBoardDoc(info.id, token);
  const participantId = useParticipantId(info.id);
  // Before the first sync the doc is empty and its meta would be defaults, not this board's.
  const meta = board?.synced ? readBoardMeta(board.doc) : undefined;
  const language = meta?.language ?? info.language ?? browserLanguage();
  const title = meta?.title || info.title;
  const m = messagesFor(language);

  useEffect(() => {
    document.documentElement.lang = language;
    document.title = `${title} – ${m.appName}`;
  }, [language, title, m]);

  const refused = board?.refusedWithCode ?? null;
  if (refused === CloseCode.Unauthorized || refused === CloseCode.BoardNotFound) {
    return <MessagePage language={language} text={m.linkNotValid} />;
  }
  if (board === null || !board.synced) {
    const text = refused === null ? m.loadingBoard : m.connectionRefused;
    return <MessagePage language={language} text={text} busy={refused === null} />;
  }

  const writable = canWrite(info.role);
  return (
    <div className="board-page">
      <header className="board-header">
        <h1>{title}</h1>
        <p className="role">
          {writable ? (
            <>
              {m.youAre}: <strong>{m.roleName[info.role]}</strong>
            </>
          ) : (
            m.viewOnly
          )}
        </p>
        <ConnectionBadge state={refused === null ? board.connection : 'refused'} messages={m} />
      </header>
      <main className="board">
        {COLUMNS.map((column) => (
          <ColumnView
            key={column.id}
            column={column}
            doc={board.doc}
            language={language}
            messages={m}
            author={writable ? participantId : null}
          />
        ))}
      </main>
    </div>
  );
}
