/** @module The board as export JSON (SPEC §4.4) and as a Markdown record for the case file. */
import type * as Y from 'yjs';
import { readBoardMeta } from './board';
import { listAllCards } from './cards';
import type { Language } from './language';
import { listParticipants } from './participants';
import { listScales } from './ratings';
import { renderBoardRecord } from './record';
import type { ParticipantRole } from './roles';
import { type ColumnId, SECTIONS, type SectionId } from './sections';
import type { VersionInfo } from './version';

export interface BoardExport {
  id: string;
  title: string;
  template: 'mapping';
  language: Language;
  createdAt: number;
  exportedAt: number;
  sections: SectionExport[];
  scales: ScaleExport[];
  participants: ParticipantExport[];
}

export interface SectionExport {
  id: SectionId;
  column: ColumnId;
  label: string;
  cards: CardExport[];
}

export interface CardExport {
  id: string;
  text: string;
  author: string;
  /** The author's name from the participants; empty when they are not (or no longer) known. */
  authorName: string;
  createdAt: number;
  voice?: 'child';
}

export interface ScaleExport {
  id: string;
  label: string;
  low: string;
  high: string;
  ratings: RatingExport[];
}

export interface RatingExport {
  participant: string;
  name: string;
  role: string;
  value: number;
  why?: string;
  nextStep?: string;
  at: number;
}

export interface ParticipantExport {
  id: string;
  name: string;
  role: ParticipantRole;
}

export interface ExportOptions {
  /** The board's id (the document does not know it). */
  id: string;
  exportedAt: number;
}

export interface RecordOptions extends ExportOptions {
  /** IANA time zone for the dates in the record, e.g. "Europe/Stockholm"; UTC when omitted. */
  timeZone?: string;
  /** The saved version the document is, named in the record; the live board when omitted. */
  version?: VersionInfo;
}

/** The board as SPEC §4.4 JSON; optional keys are left out (never null) when unset. */
export function exportBoardJson(doc: Y.Doc, { id, exportedAt }: ExportOptions): BoardExport {
  const meta = readBoardMeta(doc);
  const participants = listParticipants(doc);
  const names = new Map(participants.map((participant) => [participant.id, participant.name]));
  const cards = listAllCards(doc);
  return {
    id,
    title: meta.title,
    template: meta.template,
    language: meta.language,
    createdAt: meta.createdAt,
    exportedAt,
    sections: SECTIONS.map((section) => ({
      id: section.id,
      column: section.column,
      label: section.label[meta.language],
      cards: cards
        .filter((card) => card.section === section.id)
        .map((card) => ({
          id: card.id,
          text: card.text,
          author: card.author,
          authorName: names.get(card.author) ?? '',
          createdAt: card.createdAt,
          ...(card.voice === undefined ? {} : { voice: card.voice }),
        })),
    })),
    scales: listScales(doc).map((scale) => ({
      id: scale.id,
      label: scale.label,
      low: scale.low,
      high: scale.high,
      ratings: scale.ratings.map((rating) => ({
        participant: rating.participant,
        name: rating.name,
        role: rating.role,
        value: rating.value,
        ...(rating.why === undefined ? {} : { why: rating.why }),
        ...(rating.nextStep === undefined ? {} : { nextStep: rating.nextStep }),
        at: rating.at,
      })),
    })),
    participants: participants.map(({ id, name, role }) => ({ id, name, role })),
  };
}

/** A readable record of the board for the case file, in the board's language. */
export function exportBoardMarkdown(doc: Y.Doc, options: RecordOptions): string {
  return renderBoardRecord(exportBoardJson(doc, options), options.timeZone, options.version);
}
