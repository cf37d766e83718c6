/** @module "Are you sure?" before what cannot be taken back: Cancel is where focus starts. */
import { useEffect, useId, useRef } from 'react';
import type { Messages } from '../i18n';
import { useModalDialog } from './modal';
import './confirm-dialog.css';

interface Props {
  title: string;
  text: string;
  /** Says what the button does ("Delete the board for everyone"), never just "OK". */
  confirmLabel: string;
  busyLabel: string;
  busy: boolean;
  error: string | null;
  danger?: boolean;
  messages: Messages;
  onConfirm: () => void;
  onCancel: () => void;
}

export function ConfirmDialog(props: Props) {
  const { title, text, confirmLabel, busyLabel, busy, error, danger = false, messages: m } = props;
  const dialogRef = useModalDialog();
  const cancelRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const textId = useId();
  useEffect(() => cancelRef.current?.focus(), []);

  return (
    <dialog
      ref={dialogRef}
      className="confirm-dialog"
      aria-labelledby={titleId}
      aria-describedby={textId}
      onCancel={(event) => {
        event.preventDefault();
        if (event.target === event.currentTarget && !busy) props.onCancel();
      }}
    >
      <h2 id={titleId}>{title}</h2>
      <p id={textId}>{text}</p>
      {error !== null && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="confirm-actions">
        <button
          ref={cancelRef}
          type="button"
          className="button--quiet"
          disabled={busy}
          onClick={props.onCancel}
        >
          {m.cancel}
        </button>
        <button
          type="button"
          className={danger ? 'button--danger' : undefined}
          disabled={busy}
          onClick={props.onConfirm}
        >
          {busy ? busyLabel : confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
