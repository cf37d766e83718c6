/** @module First visit on a board: "Your name" and a role, then Join; remembered on this device. */
import { type FormEvent, useId, useState } from 'react';
import { PARTICIPANT_ROLES, type ParticipantRole } from '../../shared/roles';
import type { Messages } from '../i18n';
import './join.css';

interface Props {
  title: string;
  messages: Messages;
  /** The role picked when the form opens: a facilitator is usually the social worker. */
  defaultRole: ParticipantRole;
  onJoin: (name: string, role: ParticipantRole) => void;
  /** Set when a person who joined corrects their name or role: the form starts from it. */
  initialName?: string;
  onCancel?: () => void;
}

export function JoinForm(props: Props) {
  const { title, messages: m, defaultRole, onJoin, initialName = '', onCancel } = props;
  const [name, setName] = useState(initialName);
  const [role, setRole] = useState<ParticipantRole>(defaultRole);
  const [tried, setTried] = useState(false);
  const nameId = useId();
  const hintId = useId();
  const headingId = useId();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setTried(true);
    // A name is how the others know whose marker is whose; it is kept exactly as typed.
    if (name.trim() === '') return;
    onJoin(name.trim(), role);
  }

  const missing = tried && name.trim() === '';
  const form = (
    <form className="join-form" onSubmit={submit} noValidate>
      <p className="join-board">{title}</p>
      <h1 id={headingId}>{onCancel ? m.editMeHeading : m.joinHeading}</h1>
      <p>{m.joinIntro}</p>
      <label htmlFor={nameId}>{m.yourName}</label>
      <input
        id={nameId}
        type="text"
        autoComplete="given-name"
        // The form asks one thing first; the name field is where everyone starts.
        // biome-ignore lint/a11y/noAutofocus: the page's only purpose at this moment
        autoFocus
        value={name}
        maxLength={60}
        aria-invalid={missing}
        aria-describedby={missing ? hintId : undefined}
        onChange={(event) => setName(event.target.value)}
      />
      {missing && (
        <p id={hintId} className="form-error" role="alert">
          {m.nameNeeded}
        </p>
      )}
      <fieldset className="join-roles">
        <legend>{m.yourRole}</legend>
        {PARTICIPANT_ROLES.map((value) => (
          <label key={value} className="join-role">
            <input
              type="radio"
              name="role"
              value={value}
              checked={role === value}
              onChange={() => setRole(value)}
            />
            {m.participantRoleName[value]}
          </label>
        ))}
      </fieldset>
      <button type="submit">{onCancel ? m.saveMe : m.join}</button>
      {onCancel && (
        <button type="button" className="join-cancel" onClick={onCancel}>
          {m.cancelEditMe}
        </button>
      )}
    </form>
  );
  if (onCancel === undefined) return <main className="join-page">{form}</main>;
  // Correcting a name happens over the board, so nobody loses their place on the map.
  return (
    <div
      className="join-overlay"
      role="dialog"
      aria-modal="true"
      aria-labelledby={headingId}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onCancel();
      }}
    >
      {form}
    </div>
  );
}
