/** @module Tests for the export JSON contract (SPEC §4.4) and the Markdown record. */
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { addCard, moveCard, setCardVoice } from '../../shared/cards';
import { exportBoardJson, exportBoardMarkdown } from '../../shared/export';
import type { Language } from '../../shared/language';
import { upsertParticipant } from '../../shared/participants';
import { addScale, setRating, setRatingNotes } from '../../shared/ratings';
import { renderBoardRecord } from '../../shared/record';
import { SECTIONS } from '../../shared/sections';
import type { VersionInfo } from '../../shared/version';
import { CREATED_AT, EXPORTED_AT, newBoard } from './boards';

const CHILD_WORDS = 'När pappa är arg\ngömmer jag mig\n\n  under sängen *ibland*';

/** A small mapping meeting: a mother, a grandfather, a worker and a child's words. */
function meeting(language: Language): Y.Doc {
  const doc = newBoard(language, 'Familjen Andersson');
  upsertParticipant(doc, 'mother', { name: 'Lena', role: 'family', color: '#e33' });
  upsertParticipant(doc, 'worker', { name: 'Karin', role: 'worker', color: '#333' });
  upsertParticipant(doc, 'grandpa', { name: 'Bengt', role: 'network', color: '#3a3' });
  addCard(doc, {
    id: 'c1',
    section: 'past-harm',
    author: 'worker',
    text: 'Polis kallad i maj',
    createdAt: 10,
  });
  addCard(doc, {
    id: 'c2',
    section: 'past-harm',
    author: 'worker',
    text: CHILD_WORDS,
    createdAt: 11,
  });
  setCardVoice(doc, 'c2', 'child');
  addCard(doc, {
    id: 'c3',
    section: 'strengths',
    author: 'grandpa',
    text: 'Morfar hämtar',
    createdAt: 12,
  });
  addCard(doc, {
    id: 'c4',
    section: 'strengths',
    author: 'left-the-board',
    text: 'Skolan ser',
    createdAt: 13,
  });
  moveCard(doc, 'c4', 'strengths', 0);
  addCard(doc, { id: 'c5', section: 'next-steps', author: 'mother', text: '   ', createdAt: 14 });
  addScale(doc, 'willingness');
  setRating(doc, 'safety', 'mother', { value: 6.5, name: 'Lena', role: 'family', at: 20 });
  setRatingNotes(doc, 'safety', 'mother', {
    why: 'Vi har en plan\nmed mormor',
    nextStep: 'Att pappa går på samtal',
  });
  setRating(doc, 'safety', 'worker', { value: 3, name: 'Karin', role: 'worker', at: 21 });
  return doc;
}

