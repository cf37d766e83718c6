/** @module One card as written: text verbatim; the child's own words marked as theirs. */
import type { CardView } from '../shared/cards';
import type { Messages } from './i18n';

interface Props {
  card: CardView;
  messages: Messages;
}

export function CardNote({ card, messages: m }: Props) {
  if (card.voice === 'child') {
    return (
      <li className="card card--child">
        <figure>
          <blockquote className="card-text">{card.text}</blockquote>
          <figcaption>{m.childsOwnWords}</figcaption>
        </figure>
      </li>
    );
  }
  return (
    <li className="card">
      <p className="card-text">{card.text}</p>
    </li>
  );
}
