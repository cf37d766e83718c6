/** @module The facilitator's Links panel: the three role links, the participant QR code, Replace, and Delete board. */
import { useId, useState } from 'react';
import type { LinkRole } from '../../shared/roles';
import { deleteBoard, rotateLink } from '../api';
import { forgetBoard } from '../board/known-boards';
import { type KnownLinks, recallLinks, rememberLinks, tokenOfLink } from '../board/known-links';
import { beginOwnRotation, ownRotationFailed, reopenLinksAfterReload } from '../board/own-rotation';
import { ConfirmDialog } from '../dialog/ConfirmDialog';
import { useModalDialog } from '../dialog/modal';
import type { Messages } from '../i18n';
import { LargeQr } from './LargeQr';
import { QrCode } from './QrCode';
import { RoleLinkCard } from './RoleLinkCard';
import './links.css';

/** The room's link first: it is the one handed out, and the one with the QR code. */
const PANEL_ROLES: readonly LinkRole[] = ['participant', 'viewer', 'facilitator'];

interface Props {
  boardId: string;
  /** This page's own (facilitator) token: it authorises every call here. */
  token: string;
  title: string;
  messages: Messages;
  /** Set when the page reloaded after replacing its own link: say that it is the new one. */
  justRotated: LinkRole | null;
  onClose: () => void;
  onDeleted: () => void;
}

type Asking = { action: 'rotate'; role: LinkRole } | { action: 'delete' } | null;

export function LinksPanel(props: Props) {
  const { boardId, token, title, messages: m, onClose } = props;
  const dialogRef = useModalDialog();
  const headingId = useId();
  const [links, setLinks] = useState<KnownLinks>(() => linksOnThisDevice(boardId, token));
  const [rotated, setRotated] = useState<LinkRole | null>(props.justRotated);
  const [asking, setAsking] = useState<Asking>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [largeQr, setLargeQr] = useState(false);

  function ask(next: Asking) {
    setError(null);
    setAsking(next);
  }

  async function rotate(role: LinkRole) {
    setBusy(true);
    setError(null);
    // Replacing my own link closes my own socket too, perhaps before the answer comes.
    const own = role === 'facilitator';
    if (own) beginOwnRotation(boardId);
    const result = await rotateLink(boardId, role, token);
    if (!result.ok) {
      if (own) ownRotationFailed(boardId);
      setBusy(false);
      setError(m.rotateFailed);
      return;
    }
    rememberLinks(boardId, { [role]: result.value.link });
    if (own) {
      // The page goes on with the new link; the old one must not stay in the history either.
      reopenLinksAfterReload(boardId, role);
      window.history.replaceState(null, '', `${window.location.pathname}#k=${result.value.token}`);
      window.location.reload();
      return;
    }
    setLinks((known) => ({ ...known, [role]: result.value.link }));
    setRotated(role);
    setBusy(false);
    setAsking(null);
  }

  async function remove() {
    setBusy(true);
    setError(null);
    const result = await deleteBoard(boardId, token);
    // 404: someone deleted it meanwhile; it is gone either way.
    if (!result.ok && result.status !== 404) {
      setBusy(false);
      setError(m.deleteFailed);
      return;
    }
    forgetBoard(boardId, 'board-gone');
    props.onDeleted();
  }

  return (
    <dialog
      ref={dialogRef}
      className="links-panel"
      aria-labelledby={headingId}
      onCancel={(event) => {
        event.preventDefault();
        // A dialog opened from this one (confirm, large QR) handles its own Escape.
        if (event.target === event.currentTarget) onClose();
      }}
    >
      <div className="links-panel-head">
        <h2 id={headingId}>{m.linksPanelHeading}</h2>
        <button type="button" className="button--quiet" onClick={onClose}>
          {m.closeLinks}
        </button>
      </div>
      <p className="links-panel-note">{m.linksPanelNote}</p>
      {PANEL_ROLES.map((role) => {
        const link = links[role];
        return (
          <RoleLinkCard
            key={role}
            role={role}
            link={link}
            rotated={rotated === role}
            messages={m}
            onRotate={() => ask({ action: 'rotate', role })}
          >
            {role === 'participant' && link !== undefined && (
              <div className="links-qr">
                <QrCode className="links-qr-code" text={link} label={m.qrLabel} />
                <button type="button" className="button--quiet" onClick={() => setLargeQr(true)}>
                  {m.qrShowLarge}
                </button>
              </div>
            )}
          </RoleLinkCard>
        );
      })}
      <section className="links-danger" aria-labelledby={`${headingId}-delete`}>
        <h3 id={`${headingId}-delete`}>{m.deleteHeading}</h3>
        <p>{m.deleteNote}</p>
        <button type="button" className="button--danger" onClick={() => ask({ action: 'delete' })}>
          {m.deleteBoard}
        </button>
      </section>
      {asking?.action === 'rotate' && (
        <ConfirmDialog
          title={m.rotateConfirmTitle[asking.role]}
          text={m.rotateConfirmText[asking.role]}
          confirmLabel={m.rotateConfirm}
          busyLabel={m.rotating}
          busy={busy}
          error={error}
          messages={m}
          onConfirm={() => void rotate(asking.role)}
          onCancel={() => setAsking(null)}
        />
      )}
      {asking?.action === 'delete' && (
        <ConfirmDialog
          title={m.deleteConfirmTitle(title)}
          text={m.deleteConfirmText}
          confirmLabel={m.deleteConfirm}
          busyLabel={m.deleting}
          busy={busy}
          error={error}
          danger
          messages={m}
          onConfirm={() => void remove()}
          onCancel={() => setAsking(null)}
        />
      )}
      {largeQr && links.participant !== undefined && (
        <LargeQr link={links.participant} messages={m} onClose={() => setLargeQr(false)} />
      )}
    </dialog>
  );
}

/** What this device knows, and always the page's own link: it has just opened the board. */
function linksOnThisDevice(boardId: string, token: string): KnownLinks {
  const known = recallLinks(boardId);
  if (known.facilitator === undefined || tokenOfLink(known.facilitator) !== token) {
    known.facilitator = `${window.location.origin}/b/${encodeURIComponent(boardId)}#k=${token}`;
  }
  return known;
}