describe('exportBoardJson', () => {
  const board = exportBoardJson(meeting('sv'), { id: 'board-1', exportedAt: EXPORTED_AT });

  it('has exactly the top-level keys of SPEC §4.4, with times as stored milliseconds', () => {
    expect(Object.keys(board)).toEqual([
      'id',
      'title',
      'template',
      'language',
      'createdAt',
      'exportedAt',
      'sections',
      'scales',
      'participants',
    ]);
    expect(board).toMatchObject({
      id: 'board-1',
      title: 'Familjen Andersson',
      template: 'mapping',
      language: 'sv',
      createdAt: CREATED_AT,
      exportedAt: EXPORTED_AT,
    });
  });

  it('lists all seven sections in the table order with their column and board-language label', () => {
    expect(board.sections.map(({ id, column, label }) => [id, column, label])).toEqual(
      SECTIONS.map((section) => [section.id, section.column, section.label.sv]),
    );
    for (const section of board.sections) {
      expect(Object.keys(section)).toEqual(['id', 'column', 'label', 'cards']);
    }
    const english = exportBoardJson(meeting('en'), { id: 'b', exportedAt: 0 });
    expect(english.sections[0]?.label).toBe('Past harm');
  });

  it('lists cards in board order with the author’s name, and voice only on the child’s words', () => {
    const pastHarm = board.sections[0]?.cards;
    expect(pastHarm).toEqual([
      {
        id: 'c1',
        text: 'Polis kallad i maj',
        author: 'worker',
        authorName: 'Karin',
        createdAt: 10,
      },
      {
        id: 'c2',
        text: CHILD_WORDS,
        author: 'worker',
        authorName: 'Karin',
        createdAt: 11,
        voice: 'child',
      },
    ]);
    expect(Object.keys(pastHarm?.[0] ?? {})).toEqual([
      'id',
      'text',
      'author',
      'authorName',
      'createdAt',
    ]);
    const strengths = board.sections.find((section) => section.id === 'strengths')?.cards;
    expect(strengths?.map((card) => [card.id, card.authorName])).toEqual([
      ['c4', ''],
      ['c3', 'Bengt'],
    ]);
  });

  it('lists scales with every rating, notes only where written', () => {
    expect(board.scales.map((scale) => Object.keys(scale))).toEqual([
      ['id', 'label', 'low', 'high', 'ratings'],
      ['id', 'label', 'low', 'high', 'ratings'],
    ]);
    expect(board.scales[0]).toMatchObject({ id: 'safety', label: 'Grad av trygghet för barnet' });
    expect(board.scales[0]?.ratings).toEqual([
      { participant: 'worker', name: 'Karin', role: 'worker', value: 3, at: 21 },
      {
        participant: 'mother',
        name: 'Lena',
        role: 'family',
        value: 6.5,
        why: 'Vi har en plan\nmed mormor',
        nextStep: 'Att pappa går på samtal',
        at: 20,
      },
    ]);
    expect(Object.keys(board.scales[0]?.ratings[1] ?? {})).toEqual([
      'participant',
      'name',
      'role',
      'value',
      'why',
      'nextStep',
      'at',
    ]);
    expect(board.scales[1]).toEqual({
      id: 'willingness',
      label: 'Vilja',
      low: 'ingen',
      high: 'helt',
      ratings: [],
    });
  });

  it('lists participants with id, name and role only', () => {
    expect(board.participants).toEqual([
      { id: 'grandpa', name: 'Bengt', role: 'network' },
      { id: 'worker', name: 'Karin', role: 'worker' },
      { id: 'mother', name: 'Lena', role: 'family' },
    ]);
  });

  it('survives JSON unchanged: no undefined and no null anywhere', () => {
    const text = JSON.stringify(board);
    expect(JSON.parse(text)).toStrictEqual(board);
    expect(text).not.toContain('null');
  });
});

