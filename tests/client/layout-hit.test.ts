import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type BoardLayout, type LayoutCard, layoutBoard } from '../../client/layout/board-layout';
import type { Point, Rect } from '../../client/layout/geometry';
import { addButtonAt, cardAt, dropIndicator, dropTarget, sectionAt } from '../../client/layout/hit';
import { addCard, listAllCards, listCards, moveCard } from '../../shared/cards';
import type { SectionId } from '../../shared/sections';

const measure = (text: string, fontSize: number) => text.length * fontSize * 0.5;

function card(id: string, section: SectionId): LayoutCard {
  return { id, section, text: `Card ${id}` };
}

function centre(rect: Rect): Point {
  return { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 };
}

function rectOf(board: BoardLayout, id: string): Rect {
  const placed = board.cardById.get(id);
  if (placed === undefined) throw new Error(`no card ${id}`);
  return placed.rect;
}

// Strengths: a b / c d / e (two per row, wide mode).
const cards = ['a', 'b', 'c', 'd', 'e'].map((id) => card(id, 'strengths'));
const wide = layoutBoard(
  { cards: [...cards, card('p', 'past-harm')], scales: ['safety'] },
  { mode: 'wide', measure },
);
const narrow = layoutBoard({ cards, scales: [] }, { mode: 'narrow', measure });

describe('sectionAt, cardAt, addButtonAt', () => {
  it('find what is under a point', () => {
    const strengths = wide.sectionById.get('strengths');
    if (strengths === undefined) throw new Error('no section');
    expect(sectionAt(wide, centre(strengths.body))?.id).toBe('strengths');
    expect(sectionAt(wide, { x: -5, y: -5 })).toBeNull();
    expect(cardAt(wide, centre(rectOf(wide, 'c')))?.id).toBe('c');
    expect(cardAt(wide, { x: strengths.body.x + 2, y: strengths.body.y + 2 })).toBeNull();
    expect(addButtonAt(wide, centre(strengths.addButton))?.id).toBe('strengths');
    expect(addButtonAt(wide, centre(strengths.body))).toBeNull();
  });
});

describe('dropTarget', () => {
  const right = (rect: Rect): Point => ({
    x: rect.x + rect.width * 0.9,
    y: rect.y + rect.height / 2,
  });
  const left = (rect: Rect): Point => ({
    x: rect.x + rect.width * 0.1,
    y: rect.y + rect.height / 2,
  });

  it('counts the cards before the point, without the dragged one', () => {
    // Dragging a (index 0) onto the right half of b: after b, which is index 1 without a.
    expect(dropTarget(wide, right(rectOf(wide, 'b')), 'a')).toEqual({
      section: 'strengths',
      index: 1,
    });
    // Onto the left half of d: before d, after b and c (a is not counted) = 2.
    expect(dropTarget(wide, left(rectOf(wide, 'd')), 'a')).toEqual({
      section: 'strengths',
      index: 2,
    });
    // Back onto itself: where it is.
    expect(dropTarget(wide, left(rectOf(wide, 'a')), 'a')).toEqual({
      section: 'strengths',
      index: 0,
    });
  });

  it('puts a card from another section before or after the card under the point', () => {
    expect(dropTarget(wide, left(rectOf(wide, 'a')), 'p')).toEqual({
      section: 'strengths',
      index: 0,
    });
    expect(dropTarget(wide, right(rectOf(wide, 'a')), 'p')).toEqual({
      section: 'strengths',
      index: 1,
    });
    expect(dropTarget(wide, right(rectOf(wide, 'e')), 'p')).toEqual({
      section: 'strengths',
      index: 5,
    });
  });

  it('drops in the header at the top and below the last row at the end', () => {
    const strengths = wide.sectionById.get('strengths');
    if (strengths === undefined) throw new Error('no section');
    expect(dropTarget(wide, centre(strengths.header), 'p')).toEqual({
      section: 'strengths',
      index: 0,
    });
    const bottom = { x: strengths.body.x + 5, y: strengths.body.y + strengths.body.height - 2 };
    expect(dropTarget(wide, bottom, 'p')).toEqual({ section: 'strengths', index: 5 });
    expect(dropTarget(wide, bottom, 'a')).toEqual({ section: 'strengths', index: 4 });
  });

  it('drops into an empty section at index 0', () => {
    const goals = wide.sectionById.get('safety-goals');
    if (goals === undefined) throw new Error('no section');
    expect(dropTarget(wide, centre(goals.body), 'a')).toEqual({
      section: 'safety-goals',
      index: 0,
    });
  });

  it('snaps to the nearest section from the gap between columns, and gives up far away', () => {
    const worries = wide.columns[0];
    const harm = wide.sectionById.get('past-harm');
    if (worries === undefined || harm === undefined) throw new Error('no column');
    const gap = { x: worries.rect.x + worries.rect.width + 4, y: harm.body.y + 10 };
    expect(dropTarget(wide, gap, 'a')?.section).toBe('past-harm');
    expect(dropTarget(wide, { x: -500, y: -500 }, 'a')).toBeNull();
    const scale = wide.scaleById.get('safety');
    if (scale === undefined) throw new Error('no scale');
    expect(dropTarget(wide, centre(scale.rect), 'a')).toBeNull();
  });

  it('reads one card per row by the vertical middle in narrow mode', () => {
    const b = rectOf(narrow, 'b');
    expect(dropTarget(narrow, { x: b.x + 5, y: b.y + 2 }, 'e')).toEqual({
      section: 'strengths',
      index: 1,
    });
    expect(dropTarget(narrow, { x: b.x + 5, y: b.y + b.height - 2 }, 'e')).toEqual({
      section: 'strengths',
      index: 2,
    });
  });

  it('gives the position moveCard needs to put the card where it was dropped', () => {
    const doc = new Y.Doc();
    for (const id of ['a', 'b', 'c', 'd', 'e'])
      addCard(doc, { id, section: 'strengths', author: 'x' });
    const board = layoutBoard({ cards: listAllCards(doc), scales: [] }, { mode: 'wide', measure });
    // a dropped just after d ends up between d and e.
    const target = dropTarget(board, right(rectOf(board, 'd')), 'a');
    if (target === null) throw new Error('no target');
    moveCard(doc, 'a', target.section, target.index);
    expect(listCards(doc, 'strengths').map((placed) => placed.id)).toEqual([
      'b',
      'c',
      'd',
      'a',
      'e',
    ]);
  });
});

describe('dropIndicator', () => {
  it('shows a bar beside the card the drop goes before, or after the last card', () => {
    const before = dropIndicator(wide, { section: 'strengths', index: 1 }, 'p');
    const b = rectOf(wide, 'b');
    expect(before && before.x < b.x && before.x + before.width <= b.x + 1).toBe(true);
    const end = dropIndicator(wide, { section: 'strengths', index: 5 }, 'p');
    const e = rectOf(wide, 'e');
    expect(end && end.x >= e.x + e.width - 4 && end.y === e.y).toBe(true);
    const goals = wide.sectionById.get('safety-goals');
    const empty = dropIndicator(wide, { section: 'safety-goals', index: 0 }, 'p');
    expect(goals && empty && empty.y >= goals.body.y && empty.y < goals.body.y + 40).toBe(true);
  });

  it('shows a bar above the card in narrow mode', () => {
    const bar = dropIndicator(narrow, { section: 'strengths', index: 1 }, 'e');
    const b = rectOf(narrow, 'b');
    expect(bar && bar.y < b.y && bar.width === b.width).toBe(true);
  });
});
