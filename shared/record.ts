/** @module Renders an exported board as a Markdown record for the case file, in its language. */
import type { BoardExport, CardExport, ScaleExport } from './export';
import { DATE_LOCALE, type Language } from './language';
import { isParticipantRole, type ParticipantRole } from './roles';
import { formatScaleValue } from './scales';
import { COLUMNS } from './sections';
import type { VersionInfo } from './version';

interface RecordWords {
  untitled: string;
  kind: string;
  created: string;
  exported: string;
  version: string;
  saved: string;
  noCards: string;
  childVoice: string;
  unknownPerson: string;
  scales: string;
  noRatings: string;
  why: string;
  nextStep: string;
  participants: string;
  noParticipants: string;
  roles: Record<ParticipantRole, string>;
}

const WORDS: Record<Language, RecordWords> = {
  sv: {
    untitled: 'Namnlös karta',
    kind: 'Kartläggning enligt Signs of Safety.',
    created: 'Skapad',
    exported: 'Exporterad',
    version: 'Version',
    saved: 'sparad',
    noCards: '_Inga kort._',
    childVoice: 'barnets egna ord',
    unknownPerson: 'okänd',
    scales: 'Skalor',
    noRatings: '_Ingen har skattat ännu._',
    why: 'Varför här',
    nextStep: 'Vad skulle flytta den ett steg upp',
    participants: 'Deltagare',
    noParticipants: '_Inga deltagare._',
    roles: {
      family: 'familj',
      child: 'barn',
      network: 'nätverk',
      worker: 'socialsekreterare',
      other: 'annan',
    },
  },
  en: {
    untitled: 'Untitled map',
    kind: 'Signs of Safety mapping.',
    created: 'Created',
    exported: 'Exported',
    version: 'Version',
    saved: 'saved',
    noCards: '_No cards._',
    childVoice: "the child's own words",
    unknownPerson: 'unknown',
    scales: 'Scales',
    noRatings: '_No one has placed a marker yet._',
    why: 'Why here',
    nextStep: 'What would move it one step up',
    participants: 'Participants',
    noParticipants: '_No participants._',
    roles: {
      family: 'family',
      child: 'child',
      network: 'network',
      worker: 'social worker',
      other: 'other',
    },
  },
};

/**
 * The record: title and dates, the saved version it shows (when it is one), every column and
 * section with its cards, every scale with each person's position and notes, and who took part.
 * The family's words are copied as written — never escaped or trimmed; lines after the first are
 * only indented to stay in their list item.
 */
export function renderBoardRecord(
  board: BoardExport,
  timeZone = 'UTC',
  version?: VersionInfo,
): string {
  const words = WORDS[board.language];
  const lines: string[] = [
    `# ${oneLine(board.title) || words.untitled}`,
    '',
    words.kind,
    '',
    `- ${words.created}: ${formatTime(board.createdAt, timeZone)}`,
    `- ${words.exported}: ${formatTime(board.exportedAt, timeZone)}`,
  ];
  if (version !== undefined) {
    const saved = formatDate(version.createdAt, board.language, timeZone);
    lines.push(`- ${words.version}: «${oneLine(version.label)}» (${words.saved} ${saved})`);
  }
  for (const column of COLUMNS) {
    lines.push('', `## ${column.label[board.language]}`);
    for (const section of board.sections.filter((each) => each.column === column.id)) {
      const cards = section.cards.filter((card) => card.text.trim() !== '');
      lines.push('', `### ${section.label}`, '');
      if (cards.length === 0) lines.push(words.noCards);
      for (const card of cards) lines.push(cardItem(card, words));
    }
  }
  lines.push('', `## ${words.scales}`);
  for (const scale of board.scales) lines.push('', ...scaleLines(scale, board.language, words));
  lines.push('', `## ${words.participants}`, '');
  if (board.participants.length === 0) lines.push(words.noParticipants);
  for (const participant of board.participants) {
    lines.push(`- ${participant.name || words.unknownPerson} (${words.roles[participant.role]})`);
  }
  return `${lines.join('\n')}\n`;
}

function cardItem(card: CardExport, words: RecordWords): string {
  const voice = card.voice === 'child' ? ` (${words.childVoice})` : '';
  const author = card.authorName || words.unknownPerson;
  return `- **${author}**${voice}: ${indentFollowingLines(card.text, '  ')}`;
}

function scaleLines(scale: ScaleExport, language: Language, words: RecordWords): string[] {
  const lines = [`### ${oneLine(scale.label) || scale.id}`, ''];
  if (scale.low !== '' || scale.high !== '') {
    lines.push(`0 = ${oneLine(scale.low)}; 10 = ${oneLine(scale.high)}`, '');
  }
  if (scale.ratings.length === 0) lines.push(words.noRatings);
  for (const rating of scale.ratings) {
    const role = isParticipantRole(rating.role) ? words.roles[rating.role] : rating.role;
    const who = `**${rating.name || words.unknownPerson}**${role === '' ? '' : ` (${role})`}`;
    lines.push(`- ${who}: ${formatScaleValue(rating.value, language)}`);
    if (rating.why !== undefined) {
      lines.push(`  - ${words.why}: ${indentFollowingLines(rating.why, '    ')}`);
    }
    if (rating.nextStep !== undefined) {
      lines.push(`  - ${words.nextStep}: ${indentFollowingLines(rating.nextStep, '    ')}`);
    }
  }
  return lines;
}

/** Keeps every line of a multi-line text inside its list item; blank lines stay blank. */
function indentFollowingLines(text: string, indent: string): string {
  return text
    .split('\n')
    .map((line, index) => (index === 0 || line === '' ? line : indent + line))
    .join('\n');
}

/** Titles and labels go into headings, which must stay on one line. */
function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

/** "12 maj 2026", "12 May 2026": the day a version was saved, as people write it. */
function formatDate(ms: number, language: Language, timeZone: string): string {
  if (!Number.isFinite(ms)) return '';
  const locale = DATE_LOCALE[language];
  const parts = { day: 'numeric', month: 'long', year: 'numeric' } as const;
  try {
    return new Intl.DateTimeFormat(locale, { ...parts, timeZone }).format(ms);
  } catch {
    return new Intl.DateTimeFormat(locale, { ...parts, timeZone: 'UTC' }).format(ms);
  }
}

/** "2025-05-12 11:03 (Europe/Stockholm)": unambiguous in both languages. */
function formatTime(ms: number, timeZone: string): string {
  if (!Number.isFinite(ms)) return '';
  const parts = {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  } as const;
  try {
    const text = new Intl.DateTimeFormat('sv-SE', { ...parts, timeZone }).format(ms);
    return timeZone === 'UTC' ? `${text} UTC` : `${text} (${timeZone})`;
  } catch {
    // An unknown time zone must not cost the worker their record.
    return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  }
}
