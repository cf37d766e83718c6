/** @module The mapping board's columns and sections (SPEC §2): stable ids, bilingual labels. */
import type { Label, Language } from './language';

export const COLUMNS = [
  { id: 'worries', label: { en: 'What are we worried about?', sv: 'Vilken oro finns?' } },
  { id: 'working-well', label: { en: "What's working well?", sv: 'Vad fungerar bra?' } },
  { id: 'needs', label: { en: 'What needs to happen?', sv: 'Vad behöver hända?' } },
] as const satisfies readonly { id: string; label: Label }[];

export type ColumnId = (typeof COLUMNS)[number]['id'];

/** Sections in the order of SPEC §2's table: the export and the layout follow it. */
export const SECTIONS = [
  { id: 'past-harm', column: 'worries', label: { en: 'Past harm', sv: 'Tidigare skada' } },
  {
    id: 'complicating-factors',
    column: 'worries',
    label: { en: 'Complicating factors', sv: 'Komplicerande faktorer' },
  },
  {
    id: 'danger-statements',
    column: 'worries',
    label: { en: 'Danger statements', sv: 'Framtida risk' },
  },
  { id: 'strengths', column: 'working-well', label: { en: 'Strengths', sv: 'Styrkor' } },
  { id: 'existing-safety', column: 'working-well', label: { en: 'Existing safety', sv: 'Skydd' } },
  { id: 'safety-goals', column: 'needs', label: { en: 'Safety goals', sv: 'Mål' } },
  { id: 'next-steps', column: 'needs', label: { en: 'Next steps', sv: 'Nästa steg' } },
] as const satisfies readonly { id: string; column: ColumnId; label: Label }[];

export type SectionId = (typeof SECTIONS)[number]['id'];
export type SectionDefinition = (typeof SECTIONS)[number];

const SECTION_IDS: ReadonlySet<string> = new Set(SECTIONS.map((section) => section.id));

export function isSectionId(value: unknown): value is SectionId {
  return typeof value === 'string' && SECTION_IDS.has(value);
}

export function sectionsOfColumn(column: ColumnId): SectionDefinition[] {
  return SECTIONS.filter((section) => section.column === column);
}

/** The section's name in `language` (its id when it is unknown). */
export function sectionLabel(id: string, language: Language): string {
  return SECTIONS.find((section) => section.id === id)?.label[language] ?? id;
}
