/** @module One section of the board: its cards in board order and, for writers, an add field. */
import type * as Y from 'yjs';
import { listCards } from '../shared/cards';
import type { Language } from '../shared/language';
import type { SectionDefinition } from '../shared/sections';
import { AddCardForm } from './AddCardForm';
import { CardNote } from './CardNote';
import type { Messages } from './i18n';

interface Props {
  section: SectionDefinition;
  doc: Y.Doc;
  language: Language;
  messages: Messages;
  author: string | null;
}

export function SectionView({ section, doc, language, messages: m, author }: Props) {
  const headingId = `section-${section.id}`;
  const label = section.label[language];
  const cards = listCards(doc, section.id);
  return (
    <section className="section" aria-labelledby={headingId}>
      <h3 id={headingId}>{label}</h3>
      {cards.length === 0 ? (
        <p className="no-cards">{m.noCards}</p>
      ) : (
        <ol className="cards">
          {cards.map((card) => (
            <CardNote key={card.id} card={card} messages={m} />
          ))}
        </ol>
      )}
      {author !== null && (
        <AddCardForm
          doc={doc}
          section={section.id}
          sectionLabel={label}
          author={author}
          messages={m}
        />
      )}
    </section>
  );
}
