/** @module Where everything on the mapping board sits: a pure function of cards, scales and mode. */
import type { CardView } from '../../shared/cards';
import { COLUMNS, type ColumnId, SECTIONS, type SectionId } from '../../shared/sections';
import type { Rect } from './geometry';
import { type Measure, wrapTextCached } from './wrap';

/** 'wide': three columns side by side (laptops, projectors); 'narrow': one column (phones). */
export type LayoutMode = 'wide' | 'narrow';

/** What the layout needs of a card: where it belongs and what it says. */
export type LayoutCard = Pick<CardView, 'id' | 'section' | 'text' | 'voice'>;

export interface LayoutInput {
  /** In board order (listAllCards): the layout keeps that order within each section. */
  cards: readonly LayoutCard[];
  scales: readonly string[];
}

export interface LayoutOptions {
  mode: LayoutMode;
  measure: Measure;
}

export interface ColumnLayout {
  id: ColumnId;
  rect: Rect;
  header: Rect;
}

export interface SectionLayout {
  id: SectionId;
  column: ColumnId;
  /** Header and body together: the section's whole area. */
  rect: Rect;
  header: Rect;
  /** Where the cards sit; never shorter than an empty section needs to be a drop target. */
  body: Rect;
  addButton: Rect;
}

export interface CardLayout {
  id: string;
  section: SectionId;
  /** Position within its section, 0 at the top. */
  index: number;
  rect: Rect;
  /** Where the lines are drawn (inside the padding, below the child's-words label). */
  textBox: Rect;
  lines: string[];
  fontSize: number;
  /** Distance between baselines in px. */
  lineHeight: number;
  child: boolean;
}

export interface ScaleLayout {
  id: string;
  rect: Rect;
}

export interface BoardLayout {
  mode: LayoutMode;
  bounds: Rect;
  /** Cards per row in a section body (2 wide, 1 narrow): drop targets read rows by it. */
  cardsPerRow: number;
  columns: ColumnLayout[];
  sections: SectionLayout[];
  cards: CardLayout[];
  scales: ScaleLayout[];
  sectionById: ReadonlyMap<SectionId, SectionLayout>;
  cardById: ReadonlyMap<string, CardLayout>;
  /** Each section's cards in board order (every section has an entry). */
  cardsBySection: ReadonlyMap<SectionId, readonly CardLayout[]>;
  scaleById: ReadonlyMap<string, ScaleLayout>;
}

/** Every scale row has this height, whatever the mode; the scale track draws inside it. */
export const SCALE_ROW_HEIGHT = 200;

/** The font the canvas draws card text in (and the editor types in), so measuring matches. */
export const CARD_FONT_FAMILY =
  'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif';

/** Space above a child's-own-words card's text for its label, and below for the bubble tail. */
export const CHILD_LABEL_HEIGHT = 22;
export const CHILD_TAIL_HEIGHT = 12;

interface Metrics {
  /** World width of the whole layout (margins included). */
  width: number;
  margin: number;
  columnGap: number;
  columnHeaderHeight: number;
  sectionHeaderHeight: number;
  sectionPadding: number;
  cardGap: number;
  cardsPerRow: number;
  cardPadding: number;
  cardMinHeight: number;
  fontSize: number;
  lineHeightRatio: number;
  addButtonSize: number;
  scaleGap: number;
}

/**
 * Sizes chosen so a meeting's ~40 cards fitted on a 1920×1080 projector still read from the back
 * of the room (about 14 px on screen), and a phone fitted to width shows cards at ~17 px.
 */
const METRICS: Readonly<Record<LayoutMode, Metrics>> = {
  wide: {
    width: 1896,
    margin: 24,
    columnGap: 24,
    columnHeaderHeight: 64,
    sectionHeaderHeight: 48,
    sectionPadding: 14,
    cardGap: 12,
    cardsPerRow: 2,
    cardPadding: 12,
    cardMinHeight: 84,
    fontSize: 20,
    lineHeightRatio: 1.3,
    addButtonSize: 36,
    scaleGap: 16,
  },
  narrow: {
    width: 360,
    margin: 8,
    columnGap: 16,
    columnHeaderHeight: 52,
    sectionHeaderHeight: 44,
    sectionPadding: 10,
    cardGap: 10,
    cardsPerRow: 1,
    cardPadding: 10,
    cardMinHeight: 52,
    fontSize: 17,
    lineHeightRatio: 1.3,
    // 46 world px is 44+ CSS px at a 390 px phone's fitted zoom (~0.99), a finger's target; it
    // may stand out of its header by a pixel rather than grow the header and its label.
    addButtonSize: 46,
    scaleGap: 12,
  },
};

