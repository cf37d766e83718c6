/** @module One role's link in the Links panel: who it is for, the link and Copy, and Replace. */
import type { ReactNode } from 'react';
import type { LinkRole } from '../../shared/roles';
import { CopyField } from '../CopyField';
import type { Messages } from '../i18n';

interface Props {
  role: LinkRole;
  /** Undefined when this device was never told the link (it did not create the board). */
  link: string | undefined;
  /** True right after this role's link was replaced here: the old one no longer works. */
  rotated: boolean;
  messages: Messages;
  onRotate: () => void;
  /** The QR code, for the participant link. */
  children?: ReactNode;
}

export function RoleLinkCard({ role, link, rotated, messages: m, onRotate, children }: Props) {
  const headingId = `links-${role}-heading`;
  const inputId = `links-${role}-link`;
  return (
    <section className={`links-role role-link--${role}`} aria-labelledby={headingId}>
      <div className="links-role-text">
        <h3 id={headingId}>
          {link === undefined ? (
            m.roleName[role]
          ) : (
            <label htmlFor={inputId}>{m.roleName[role]}</label>
          )}
        </h3>
        <p className="hint">{m.roleExplanation[role]}</p>
        {link === undefined && <p className="links-unknown">{m.linkUnknown[role]}</p>}
        <div className="links-role-actions">
          {link !== undefined && (
            <CopyField
              inputId={inputId}
              link={link}
              roleName={m.roleName[role]}
              messages={m}
              concealed={role === 'facilitator'}
            />
          )}
          <button
            type="button"
            className="button--quiet"
            aria-label={`${link === undefined ? m.newLink : m.rotateLink}: ${m.roleName[role]}`}
            onClick={onRotate}
          >
            {link === undefined ? m.newLink : m.rotateLink}
          </button>
        </div>
        {rotated && link !== undefined && (
          <p className="links-rotated" role="status">
            {m.linkRotated}
          </p>
        )}
      </div>
      {children}
    </section>
  );
}
