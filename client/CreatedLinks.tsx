/** @module The three role links of a new board, each with who it is for and a copy button. */
import { useEffect, useRef } from 'react';
import { LINK_ROLES, type LinkRole } from '../shared/roles';
import type { CreatedBoard } from './api';
import { CopyField } from './CopyField';
import type { Messages } from './i18n';

interface Props {
  board: CreatedBoard;
  messages: Messages;
}

export function CreatedLinks({ board, messages: m }: Props) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  // Move focus to the result so keyboard and screen-reader users land on the links.
  useEffect(() => headingRef.current?.focus(), []);

  return (
    <section className="created-links" aria-labelledby="links-heading">
      <h2 id="links-heading" ref={headingRef} tabIndex={-1}>
        {m.linksHeading}
      </h2>
      <p>{m.linksNote}</p>
      <ul>
        {LINK_ROLES.map((role) => (
          <RoleLink key={role} role={role} link={board.links[role]} messages={m} />
        ))}
      </ul>
      <a className="button" href={board.links.facilitator}>
        {m.openAsFacilitator}
      </a>
    </section>
  );
}

function RoleLink({
  role,
  link,
  messages: m,
}: {
  role: LinkRole;
  link: string;
  messages: Messages;
}) {
  const inputId = `link-${role}`;
  return (
    <li className={`role-link role-link--${role}`}>
      <label htmlFor={inputId}>{m.roleName[role]}</label>
      <p className="hint">{m.roleExplanation[role]}</p>
      <CopyField inputId={inputId} link={link} roleName={m.roleName[role]} messages={m} />
    </li>
  );
}
