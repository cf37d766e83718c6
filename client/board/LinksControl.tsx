/** @module The facilitator's "Links" button; the panel (and its QR code library) loads only when opened. */
import { lazy, Suspense, useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import type { Messages } from '../i18n';
import { linksToReopen, reopenedLinks } from './own-rotation';

const LinksPanel = lazy(() =>
  import('../links/LinksPanel').then((module) => ({ default: module.LinksPanel })),
);

interface Props {
  boardId: string;
  token: string;
  title: string;
  messages: Messages;
  onDeleted: () => void;
}

export function LinksControl({ boardId, token, title, messages: m, onDeleted }: Props) {
  // After replacing its own link the page reloads; the panel opens again on the new link.
  const [justRotated] = useState(() => linksToReopen(boardId));
  const [open, setOpen] = useState(justRotated !== null);
  useEffect(() => reopenedLinks(boardId), [boardId]);

  return (
    <>
      <button type="button" className="tool" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        {m.links}
      </button>
      {open &&
        // Out of the header, whose tool styles would reach into the panel.
        createPortal(
          <Suspense fallback={null}>
            <LinksPanel
              boardId={boardId}
              token={token}
              title={title}
              messages={m}
              justRotated={justRotated}
              onClose={() => setOpen(false)}
              onDeleted={onDeleted}
            />
          </Suspense>,
          document.body,
        )}
    </>
  );
}
