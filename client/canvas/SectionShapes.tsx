/** @module The board's fixed scenery: column and section backgrounds, labels and "+" buttons. */
import { memo } from 'react';
import { Circle, Group, Rect, Text } from 'react-konva';
import type { Language } from '../../shared/language';
import { COLUMNS, sectionLabel } from '../../shared/sections';
import type { ColumnLayout, SectionLayout } from '../layout/board-layout';
import { CARD_FONT_FAMILY } from '../layout/board-layout';
import { COLUMN_COLORS } from './theme';

interface Props {
  columns: readonly ColumnLayout[];
  sections: readonly SectionLayout[];
  language: Language;
  /** Writers see a "+" in each section header. */
  showAddButtons: boolean;
}

/** Drawn once per layout change; nothing here listens, the canvas hit-tests with the layout. */
export const SectionShapes = memo(function SectionShapes(props: Props) {
  const { columns, sections, language, showAddButtons } = props;
  return (
    <>
      {columns.map((column) => (
        <ColumnShape key={column.id} column={column} language={language} />
      ))}
      {sections.map((section) => (
        <SectionShape
          key={section.id}
          section={section}
          language={language}
          showAddButton={showAddButtons}
        />
      ))}
    </>
  );
});

function ColumnShape({ column, language }: { column: ColumnLayout; language: Language }) {
  const colors = COLUMN_COLORS[column.id];
  const label = COLUMNS.find((candidate) => candidate.id === column.id)?.label[language] ?? '';
  const { header } = column;
  return (
    <Group listening={false}>
      <Rect {...column.rect} fill={colors.tint} cornerRadius={10} perfectDrawEnabled={false} />
      <Text
        x={header.x + 16}
        y={header.y}
        width={header.width - 32}
        height={header.height}
        text={label}
        fontFamily={CARD_FONT_FAMILY}
        fontSize={Math.min(26, header.height * 0.42)}
        fontStyle="bold"
        fill={colors.ink}
        verticalAlign="middle"
        wrap="none"
        ellipsis
        perfectDrawEnabled={false}
      />
    </Group>
  );
}

function SectionShape(props: {
  section: SectionLayout;
  language: Language;
  showAddButton: boolean;
}) {
  const { section, language, showAddButton } = props;
  const colors = COLUMN_COLORS[section.column];
  const label = sectionLabel(section.id, language);
  const { header, body, addButton } = section;
  const radius = addButton.width / 2;
  return (
    <Group listening={false}>
      <Rect
        id={`section-${section.id}`}
        {...body}
        x={body.x + 6}
        width={body.width - 12}
        height={body.height - 6}
        fill="#ffffff"
        opacity={0.7}
        cornerRadius={8}
        perfectDrawEnabled={false}
      />
      <Rect
        x={header.x + 6}
        y={header.y + header.height - 3}
        width={header.width - 12}
        height={2}
        fill={colors.ink}
        opacity={0.35}
        perfectDrawEnabled={false}
      />
      <Text
        x={header.x + 16}
        y={header.y}
        width={(showAddButton ? addButton.x - 6 : header.x + header.width - 16) - (header.x + 16)}
        height={header.height}
        text={label}
        fontFamily={CARD_FONT_FAMILY}
        fontSize={Math.min(22, header.height * 0.45)}
        fontStyle="bold"
        fill={colors.ink}
        verticalAlign="middle"
        wrap="none"
        ellipsis
        perfectDrawEnabled={false}
      />
      {showAddButton && (
        <Group x={addButton.x + radius} y={addButton.y + radius}>
          <Circle radius={radius} fill={colors.ink} perfectDrawEnabled={false} />
          <Rect x={-radius / 2} y={-1.5} width={radius} height={3} fill="#ffffff" />
          <Rect x={-1.5} y={-radius / 2} width={3} height={radius} fill="#ffffff" />
        </Group>
      )}
    </Group>
  );
}
