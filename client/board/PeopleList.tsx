/** @module Who is here now: name, role and colour of everyone with the board open. */
import type { Messages } from '../i18n';
import type { Peer } from './presence';

interface Props {
  peers: Peer[];
  messages: Messages;
}

export function PeopleList({ peers, messages: m }: Props) {
  // One person may have the board open in two tabs: show them once.
  const people = [...new Map(peers.map((peer) => [peer.user.id, peer])).values()].sort(
    (a, b) => Number(b.self) - Number(a.self) || a.user.name.localeCompare(b.user.name),
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
          </li>
        ))}
      </ul>
    </section>
  );
}
