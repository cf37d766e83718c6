/** @module The bar above the board: title, connection, who is here, and this screen's controls. */
import type { ReactNode } from 'react';
import { LANGUAGES, type Language } from '../../shared/language';
import { ConnectionBadge } from '../ConnectionBadge';
import type { ConnectionState } from '../hooks/useBoardDoc';
import { PeopleList } from './PeopleList';
import type { BoardSession } from './session';
import { useUndoState } from './useUndo';

export type BoardViewMode = 'map' | 'list';

interface Props {
  session: BoardSession;
  title: string;
  connection: ConnectionState | 'refused';
  view: BoardViewMode;
  onView: (view: BoardViewMode) => void;
  onLanguage: (language: Language) => void;
  onEditMe?: () => void;
  /** False while a saved version is on screen: undo acts on the live board, out of sight. */
  showUndo: boolean;
  /** Facilitator-only and follower controls, given by the screen. */
  children?: ReactNode;
}

export function BoardHeader(props: Props) {
  const { session, title, connection, view, onView, onLanguage, onEditMe, showUndo, children } =
    props;
  const m = session.messages;
  const { canUndo, canRedo } = useUndoState(session.undo);
  const undo = session.undo;
  return (
    <header className="board-header">
      <div className="board-header-top">
        <h1>{title}</h1>
        <ConnectionBadge state={connection} messages={m} />
      </div>
      <PeopleList awareness={session.awareness} messages={m} onEditMe={onEditMe} />
      <div className="board-tools">
        {/* biome-ignore lint/a11y/useSemanticElements: a flex <fieldset> lays its buttons out apart in Chromium */}
        <div className="segmented" role="group" aria-label={m.boardView}>
          {(['map', 'list'] as const).map((mode) => (
            <button
              key={mode}
              type="button"
              aria-pressed={view === mode}
              onClick={() => onView(mode)}
            >
              {mode === 'map' ? m.viewMap : m.viewList}
            </button>
          ))}
        </div>
        {undo !== null && showUndo && (
          <>
            <button
              type="button"
              className="tool"
              disabled={!canUndo}
              onClick={() => undo.undo()}
              title="Ctrl+Z"
            >
              <span aria-hidden="true">↶</span>
              <span className="tool-text">{m.undo}</span>
            </button>
            <button
              type="button"
              className="tool"
              disabled={!canRedo}
              onClick={() => undo.redo()}
              title="Shift+Ctrl+Z"
            >
              <span aria-hidden="true">↷</span>
              <span className="tool-text">{m.redo}</span>
            </button>
          </>
        )}
        {children}
        <label className="tool-select">
          <span>{m.uiLanguage}</span>
          <select
            value={session.language}
            onChange={(event) => onLanguage(event.target.value as Language)}
          >
            {LANGUAGES.map((language) => (
              <option key={language} value={language}>
                {language === 'sv' ? 'Svenska' : 'English'}
              </option>
            ))}
          </select>
        </label>
      </div>
    </header>
  );
}
