/** @module Who is here now: name, role and colour of everyone with the board open. */
import type { Awareness } from 'y-protocols/awareness';
import type { Messages } from '../i18n';
import type { Peer } from './presence';
import { usePeerSelection } from './usePeerSelection';

interface Props {
  awareness: Awareness;
  messages: Messages;
  /** Opens the form to correct this person's name or role; absent for viewers. */
  onEditMe?: () => void;
}

export function PeopleList({ awareness, messages: m, onEditMe }: Props) {
  // Re-rendered when someone comes, goes or renames, not when a cursor moves.
  const people = usePeerSelection(awareness, peopleHere, (found) =>
    found
      .map(({ self, user }) => `${self}:${user.id}:${user.name}:${user.role}:${user.color}`)
      .join('|'),
  );
  return (
    <section className="people" aria-label={m.peopleHere}>
      <h2 className="visually-hidden">{m.peopleHere}</h2>
      <ul>
        {people.map((peer) => (
          <li key={peer.user.id} className="person">
            <span
              className="person-dot"
              style={{ background: peer.user.color }}
              aria-hidden="true"
            />
            <span className="person-name">{peer.user.name}</span>
            <span className="person-role">
              {m.participantRoleName[peer.user.role]}
              {peer.self ? ` (${m.you})` : ''}
            </span>
            {peer.self && onEditMe && (
              <button type="button" className="person-edit" onClick={onEditMe} title={m.editMe}>
                <span aria-hidden="true">✎</span>
                <span className="visually-hidden">{m.editMe}</span>
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** One entry per person (the same person may have the board open in two tabs), me first. */
function peopleHere(peers: Peer[]): Peer[] {
  const byPerson = new Map<string, Peer>();
  for (const peer of peers) {
    // The tab at this screen is the one that says "(you)".
    if (!byPerson.has(peer.user.id) || peer.self) byPerson.set(peer.user.id, peer);
  }
  return [...byPerson.values()].sort(
    (a, b) => Number(b.self) - Number(a.self) || a.user.name.localeCompare(b.user.name),
  );
}
