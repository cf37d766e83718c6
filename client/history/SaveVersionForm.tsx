/** @module The facilitator's "Save version": a name offered ("Möte 3 — 23 nov"), Enter saves. */
import { type FormEvent, useId, useState } from 'react';
import type { Language } from '../../shared/language';
import { MAX_VERSION_LABEL_LENGTH } from '../../shared/version';
import { saveVersion } from '../api';
import type { Messages } from '../i18n';
import { suggestedVersionLabel } from './format';
import type { Versions } from './useVersions';

interface Props {
  boardId: string;
  token: string;
  versions: Versions;
  language: Language;
  messages: Messages;
}

export function SaveVersionForm({ boardId, token, versions, language, messages: m }: Props) {
  const fieldId = useId();
  const hintId = useId();
  // Null while the person has not typed: the offered name follows the list as it loads.
  const [typed, setTyped] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const count = versions.state.status === 'ready' ? versions.state.versions.length : 0;
  const label = typed ?? suggestedVersionLabel(count, Date.now(), m.historyMeeting, language);

  async function save(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setSaved(null);
    if (label.trim() === '') {
      setError(m.historyLabelNeeded);
      return;
    }
    setBusy(true);
    setError(null);
    const result = await saveVersion(boardId, token, label.trim());
    setBusy(false);
    if (!result.ok) {
      // 409: the board keeps as many versions as it can; trying again would not help.
      setError(result.status === 409 ? m.historyFull : m.historySaveFailed);
      return;
    }
    setSaved(result.value.label);
    setTyped(null);
    await versions.reload();
  }

  return (
    <form className="history-save" onSubmit={(event) => void save(event)}>
      <h3>{m.historySaveHeading}</h3>
      <label htmlFor={fieldId}>{m.historyLabelField}</label>
      <div className="history-save-row">
        <input
          id={fieldId}
          type="text"
          value={label}
          maxLength={MAX_VERSION_LABEL_LENGTH}
          aria-describedby={hintId}
          autoComplete="off"
          onChange={(event) => setTyped(event.target.value)}
        />
        <button type="submit" disabled={busy}>
          {busy ? m.historySaving : m.historySave}
        </button>
      </div>
      <p id={hintId} className="hint">
        {m.historySaveHint}
      </p>
      {error !== null && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <p className="history-status" role="status">
        {saved === null ? '' : m.historySaved(saved)}
      </p>
    </form>
  );
}