export function layoutBoard(input: LayoutInput, options: LayoutOptions): BoardLayout {
  const metrics = METRICS[options.mode];
  const bySection = groupBySection(input.cards);
  const columnWidth =
    options.mode === 'wide'
      ? (metrics.width - 2 * metrics.margin - (COLUMNS.length - 1) * metrics.columnGap) /
        COLUMNS.length
      : metrics.width - 2 * metrics.margin;

  const columns: ColumnLayout[] = [];
  const sections: SectionLayout[] = [];
  const cards: CardLayout[] = [];
  let narrowY = metrics.margin;
  for (const [columnIndex, column] of COLUMNS.entries()) {
    const x =
      options.mode === 'wide'
        ? metrics.margin + columnIndex * (columnWidth + metrics.columnGap)
        : metrics.margin;
    const top = options.mode === 'wide' ? metrics.margin : narrowY;
    const header = { x, y: top, width: columnWidth, height: metrics.columnHeaderHeight };
    let y = top + metrics.columnHeaderHeight;
    for (const section of SECTIONS.filter((candidate) => candidate.column === column.id)) {
      const sectionCards = bySection.get(section.id) ?? [];
      const frame = { x, y, width: columnWidth };
      const placed = layoutSection(section.id, column.id, frame, sectionCards, metrics, options);
      sections.push(placed.section);
      cards.push(...placed.cards);
      y = placed.section.rect.y + placed.section.rect.height;
    }
    columns.push({
      id: column.id,
      rect: { x, y: top, width: columnWidth, height: y - top },
      header,
    });
    narrowY = y + metrics.columnGap;
  }
  if (options.mode === 'wide') evenColumnHeights(columns, sections);

  const columnsBottom = Math.max(...columns.map((column) => column.rect.y + column.rect.height));
  const scales = layoutScaleRows(input.scales, columnsBottom + metrics.columnGap, options, metrics);
  const contentBottom = Math.max(
    columnsBottom,
    ...scales.map((scale) => scale.rect.y + scale.rect.height),
  );
  const bounds = { x: 0, y: 0, width: metrics.width, height: contentBottom + metrics.margin };

  return {
    mode: options.mode,
    bounds,
    cardsPerRow: metrics.cardsPerRow,
    columns,
    sections,
    cards,
    scales,
    sectionById: new Map(sections.map((section) => [section.id, section])),
    cardById: new Map(cards.map((card) => [card.id, card])),
    cardsBySection: new Map(
      sections.map((section) => [section.id, cards.filter((card) => card.section === section.id)]),
    ),
    scaleById: new Map(scales.map((scale) => [scale.id, scale])),
  };
}

/**
 * The scale rows from `top` down. In the wide layout two or more scales sit two to a row, each
 * half as wide: a projector keeps the map large instead of giving a full row to every scale.
 */
function layoutScaleRows(
  ids: readonly string[],
  top: number,
  options: LayoutOptions,
  metrics: Metrics,
): ScaleLayout[] {
  const perRow = options.mode === 'wide' && ids.length > 1 ? 2 : 1;
  const full = metrics.width - 2 * metrics.margin;
  const width = (full - (perRow - 1) * metrics.scaleGap) / perRow;
  return ids.map((id, index) => {
    const row = Math.floor(index / perRow);
    const column = index % perRow;
    return {
      id,
      rect: {
        x: metrics.margin + column * (width + metrics.scaleGap),
        y: top + row * (SCALE_ROW_HEIGHT + metrics.scaleGap),
        width,
        height: SCALE_ROW_HEIGHT,
      },
    };
  });
}

/** The size card text is drawn at in a mode (world px), for choosing the mode by legibility. */
export function cardFontSize(mode: LayoutMode): number {
  return METRICS[mode].fontSize;
}

