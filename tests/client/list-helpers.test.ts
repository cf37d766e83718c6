/** @module Tests for the list view's pure parts: slider keys, card names, values, moving a card. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Peer } from '../../client/board/presence';
import { sentenceStarter } from '../../client/board/starters';
import { messagesFor } from '../../client/i18n';
import { moveCardToSection, takeArrivingCard } from '../../client/list/card-move';
import {
  cardName,
  editorsByCard,
  scaleValueText,
  sectionChoices,
} from '../../client/list/list-text';
import { scaleValueAfterKey } from '../../client/list/scale-keys';
import { addCard, listAllCards } from '../../shared/cards';
import { isScaleValue } from '../../shared/scales';
import { SECTIONS } from '../../shared/sections';
import { newBoard } from '../shared/boards';

describe('scaleValueAfterKey', () => {
  it('moves half a step with arrows, a whole step with Page keys, to the ends with Home/End', () => {
    expect(scaleValueAfterKey('ArrowRight', 4)).toBe(4.5);
    expect(scaleValueAfterKey('ArrowUp', 4)).toBe(4.5);
    expect(scaleValueAfterKey('ArrowLeft', 4)).toBe(3.5);
    expect(scaleValueAfterKey('ArrowDown', 4)).toBe(3.5);
    expect(scaleValueAfterKey('PageUp', 4)).toBe(5);
    expect(scaleValueAfterKey('PageDown', 4)).toBe(3);
    expect(scaleValueAfterKey('Home', 4)).toBe(0);
    expect(scaleValueAfterKey('End', 4)).toBe(10);
  });

  it('places an unplaced marker at 5 and moves it from there', () => {
    expect(scaleValueAfterKey('ArrowRight', undefined)).toBe(5.5);
    expect(scaleValueAfterKey('ArrowLeft', undefined)).toBe(4.5);
    expect(scaleValueAfterKey('PageUp', undefined)).toBe(6);
    expect(scaleValueAfterKey('Home', undefined)).toBe(0);
  });

  it('stops at the ends', () => {
    expect(scaleValueAfterKey('ArrowRight', 10)).toBe(10);
    expect(scaleValueAfterKey('PageDown', 0.5)).toBe(0);
  });

  it('leaves other keys to the browser', () => {
    expect(scaleValueAfterKey('Tab', 4)).toBeUndefined();
    expect(scaleValueAfterKey('a', undefined)).toBeUndefined();
  });

  it('always gives a value a rating may hold', () => {
    const keys = [
      'ArrowRight',
      'ArrowUp',
      'ArrowLeft',
      'ArrowDown',
      'PageUp',
      'PageDown',
      'Home',
      'End',
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...keys),
        fc.option(
          fc.integer({ min: 0, max: 20 }).map((half) => half / 2),
          { nil: undefined },
        ),
        (key, value) => {
          expect(isScaleValue(scaleValueAfterKey(key, value))).toBe(true);
        },
      ),
    );
  });
});

describe('cardName', () => {
  it('uses the first 40 characters on one line', () => {
    const text = 'Pappa blir arg\nnär han har druckit och skriker på mamma';
    expect(cardName(text, 'empty card')).toBe('Pappa blir arg när han har druckit och s…');
    expect(cardName('Kort', 'empty card')).toBe('Kort');
  });

  it('names an empty card so that the button still says something', () => {
    expect(cardName('  \n ', 'empty card')).toBe('empty card');
  });

  it('never cuts an emoji in half', () => {
    const name = cardName(`${'a'.repeat(39)}😀😀`, 'empty card');
    expect(name).toBe(`${'a'.repeat(39)}😀…`);
  });
});

describe('scaleValueText', () => {
  const en = { outOf: messagesFor('en').listOutOf, notPlaced: messagesFor('en').listNotPlaced };
  const sv = { outOf: messagesFor('sv').listOutOf, notPlaced: messagesFor('sv').listNotPlaced };

  it('reads a value as a share of 10, in the UI language', () => {
    expect(scaleValueText(4.5, 'en', en)).toBe('4.5 of 10');
    expect(scaleValueText(4.5, 'sv', sv)).toBe('4,5 av 10');
    expect(scaleValueText(7, 'en', en)).toBe('7 of 10');
  });

  it('says when the marker is not placed yet', () => {
    expect(scaleValueText(undefined, 'sv', sv)).toBe('Ej placerad');
    expect(scaleValueText(undefined, 'en', en)).toBe('Not placed');
  });
});

describe('editorsByCard', () => {
  function peer(clientId: number, name: string, editing?: string, self = false): Peer {
    const state: Peer = {
      clientId,
      self,
      user: { id: `p${clientId}`, name, role: 'family', color: '#1a4fa0' },
    };
    if (editing !== undefined) state.editing = editing;
    return state;
  }

  it('lists the others typing in each card, but not this screen', () => {
    const editors = editorsByCard([
      peer(1, 'Anna', 'card-1', true),
      peer(2, 'Bo', 'card-1'),
      peer(3, 'Cia', 'card-1'),
      peer(4, 'Dan', 'card-2'),
      peer(5, 'Eva'),
    ]);
    expect(Object.fromEntries(editors)).toEqual({ 'card-1': ['Bo', 'Cia'], 'card-2': ['Dan'] });
  });
});

describe('sentenceStarter', () => {
  it('guides danger statements and safety goals in both languages, and nothing else', () => {
    expect(sentenceStarter('danger-statements', messagesFor('en'))?.starter).toBe(
      'If nothing changes, we are worried that … which creates … so that …',
    );
    expect(sentenceStarter('danger-statements', messagesFor('sv'))?.starter).toMatch(
      /^Om inget förändras/,
    );
    expect(sentenceStarter('safety-goals', messagesFor('sv'))?.hint).toBeTruthy();
    expect(sentenceStarter('strengths', messagesFor('en'))).toBeUndefined();
  });
});

describe('sectionChoices', () => {
  it('offers all seven sections by column, in board order and the UI language', () => {
    const swedish = sectionChoices('sv');
    expect(swedish.map((group) => group.label)).toEqual([
      'Vilken oro finns?',
      'Vad fungerar bra?',
      'Vad behöver hända?',
    ]);
    expect(swedish.flatMap((group) => group.sections.map((section) => section.id))).toEqual(
      SECTIONS.map((section) => section.id),
    );
    expect(sectionChoices('en')[1]?.sections).toEqual([
      { id: 'strengths', label: 'Strengths' },
      { id: 'existing-safety', label: 'Existing safety' },
    ]);
  });
});

describe('moveCardToSection', () => {
  it('puts the card at the end of the other section and asks its new place to take focus', () => {
    const doc = newBoard();
    const moved = addCard(doc, { section: 'past-harm', author: 'anna', text: 'Moved' });
    addCard(doc, { section: 'strengths', author: 'anna', text: 'First' });
    addCard(doc, { section: 'strengths', author: 'anna', text: 'Second' });
    moveCardToSection(doc, moved, 'strengths', 'Card moved to Strengths: Moved');
    const strengths = listAllCards(doc).filter((card) => card.section === 'strengths');
    expect(strengths.map((card) => card.text)).toEqual(['First', 'Second', 'Moved']);
    expect(takeArrivingCard('another card')).toBe(false);
    expect(takeArrivingCard(moved)).toBe(true);
    // Only once: a later re-mount of the same card does not steal focus again.
    expect(takeArrivingCard(moved)).toBe(false);
  });
});
