/** @module "History" in the header for every role; the panel and an old version's view load only when asked for. */
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type * as Y from 'yjs';
import type { Language } from '../../shared/language';
import type { VersionInfo } from '../../shared/version';
import type { Messages } from '../i18n';
import './control.css';

const HistoryPanel = lazy(() =>
  import('./HistoryPanel').then((module) => ({ default: module.HistoryPanel })),
);

interface Props {
  boardId: string;
  token: string;
  /** The live board: "changes since" and the scales over time compare with it. */
  doc: Y.Doc;
  language: Language;
  messages: Messages;
  /** Saving and restoring versions are the facilitator's; everyone may look. */
  facilitator: boolean;
  /** The version shown in place of the live board, if any. */
  viewing: VersionInfo | null;
  onView: (version: VersionInfo | null) => void;
}

export function HistoryControl(props: Props) {
  const { messages: m, viewing } = props;
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  // Back from an old version, the keyboard goes on where the person went there from.
  const wasViewing = useRef(false);
  useEffect(() => {
    if (wasViewing.current && viewing === null) buttonRef.current?.focus();
    wasViewing.current = viewing !== null;
  }, [viewing]);

  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        className="tool history-open"
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
      >
        {m.history}
      </button>
      {open &&
        // Out of the header, whose tool styles would reach into the panel.
        createPortal(
          <Suspense fallback={null}>
            <HistoryPanel
              boardId={props.boardId}
              token={props.token}
              doc={props.doc}
              language={props.language}
              messages={m}
              facilitator={props.facilitator}
              onClose={() => setOpen(false)}
              onView={(version) => {
                setOpen(false);
                props.onView(version);
              }}
            />
          </Suspense>,
          document.body,
        )}
    </>
  );
}
