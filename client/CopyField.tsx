/** @module A link in a read-only field with a Copy button (the start page and the Links panel). */
import { useState } from 'react';
import type { Messages } from './i18n';

interface Props {
  /** The field's id; its <label> is the caller's. */
  inputId: string;
  link: string;
  /** Whose link, for the button's accessible name ("Copy: Participant"). */
  roleName: string;
  messages: Messages;
  /**
   * Shown as dots until asked for: the facilitator's own link, on a screen that may be
   * projected while the participant link's QR code is shown. Copy still copies it.
   */
  concealed?: boolean;
}

export function CopyField({ inputId, link, roleName, messages: m, concealed = false }: Props) {
  // Which link was copied: a new link after a rotation is not copied yet.
  const [copied, setCopied] = useState<string | null>(null);
  const [shown, setShown] = useState(!concealed);
  const done = copied === link;

  async function copy() {
    try {
      await navigator.clipboard.writeText(link);
      setCopied(link);
    } catch {
      // No clipboard (plain http, or refused): select the text so Ctrl+C works.
      document.getElementById(inputId)?.focus();
    }
  }

  return (
    <div className="copy-row">
      <input
        id={inputId}
        type={shown ? 'text' : 'password'}
        readOnly
        value={link}
        onFocus={(event) => event.currentTarget.select()}
      />
      {concealed && (
        <button
          type="button"
          className="button--quiet"
          aria-pressed={shown}
          aria-label={`${m.showLink}: ${roleName}`}
          onClick={() => setShown((value) => !value)}
        >
          {m.showLink}
        </button>
      )}
      <button
        type="button"
        onClick={copy}
        aria-label={`${done ? m.copied : m.copyLink}: ${roleName}`}
      >
        {done ? m.copied : m.copyLink}
      </button>
    </div>
  );
}