describe('exportBoardMarkdown', () => {
  const swedish = exportBoardMarkdown(meeting('sv'), { id: 'board-1', exportedAt: EXPORTED_AT });
  const english = exportBoardMarkdown(meeting('en'), { id: 'board-1', exportedAt: EXPORTED_AT });

  it('has the title, the export date and a heading for every column and section', () => {
    const lines = swedish.split('\n');
    expect(lines[0]).toBe('# Familjen Andersson');
    expect(lines).toContain('- Exporterad: 2025-05-12 09:30 UTC');
    const headings = lines.filter((line) => line.startsWith('## ') || line.startsWith('### '));
    expect(headings.slice(0, 10)).toEqual([
      '## Vilken oro finns?',
      '### Tidigare skada',
      '### Komplicerande faktorer',
      '### Framtida risk',
      '## Vad fungerar bra?',
      '### Styrkor',
      '### Skydd',
      '## Vad behöver hända?',
      '### Mål',
      '### Nästa steg',
    ]);
    expect(english).toContain('## What are we worried about?\n\n### Past harm\n');
    expect(english).toContain('- Exported: 2025-05-12 09:30 UTC');
  });

  it("lists each card with its author and marks the child's own words", () => {
    expect(swedish).toContain('- **Karin**: Polis kallad i maj\n');
    expect(swedish).toContain('- **okänd**: Skolan ser\n- **Bengt**: Morfar hämtar\n');
    expect(swedish).toContain('- **Karin** (barnets egna ord): När pappa är arg\n');
    expect(english).toContain("- **Karin** (the child's own words): När pappa är arg\n");
    expect(english).toContain('- **unknown**: Skolan ser');
  });

  it('keeps the family’s words exactly as written, only indenting lines after the first', () => {
    const start = swedish.indexOf('När pappa');
    const item = swedish
      .slice(start, start + CHILD_WORDS.length + 20)
      .split('\n')
      .slice(0, 4);
    const restored = item.map((line, index) => (index === 0 ? line : line.replace(/^ {2}/, '')));
    expect(restored.join('\n')).toBe(CHILD_WORDS);
  });

  it('leaves out empty cards and says so for a section with nothing in it', () => {
    expect(swedish).toContain('### Nästa steg\n\n_Inga kort._\n');
    expect(english).toContain('### Existing safety\n\n_No cards._\n');
  });

  it("gives every scale with each person's position, why and what would move it up", () => {
    expect(swedish).toContain(
      [
        '### Grad av trygghet för barnet',
        '',
        '0 = vi är säkra på att oron kommer att hända om inget förändras; 10 = det finns tillräcklig trygghet för att avsluta ärendet',
        '',
        '- **Karin** (socialsekreterare): 3',
        '- **Lena** (familj): 6,5',
        '  - Varför här: Vi har en plan',
        '    med mormor',
        '  - Vad skulle flytta den ett steg upp: Att pappa går på samtal',
        '',
        '### Vilja',
        '',
        '0 = ingen; 10 = helt',
        '',
        '_Ingen har skattat ännu._',
      ].join('\n'),
    );
    expect(english).toContain('- **Lena** (family): 6.5\n  - Why here: Vi har en plan\n');
    expect(english).toContain('  - What would move it one step up: Att pappa går på samtal\n');
  });

  it('ends with the participants, their names and roles', () => {
    expect(
      swedish.endsWith(
        '## Deltagare\n\n- Bengt (nätverk)\n- Karin (socialsekreterare)\n- Lena (familj)\n',
      ),
    ).toBe(true);
    expect(english).toContain('- Karin (social worker)\n');
  });

  it('writes dates in the requested time zone, and in UTC when it does not know the zone', () => {
    const doc = meeting('sv');
    const local = exportBoardMarkdown(doc, {
      id: 'b',
      exportedAt: EXPORTED_AT,
      timeZone: 'Europe/Stockholm',
    });
    expect(local).toContain('- Exporterad: 2025-05-12 11:30 (Europe/Stockholm)');
    const unknown = exportBoardMarkdown(doc, {
      id: 'b',
      exportedAt: EXPORTED_AT,
      timeZone: 'Mars/Base',
    });
    expect(unknown).toContain('- Exporterad: 2025-05-12 09:30 UTC');
  });
});

describe('the record of a saved version', () => {
  // Saved late on 11 May in UTC, which is already 12 May in Stockholm.
  const version: VersionInfo = {
    id: 'v2',
    label: 'Möte 2 — 12 maj',
    createdAt: Date.UTC(2026, 4, 11, 22, 30),
  };

  it('names the version and the day it was saved, in the board’s language', () => {
    const swedish = exportBoardMarkdown(meeting('sv'), {
      id: 'board-1',
      exportedAt: EXPORTED_AT,
      timeZone: 'Europe/Stockholm',
      version,
    });
    const english = exportBoardMarkdown(meeting('en'), {
      id: 'board-1',
      exportedAt: EXPORTED_AT,
      timeZone: 'Europe/Stockholm',
      version: { ...version, label: 'Meeting 2' },
    });
    expect(swedish).toContain(
      '- Exporterad: 2025-05-12 11:30 (Europe/Stockholm)\n- Version: «Möte 2 — 12 maj» (sparad 12 maj 2026)\n',
    );
    expect(english).toContain('- Version: «Meeting 2» (saved 12 May 2026)\n');
  });

  it('gives the saved day in UTC when no time zone is asked for', () => {
    const board = exportBoardJson(meeting('sv'), { id: 'b', exportedAt: EXPORTED_AT });
    expect(renderBoardRecord(board, undefined, version)).toContain(
      '- Version: «Möte 2 — 12 maj» (sparad 11 maj 2026)\n',
    );
  });

  it('says nothing about versions in the record of the live board', () => {
    const board = exportBoardJson(meeting('en'), { id: 'b', exportedAt: EXPORTED_AT });
    expect(renderBoardRecord(board)).not.toContain('Version');
    expect(renderBoardRecord(board, 'UTC')).toBe(
      exportBoardMarkdown(meeting('en'), { id: 'b', exportedAt: EXPORTED_AT }),
    );
  });
});
