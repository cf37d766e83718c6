/** @module The list view rendered to HTML (no DOM needed): the names and roles the e2e tests use. */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { type BoardSession, SessionProvider } from '../../client/board/session';
import { messagesFor } from '../../client/i18n';
import { BoardList } from '../../client/list/BoardList';
import { addCard } from '../../shared/cards';
import type { Language } from '../../shared/language';
import { setRating } from '../../shared/ratings';
import { newBoard } from '../shared/boards';

const ANNA = { id: 'anna', name: 'Anna', role: 'family', color: '#1a4fa0' } as const;

function render(doc: Y.Doc, options: { language?: Language; writer?: boolean; visible?: boolean }) {
  const language = options.language ?? 'en';
  const writer = options.writer ?? true;
  const session: BoardSession = {
    boardId: 'board',
    doc,
    awareness: new Awareness(doc),
    linkRole: writer ? 'participant' : 'viewer',
    writable: writer,
    me: writer ? ANNA : null,
    language,
    messages: messagesFor(language),
    undo: null,
  };
  return renderToStaticMarkup(
    createElement(
      SessionProvider,
      { value: session },
      createElement(BoardList, { visible: options.visible ?? true }),
    ),
  );
}

describe('BoardList', () => {
  it('is a region named "Board as list" with columns, sections and cards as written', () => {
    const doc = newBoard();
    addCard(doc, { section: 'past-harm', author: 'anna', text: 'Pappa slog\n  mamma' });
    addCard(doc, {
      section: 'strengths',
      author: 'anna',
      text: 'Jag gillar skolan',
      voice: 'child',
    });
    const html = render(doc, {});
    expect(html).toMatch(/^<section role="region" aria-label="Board as list"/);
    expect(html).toContain('<h2>What are we worried about?</h2>');
    expect(html).toContain('<h3>Past harm</h3>');
    expect(html).toContain('<p class="list-card-text">Pappa slog\n  mamma</p>');
    expect(html).toContain('list-card--child');
    expect(html).toContain('aria-label="Delete card: Pappa slog mamma"');
    expect(html).toContain('aria-label="The child&#x27;s own words: Jag gillar skolan"');
    expect(html).toContain('>Add card to Past harm</button>');
  });

  it('gives each card Edit, the child’s words and More, with the rest behind More', () => {
    const doc = newBoard('sv');
    addCard(doc, { section: 'past-harm', author: 'anna', text: 'Pappa slog mamma' });
    const html = render(doc, { language: 'sv' });
    expect(html).toContain('aria-label="Redigera kort: Pappa slog mamma"');
    expect(html).toMatch(
      /<button type="button" class="list-card-more" aria-expanded="false" aria-controls="([^"]+)" aria-label="Mer för kort: Pappa slog mamma">Mer<\/button>/,
    );
    // Closed, the rest is hidden from everyone; it opens in place, in the same order.
    expect(html).toMatch(
      /<fieldset id="[^"]+" aria-label="Mer för kort: Pappa slog mamma" class="list-card-more-actions" hidden="">/,
    );
    expect(html).toContain('aria-label="Flytta kortet till avsnitt: Pappa slog mamma"');
    expect(html).toContain(
      '<optgroup label="Vad fungerar bra?"><option value="strengths">Styrkor</option>',
    );
    expect(html).toContain('aria-label="Flytta kortet: Pappa slog mamma"');
    expect(html).toContain('aria-label="Flytta upp: Pappa slog mamma"');
    expect(html).toContain('aria-label="Ta bort kort: Pappa slog mamma"');
  });

  it('speaks Swedish when the session does', () => {
    const html = render(newBoard('sv'), { language: 'sv' });
    expect(html).toContain('aria-label="Tavlan som lista"');
    expect(html).toContain('<h3>Tidigare skada</h3>');
    expect(html).toContain('>Lägg till kort i Tidigare skada</button>');
    expect(html).toContain('aria-label="Din position: Grad av trygghet för barnet"');
    expect(html).toContain('aria-valuetext="Ej placerad"');
  });

  it('shows everyone’s markers and my own as a slider', () => {
    const doc = newBoard();
    setRating(doc, 'safety', 'anna', { value: 4.5, name: 'Anna', role: 'family', at: 1 });
    setRating(doc, 'safety', 'bo', { value: 7, name: 'Bo', role: 'network', at: 2 });
    const html = render(doc, {});
    expect(html).toContain('<span class="list-rating-value">Anna: 4.5</span>');
    expect(html).toContain('<span class="list-rating-value">Bo: 7</span>');
    expect(html).toMatch(
      /role="slider" tabindex="0"[^>]*aria-label="Your position: How safe is the child\?" aria-valuemin="0" aria-valuemax="10" aria-valuenow="4.5" aria-valuetext="4.5 of 10"/,
    );
    expect(html).toContain('Why here?');
    expect(html).toContain('What would move it one step up?');
  });

  it('gives a viewer the whole board and no controls', () => {
    const doc = newBoard();
    addCard(doc, { section: 'past-harm', author: 'anna', text: 'Något hände' });
    const html = render(doc, { writer: false, visible: false });
    expect(html).toContain('board-list--tucked');
    expect(html).toContain('Något hände');
    expect(html).not.toContain('<button');
    expect(html).not.toContain('role="slider"');
  });
});
