/** @module The saved versions, newest first, each with Open, Changes since, Export and (facilitator) Restore. */
import { useEffect, useId, useRef, useState } from 'react';
import type { Language } from '../../shared/language';
import type { VersionInfo } from '../../shared/version';
import { restoreVersion } from '../api';
import { ConfirmDialog } from '../dialog/ConfirmDialog';
import type { Messages } from '../i18n';
import { printViewHref } from '../record/download';
import { formatSavedAt } from './format';
import type { Versions } from './useVersions';

interface Props {
  boardId: string;
  token: string;
  versions: Versions;
  language: Language;
  messages: Messages;
  facilitator: boolean;
  /** A version whose "Changes since" should have focus (back from that view). */
  returnFocusTo: string | null;
  onView: (version: VersionInfo) => void;
  onChanges: (version: VersionInfo) => void;
}

export function VersionList(props: Props) {
  const { boardId, token, versions, language, messages: m, facilitator } = props;
  const headingId = useId();
  const listRef = useRef<HTMLOListElement>(null);
  const [restoring, setRestoring] = useState<VersionInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [restored, setRestored] = useState<string | null>(null);
  const state = versions.state;

  useEffect(() => {
    if (props.returnFocusTo === null || state.status !== 'ready') return;
    const button = listRef.current?.querySelector<HTMLElement>(
      `[data-changes-of="${CSS.escape(props.returnFocusTo)}"]`,
    );
    button?.focus();
  }, [props.returnFocusTo, state.status]);

  async function restore(version: VersionInfo) {
    setBusy(true);
    setError(null);
    const result = await restoreVersion(boardId, token, version.id);
    setBusy(false);
    if (!result.ok) {
      // 409: no room for the version a restore saves first; nothing was changed.
      setError(result.status === 409 ? m.historyFull : m.historyRestoreFailed);
      return;
    }
    setRestoring(null);
    setRestored(m.historyRestored(result.value.restored.label, result.value.saved.label));
    await versions.reload();
  }

  return (
    <section className="history-versions" aria-labelledby={headingId}>
      <h3 id={headingId}>{m.historyVersionsHeading}</h3>
      <p className="history-status" role="status">
        {restored ?? ''}
      </p>
      {state.status === 'loading' && <p className="hint">{m.historyLoading}</p>}
      {state.status === 'failed' && (
        <div className="history-failed">
          <p className="error" role="alert">
            {m.historyLoadFailed}
          </p>
          <button type="button" className="button--quiet" onClick={() => void versions.reload()}>
            {m.tryAgain}
          </button>
        </div>
      )}
      {state.status === 'ready' && state.versions.length === 0 && (
        <p className="hint">{m.historyNoVersions}</p>
      )}
      {state.status === 'ready' && state.versions.length > 0 && (
        <ol className="history-version-list" ref={listRef}>
          {[...state.versions].reverse().map((version) => (
            <li key={version.id} className="history-version">
              <div className="history-version-name">
                <h4>{version.label}</h4>
                <time dateTime={new Date(version.createdAt).toISOString()}>
                  {m.historySavedAt(formatSavedAt(version.createdAt, language))}
                </time>
              </div>
              <div className="history-version-actions">
                <button
                  type="button"
                  aria-label={`${m.historyOpen}: ${version.label}`}
                  onClick={() => props.onView(version)}
                >
                  {m.historyOpen}
                </button>
                <button
                  type="button"
                  className="button--quiet"
                  data-changes-of={version.id}
                  aria-label={`${m.historyChanges}: ${version.label}`}
                  onClick={() => props.onChanges(version)}
                >
                  {m.historyChanges}
                </button>
                <a
                  className="button button--quiet"
                  href={printViewHref(boardId, token, version.id)}
                  target="_blank"
                  rel="noopener noreferrer"
                  aria-label={`${m.historyExport}: ${version.label} ${m.historyNewTab}`}
                >
                  {m.historyExport}
                </a>
                {facilitator && (
                  <button
                    type="button"
                    className="button--quiet"
                    aria-label={`${m.historyRestore}: ${version.label}`}
                    onClick={() => {
                      setError(null);
                      setRestored(null);
                      setRestoring(version);
                    }}
                  >
                    {m.historyRestore}
                  </button>
                )}
              </div>
            </li>
          ))}
        </ol>
      )}
      {restoring !== null && (
        <ConfirmDialog
          title={m.historyRestoreTitle(restoring.label)}
          text={m.historyRestoreText(restoring.label)}
          confirmLabel={m.historyRestoreConfirm}
          busyLabel={m.historyRestoring}
          busy={busy}
          error={error}
          messages={m}
          onConfirm={() => void restore(restoring)}
          onCancel={() => setRestoring(null)}
        />
      )}
    </section>
  );
}