function groupBySection(cards: readonly LayoutCard[]): Map<SectionId, LayoutCard[]> {
  const grouped = new Map<SectionId, LayoutCard[]>(SECTIONS.map(({ id }) => [id, []]));
  for (const card of cards) grouped.get(card.section)?.push(card);
  return grouped;
}

function layoutSection(
  id: SectionId,
  column: ColumnId,
  { x, y, width }: { x: number; y: number; width: number },
  sectionCards: readonly LayoutCard[],
  metrics: Metrics,
  { measure }: LayoutOptions,
): { section: SectionLayout; cards: CardLayout[] } {
  const header = { x, y, width, height: metrics.sectionHeaderHeight };
  const bodyTop = y + metrics.sectionHeaderHeight;
  const { cardGap, cardsPerRow, sectionPadding } = metrics;
  const cardWidth = (width - 2 * sectionPadding - (cardsPerRow - 1) * cardGap) / cardsPerRow;
  const placed: CardLayout[] = [];
  let rowTop = bodyTop + sectionPadding;
  for (let start = 0; start < sectionCards.length; start += cardsPerRow) {
    const row = sectionCards.slice(start, start + cardsPerRow);
    const sized = row.map((card) => sizeCard(card, cardWidth, metrics, measure));
    // Cards in a row share its height: a tidy grid reads row by row on a projector.
    const rowHeight = Math.max(...sized.map((card) => card.height));
    for (const [column, card] of sized.entries()) {
      const rect = {
        x: x + sectionPadding + column * (cardWidth + cardGap),
        y: rowTop,
        width: cardWidth,
        height: rowHeight,
      };
      placed.push({
        id: card.id,
        section: id,
        index: start + column,
        rect,
        textBox: {
          x: rect.x + metrics.cardPadding,
          y: rect.y + metrics.cardPadding + (card.child ? CHILD_LABEL_HEIGHT : 0),
          width: cardWidth - 2 * metrics.cardPadding,
          height: card.lines.length * card.lineHeight,
        },
        lines: card.lines,
        fontSize: metrics.fontSize,
        lineHeight: card.lineHeight,
        child: card.child,
      });
    }
    rowTop += rowHeight + cardGap;
  }
  const cardsHeight = sectionCards.length === 0 ? 0 : rowTop - cardGap - bodyTop - sectionPadding;
  // An empty section keeps room for one card, so there is somewhere to drop one.
  const bodyHeight = 2 * sectionPadding + Math.max(cardsHeight, metrics.cardMinHeight);
  const body = { x, y: bodyTop, width, height: bodyHeight };
  const button = metrics.addButtonSize;
  const section: SectionLayout = {
    id,
    column,
    rect: { x, y, width, height: metrics.sectionHeaderHeight + bodyHeight },
    header,
    body,
    addButton: {
      x: x + width - sectionPadding - button,
      y: y + (metrics.sectionHeaderHeight - button) / 2,
      width: button,
      height: button,
    },
  };
  return { section, cards: placed };
}

interface SizedCard {
  id: string;
  lines: string[];
  lineHeight: number;
  height: number;
  child: boolean;
}

function sizeCard(card: LayoutCard, width: number, metrics: Metrics, measure: Measure): SizedCard {
  const textWidth = width - 2 * metrics.cardPadding;
  const lines = wrapTextCached(card.text, textWidth, measure, metrics.fontSize);
  const lineHeight = Math.round(metrics.fontSize * metrics.lineHeightRatio);
  const child = card.voice === 'child';
  const extra = child ? CHILD_LABEL_HEIGHT + CHILD_TAIL_HEIGHT : 0;
  const height = Math.max(
    metrics.cardMinHeight,
    2 * metrics.cardPadding + lines.length * lineHeight + extra,
  );
  return { id: card.id, lines, lineHeight, height, child };
}

/**
 * Stretches each column's last section down to the tallest column's bottom: the columns end on
 * one line, and the stretched bodies are larger drop targets.
 */
function evenColumnHeights(columns: ColumnLayout[], sections: SectionLayout[]): void {
  const bottom = Math.max(...columns.map((column) => column.rect.y + column.rect.height));
  for (const column of columns) {
    const extra = bottom - (column.rect.y + column.rect.height);
    const last = sections.findLast((section) => section.column === column.id);
    if (extra <= 0 || last === undefined) continue;
    column.rect.height += extra;
    last.rect.height += extra;
    last.body.height += extra;
  }
}
