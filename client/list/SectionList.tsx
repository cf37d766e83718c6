/** @module One section in the list view: its heading, its cards in board order, an add field. */
import type { CardView } from '../../shared/cards';
import type { SectionDefinition } from '../../shared/sections';
import { useSession } from '../board/session';
import { AddCardField } from './AddCardField';
import { CardItem } from './CardItem';

interface Props {
  section: SectionDefinition;
  /** This section's cards, in board order. */
  cards: CardView[];
  /** Card id → names of the others typing in it. */
  editors: ReadonlyMap<string, string[]>;
  /** The card whose words are open for editing in the list, if any. */
  editingCard: string | null;
  onEditingCard: (cardId: string | null) => void;
}

export function SectionList({ section, cards, editors, editingCard, onEditingCard }: Props) {
  const { language, messages: m, writable, me } = useSession();
  return (
    <div className="list-section">
      <h3>{section.label[language]}</h3>
      {cards.length === 0 ? (
        <p className="no-cards">{m.noCards}</p>
      ) : (
        <ol className="list-cards">
          {cards.map((card, index) => (
            <CardItem
              key={card.id}
              card={card}
              index={index}
              last={index === cards.length - 1}
              editors={editors.get(card.id) ?? []}
              editing={editingCard === card.id}
              onEditing={(open) => onEditingCard(open ? card.id : null)}
            />
          ))}
        </ol>
      )}
      {writable && me !== null && <AddCardField section={section} author={me.id} />}
    </div>
  );
}
