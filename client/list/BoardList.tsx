/** @module The board as real DOM, for screen readers, keyboards and phones: every card and scale. */
import { type JSX, useEffect, useMemo, useState } from 'react';
import { listAllCards } from '../../shared/cards';
import { listScales } from '../../shared/ratings';
import { COLUMNS, sectionsOfColumn } from '../../shared/sections';
import { useDocRevision, useSession } from '../board/session';
import { usePeerSelection } from '../board/usePeerSelection';
import { useListStatus } from './card-move';
import { editorsByCard } from './list-text';
import { ScaleList } from './ScaleList';
import { SectionList } from './SectionList';

interface Props {
  /**
   * True when the person chose the list (phones, or by preference). When false the list stays
   * in the accessibility tree for screen readers but out of sight, until keyboard focus enters.
   */
  visible: boolean;
}

export function BoardList({ visible }: Props): JSX.Element {
  const { doc, awareness, language, messages: m } = useSession();
  const revision = useDocRevision(doc);
  // biome-ignore lint/correctness/useExhaustiveDependencies: revision says the doc changed
  const cards = useMemo(() => listAllCards(doc), [doc, revision]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: revision says the doc changed
  const scales = useMemo(() => listScales(doc, language), [doc, revision, language]);
  // Only who edits which card: cursors moving must not re-render every card of the list.
  const editors = usePeerSelection(awareness, editorsByCard, (found) => JSON.stringify([...found]));
  // Held here, not in the card: a card someone else moves to another section is a new
  // component there, and the words being typed into it must not lose their field.
  const [editingCard, setEditingCard] = useState<string | null>(null);
  // A card deleted while open does not open again by itself if someone brings it back.
  useEffect(() => {
    if (editingCard !== null && !cards.some((card) => card.id === editingCard)) {
      setEditingCard(null);
    }
  }, [cards, editingCard]);

  return (
    <section
      // biome-ignore lint/a11y/noRedundantRoles: a named section is a region anyway; tests and docs name the role
      role="region"
      aria-label={m.boardAsList}
      className={`board-list ${visible ? 'board-list--shown' : 'board-list--tucked'}`}
    >
      {COLUMNS.map((column) => (
        <div key={column.id} className={`list-column list-column--${column.id}`}>
          <h2>{column.label[language]}</h2>
          {sectionsOfColumn(column.id).map((section) => (
            <SectionList
              key={section.id}
              section={section}
              cards={cards.filter((card) => card.section === section.id)}
              editors={editors}
              editingCard={editingCard}
              onEditingCard={setEditingCard}
            />
          ))}
        </div>
      ))}
      <ScaleList scales={scales} />
      <ListStatus />
    </section>
  );
}

/** Says what just happened where focus cannot show it, such as where a moved card went. */
function ListStatus(): JSX.Element {
  const status = useListStatus();
  return (
    <p className="visually-hidden" role="status">
      {status}
    </p>
  );
}
