/** @module The participant link's QR code filling the screen, for the projector: the room joins from its phones. */
import { useId } from 'react';
import { useModalDialog } from '../dialog/modal';
import type { Messages } from '../i18n';
import { QrCode } from './QrCode';

interface Props {
  link: string;
  messages: Messages;
  onClose: () => void;
}

export function LargeQr({ link, messages: m, onClose }: Props) {
  const dialogRef = useModalDialog();
  const headingId = useId();
  return (
    <dialog
      ref={dialogRef}
      className="qr-large"
      aria-labelledby={headingId}
      onCancel={(event) => {
        event.preventDefault();
        if (event.target === event.currentTarget) onClose();
      }}
    >
      <h2 id={headingId}>{m.qrScanToJoin}</h2>
      <QrCode className="qr-large-code" text={link} label={m.qrLabel} />
      <button type="button" className="qr-large-close" onClick={onClose}>
        {m.qrClose}
      </button>
    </dialog>
  );
}
