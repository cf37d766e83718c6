/** @module The History panel: saved versions (save, open, changes since, export, restore) and the scales over time. */
import { type KeyboardEvent, useId, useRef, useState } from 'react';
import type * as Y from 'yjs';
import type { Language } from '../../shared/language';
import type { VersionInfo } from '../../shared/version';
import { useModalDialog } from '../dialog/modal';
import type { Messages } from '../i18n';
import { ScaleJourneyView } from '../journey/ScaleJourneyView';
import { SaveVersionForm } from './SaveVersionForm';
import { useVersions } from './useVersions';
import { VersionChanges } from './VersionChanges';
import { VersionList } from './VersionList';
import './history.css';

interface Props {
  boardId: string;
  token: string;
  doc: Y.Doc;
  language: Language;
  messages: Messages;
  facilitator: boolean;
  onClose: () => void;
  /** Show this version in place of the live board (the panel closes). */
  onView: (version: VersionInfo) => void;
}

const TABS = ['versions', 'scales'] as const;
type Tab = (typeof TABS)[number];

export function HistoryPanel(props: Props) {
  const { boardId, token, doc, language, messages: m, facilitator, onClose } = props;
  const dialogRef = useModalDialog();
  const headingId = useId();
  const tabIds = { versions: useId(), scales: useId() };
  const panelId = useId();
  const tabRefs = useRef<Partial<Record<Tab, HTMLButtonElement | null>>>({});
  const [tab, setTab] = useState<Tab>('versions');
  const [changesOf, setChangesOf] = useState<VersionInfo | null>(null);
  // After "All versions", the keyboard goes back to the row it came from.
  const [returnTo, setReturnTo] = useState<string | null>(null);
  const versions = useVersions(boardId, token);

  // Arrow keys move between the tabs (WAI-ARIA tabs, automatic activation).
  const onTabKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
    if (step === undefined) return;
    event.preventDefault();
    const next = TABS[(TABS.indexOf(tab) + step + TABS.length) % TABS.length] ?? 'versions';
    setTab(next);
    tabRefs.current[next]?.focus();
  };

  return (
    <dialog
      ref={dialogRef}
      className="history-panel"
      aria-labelledby={headingId}
      onCancel={(event) => {
        event.preventDefault();
        // A dialog opened from this one (the restore question) handles its own Escape.
        if (event.target === event.currentTarget) onClose();
      }}
    >
      <div className="history-panel-head">
        <h2 id={headingId}>{m.historyHeading}</h2>
        <button type="button" className="button--quiet" onClick={onClose}>
          {m.historyClose}
        </button>
      </div>
      <div className="history-tabs" role="tablist" aria-label={m.historyTabs} onKeyDown={onTabKey}>
        {TABS.map((name) => (
          <button
            key={name}
            ref={(button) => {
              tabRefs.current[name] = button;
            }}
            id={tabIds[name]}
            type="button"
            role="tab"
            aria-selected={tab === name}
            aria-controls={panelId}
            tabIndex={tab === name ? 0 : -1}
            onClick={() => setTab(name)}
          >
            {name === 'versions' ? m.historyTabVersions : m.historyTabScales}
          </button>
        ))}
      </div>
      <div id={panelId} role="tabpanel" aria-labelledby={tabIds[tab]} className="history-tab-panel">
        {tab === 'scales' && (
          <ScaleJourneyView
            boardId={boardId}
            token={token}
            doc={doc}
            messages={m}
            language={language}
          />
        )}
        {tab === 'versions' && changesOf !== null && (
          <VersionChanges
            boardId={boardId}
            token={token}
            doc={doc}
            version={changesOf}
            language={language}
            messages={m}
            onBack={() => {
              setReturnTo(changesOf.id);
              setChangesOf(null);
            }}
          />
        )}
        {tab === 'versions' && changesOf === null && (
          <>
            {facilitator && (
              <SaveVersionForm
                boardId={boardId}
                token={token}
                versions={versions}
                language={language}
                messages={m}
              />
            )}
            <VersionList
              boardId={boardId}
              token={token}
              versions={versions}
              language={language}
              messages={m}
              facilitator={facilitator}
              returnFocusTo={returnTo}
              onView={props.onView}
              onChanges={setChangesOf}
            />
          </>
        )}
      </div>
    </dialog>
  );
}
