import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitInsets } from '../../client/canvas/useBoardView';
import {
  type BoardLayout,
  type LayoutCard,
  type LayoutMode,
  layoutBoard,
  SCALE_ROW_HEIGHT,
} from '../../client/layout/board-layout';
import type { Rect } from '../../client/layout/geometry';
import { fitWidthView } from '../../client/layout/view';
import { COLUMNS, SECTIONS, type SectionId } from '../../shared/sections';

const measure = (text: string, fontSize: number) => Array.from(text).length * fontSize * 0.5;

function layout(cards: LayoutCard[], mode: LayoutMode = 'wide', scales = ['safety']): BoardLayout {
  return layoutBoard({ cards, scales }, { mode, measure });
}

function card(id: string, section: SectionId, text = 'A card', voice?: 'child'): LayoutCard {
  return voice === undefined ? { id, section, text } : { id, section, text, voice };
}

function inside(inner: Rect, outer: Rect): boolean {
  const epsilon = 1e-6;
  return (
    inner.x >= outer.x - epsilon &&
    inner.y >= outer.y - epsilon &&
    inner.x + inner.width <= outer.x + outer.width + epsilon &&
    inner.y + inner.height <= outer.y + outer.height + epsilon
  );
}

function overlap(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

const sectionIds = SECTIONS.map((section) => section.id);
const cardsArbitrary = fc
  .array(
    fc.record({
      section: fc.constantFrom(...sectionIds),
      text: fc.string({ unit: fc.constantFrom('a', 'word ', '\n', 'ö', ' '), maxLength: 120 }),
      child: fc.boolean(),
    }),
    { maxLength: 60 },
  )
  .map((cards) =>
    cards.map((value, index) =>
      card(`c${index}`, value.section, value.text, value.child ? 'child' : undefined),
    ),
  );

function checkTidy(board: BoardLayout, cards: LayoutCard[]): void {
  expect(board.cards).toHaveLength(cards.length);
  for (const [index, placed] of board.cards.entries()) {
    const section = board.sectionById.get(placed.section);
    expect(section).toBeDefined();
    if (section === undefined) continue;
    expect(inside(placed.rect, section.body)).toBe(true);
    expect(inside(placed.textBox, placed.rect)).toBe(true);
    expect(inside(section.rect, board.bounds)).toBe(true);
    for (const other of board.cards.slice(index + 1)) {
      expect(overlap(placed.rect, other.rect)).toBe(false);
    }
  }
  for (const [index, section] of board.sections.entries()) {
    for (const other of board.sections.slice(index + 1)) {
      expect(overlap(section.rect, other.rect)).toBe(false);
    }
  }
  for (const scale of board.scales) {
    expect(inside(scale.rect, board.bounds)).toBe(true);
    for (const section of board.sections) expect(overlap(scale.rect, section.rect)).toBe(false);
  }
}

describe('layoutBoard', () => {
  it('puts the columns in COLUMNS order from left to right in wide mode', () => {
    const board = layout([]);
    expect(board.columns.map((column) => column.id)).toEqual(COLUMNS.map((column) => column.id));
    const xs = board.columns.map((column) => column.rect.x);
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
    // Side by side: all start at the same height.
    expect(new Set(board.columns.map((column) => column.rect.y)).size).toBe(1);
  });

  it('stacks the sections in SECTIONS order inside their columns', () => {
    const board = layout([]);
    expect(board.sections.map((section) => section.id)).toEqual(sectionIds);
    for (const section of board.sections) {
      const column = board.columns.find((candidate) => candidate.id === section.column);
      expect(column && inside(section.rect, column.rect)).toBe(true);
      expect(inside(section.header, section.rect)).toBe(true);
      expect(inside(section.body, section.rect)).toBe(true);
      expect(inside(section.addButton, section.header)).toBe(true);
    }
    const worries = board.sections.filter((section) => section.column === 'worries');
    const tops = worries.map((section) => section.rect.y);
    expect([...tops].sort((a, b) => a - b)).toEqual(tops);
  });

  it('gives an empty section a body that can take a dropped card', () => {
    const board = layout([]);
    for (const section of board.sections) expect(section.body.height).toBeGreaterThanOrEqual(80);
  });

  it('ends the three columns on one line', () => {
    const board = layout([card('a', 'past-harm', 'long '.repeat(80)), card('b', 'strengths')]);
    const bottoms = board.columns.map((column) => column.rect.y + column.rect.height);
    expect(new Set(bottoms).size).toBe(1);
  });

  it('keeps board order within each section and numbers cards from 0', () => {
    const cards = [
      card('x', 'strengths'),
      card('y', 'past-harm'),
      card('z', 'strengths'),
      card('w', 'strengths'),
    ];
    const board = layout(cards);
    expect(
      board.cardsBySection.get('strengths')?.map((placed) => [placed.id, placed.index]),
    ).toEqual([
      ['x', 0],
      ['z', 1],
      ['w', 2],
    ]);
    const [x, z, w] = board.cardsBySection.get('strengths') ?? [];
    // Reading order: left to right, then the next row.
    expect(x && z && x.rect.x < z.rect.x && x.rect.y === z.rect.y).toBe(true);
    expect(z && w && w.rect.y > z.rect.y).toBe(true);
  });

  it('grows a card with its text and keeps the words as written', () => {
    const short = layout([card('a', 'past-harm', 'Kort')]).cardById.get('a');
    const text = 'Pappa har sagt att han ska sluta dricka men det har inte hänt ännu. '.repeat(3);
    const long = layout([card('a', 'past-harm', text)]).cardById.get('a');
    expect(long?.rect.height).toBeGreaterThan(short?.rect.height ?? Infinity);
    expect(long?.lines.join('')).toBe(text);
  });

  it("makes room for the label of the child's own words", () => {
    const plain = layout([card('a', 'strengths', 'Jag gillar skolan')]).cardById.get('a');
    const child = layout([card('a', 'strengths', 'Jag gillar skolan', 'child')]).cardById.get('a');
    expect(child?.child).toBe(true);
    expect(child?.textBox.y).toBeGreaterThan(plain?.textBox.y ?? Infinity);
  });

  it('places one scale beneath the columns, full width', () => {
    const board = layout([card('a', 'next-steps')], 'wide', ['safety']);
    const columnsBottom = Math.max(...board.columns.map((c) => c.rect.y + c.rect.height));
    const [scale] = board.scales;
    expect(scale?.rect.y).toBeGreaterThanOrEqual(columnsBottom);
    expect(scale?.rect.height).toBe(SCALE_ROW_HEIGHT);
    expect(scale?.rect.width).toBeGreaterThan(board.bounds.width * 0.9);
  });

  it('puts two or more scales two to a row in wide mode, so the map stays large', () => {
    const one = layout([card('a', 'next-steps')], 'wide', ['safety']);
    for (const ids of [
      ['safety', 'willingness'],
      ['safety', 'willingness', 'capacity'],
      ['safety', 'willingness', 'capacity', 'confidence'],
    ]) {
      const board = layout([card('a', 'next-steps')], 'wide', ids);
      const columnsBottom = Math.max(...board.columns.map((c) => c.rect.y + c.rect.height));
      expect(board.scales.map((scale) => scale.id)).toEqual(ids);
      const rows = new Set(board.scales.map((scale) => scale.rect.y));
      expect(rows.size).toBe(Math.ceil(ids.length / 2));
      for (const scale of board.scales) {
        expect(scale.rect.y).toBeGreaterThanOrEqual(columnsBottom);
        expect(scale.rect.height).toBe(SCALE_ROW_HEIGHT);
        expect(scale.rect.width).toBeGreaterThan(board.bounds.width * 0.45);
        expect(scale.rect.width).toBeLessThan(board.bounds.width * 0.5);
      }
      // Reading order: the first two side by side, the safety scale on the left.
      const [first, second] = board.scales;
      expect(first && second && first.rect.y === second.rect.y).toBe(true);
      expect(first && second && first.rect.x < second.rect.x).toBe(true);
      // Two scales cost the board no more height than one.
      if (ids.length === 2) expect(board.bounds.height).toBe(one.bounds.height);
    }
  });

  it('keeps one scale per row in narrow mode', () => {
    const board = layout([], 'narrow', ['safety', 'willingness']);
    const [first, second] = board.scales;
    expect(first && second && second.rect.y > first.rect.y).toBe(true);
  });

  it('is tidy for any set of cards, in both modes', () => {
    fc.assert(
      fc.property(cardsArbitrary, fc.constantFrom<LayoutMode>('wide', 'narrow'), (cards, mode) => {
        checkTidy(layout(cards, mode, ['safety', 'capacity']), cards);
      }),
      { numRuns: 60 },
    );
  });

  it('fits a meeting of 40 cards on a 16:9 projector without shrinking text below 12 px', () => {
    const cards = Array.from({ length: 40 }, (_, index) =>
      card(
        `c${index}`,
        sectionIds[index % sectionIds.length] ?? 'past-harm',
        'Ett kort med några ord om hur det är hemma.',
      ),
    );
    const board = layout(cards);
    const scale = Math.min(1920 / board.bounds.width, 1080 / board.bounds.height);
    expect(scale * (board.cards[0]?.fontSize ?? 0)).toBeGreaterThanOrEqual(12);
  });

  describe('narrow mode', () => {
    it("gives each section a '+' of at least 44 CSS px at a phone's fitted zoom", () => {
      const board = layout([], 'narrow');
      const view = fitWidthView(
        board.bounds,
        { width: 390, height: 690 },
        fitInsets('narrow', false),
      );
      for (const section of board.sections) {
        expect(section.addButton.width * view.scale).toBeGreaterThanOrEqual(44);
        expect(section.addButton.height * view.scale).toBeGreaterThanOrEqual(44);
      }
    });

    it('stacks the columns in COLUMNS order, one card per row, within a phone-sized width', () => {
      const cards = [card('a', 'past-harm'), card('b', 'past-harm'), card('c', 'next-steps')];
      const board = layout(cards, 'narrow');
      expect(board.bounds.width).toBeLessThanOrEqual(400);
      expect(board.columns.map((column) => column.id)).toEqual(COLUMNS.map((column) => column.id));
      const tops = board.columns.map((column) => column.rect.y);
      expect([...tops].sort((a, b) => a - b)).toEqual(tops);
      expect(board.sections.map((section) => section.id)).toEqual(sectionIds);
      const [a, b] = board.cardsBySection.get('past-harm') ?? [];
      expect(a && b && a.rect.x === b.rect.x && b.rect.y > a.rect.y).toBe(true);
      for (const placed of board.cards) {
        expect(placed.rect.width).toBeGreaterThan(board.bounds.width * 0.8);
      }
      const lastColumn = board.columns.at(-1);
      expect(board.scales[0]?.rect.y).toBeGreaterThan(
        (lastColumn?.rect.y ?? 0) + (lastColumn?.rect.height ?? 0) - 1,
      );
    });
  });
});
