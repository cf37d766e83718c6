/** @module One of the board's three columns, with its sections in SPEC §2's order. */
import type * as Y from 'yjs';
import type { Language } from '../shared/language';
import { type COLUMNS, sectionsOfColumn } from '../shared/sections';
import type { Messages } from './i18n';
import { SectionView } from './SectionView';

interface Props {
  column: (typeof COLUMNS)[number];
  doc: Y.Doc;
  language: Language;
  messages: Messages;
  /** The participant id new cards are written by; null for a read-only link. */
  author: string | null;
}

export function ColumnView({ column, doc, language, messages, author }: Props) {
  const headingId = `column-${column.id}`;
  return (
    <section className={`column column--${column.id}`} aria-labelledby={headingId}>
      <h2 id={headingId}>{column.label[language]}</h2>
      {sectionsOfColumn(column.id).map((section) => (
        <SectionView
          key={section.id}
          section={section}
          doc={doc}
          language={language}
          messages={messages}
          author={author}
        />
      ))}
    </section>
  );
}
