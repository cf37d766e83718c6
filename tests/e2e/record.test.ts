/** @module The record for the case file in Chromium: the print view (on screen, printed, as PDF), the Export menu's downloads, the scale journey chart. */
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { addCard } from '../../shared/cards';
import type { BoardExport } from '../../shared/export';
import { upsertParticipant } from '../../shared/participants';
import { addScale, setRating, setRatingNotes } from '../../shared/ratings';
import type { VersionInfo } from '../../shared/version';
import { joinAs, launchChromium, openPage, pageErrors, untilConnected } from '../helpers/browser';
import { type BoardClient, connectClient, untilDoc } from '../helpers/clients';
import {
  type CreatedBoard,
  createBoard,
  startTestServer,
  type TestServer,
} from '../helpers/server';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer({ env: { STATIC_DIR: inject('clientDir') } });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The family's words, exactly as typed: leading spaces and line breaks included. */
const CARDS = {
  harm: 'Pappa slog Lisa i köket i mars.',
  strength: '  Mormor hämtar på förskolan\nvarje tisdag',
  child: 'jag gillar när mormor läser',
  step: 'nätverksmöte var fjärde vecka',
} as const;
const WHY = 'Oron finns kvar,\nmen mormor är med varje vecka.';
const NEXT_STEP = 'Ett skyddsnätverk som träffas utan mig.';
const FIRST_MEETING = 'Möte 1 — 3 mars';
const SAFETY = 'Grad av trygghet för barnet';

interface Meeting {
  board: CreatedBoard;
  firstMeeting: VersionInfo;
}

/**
 * A board after two meetings: the first saved as a version (Anna 3, Lisa 5 on safety), then
 * Anna moved to 4,5 with notes and Elsa, the child, placed her first marker (8).
 */
async function meeting(): Promise<Meeting> {
  const board = await createBoard(server.url, { title: 'Familjen Åberg', language: 'sv' });
  const writer = connectClient(server.wsUrl, board.id, board.tokens.facilitator);
  const reader = connectClient(server.wsUrl, board.id, board.tokens.viewer);
  await Promise.all([writer.synced, reader.synced]);
  const doc = writer.doc;
  const at = Date.now();
  upsertParticipant(doc, 'p-anna', { name: 'Anna', role: 'worker', color: '#1a4fa0' });
  upsertParticipant(doc, 'p-lisa', { name: 'Lisa', role: 'family', color: '#a3221b' });
  upsertParticipant(doc, 'p-elsa', { name: 'Elsa', role: 'child', color: '#1d6a35' });
  addCard(doc, { section: 'past-harm', author: 'p-anna', text: CARDS.harm });
  addCard(doc, { section: 'strengths', author: 'p-lisa', text: CARDS.strength });
  addCard(doc, { section: 'strengths', author: 'p-elsa', text: CARDS.child, voice: 'child' });
  addCard(doc, { section: 'next-steps', author: 'p-anna', text: CARDS.step });
  addScale(doc, 'safety');
  setRating(doc, 'safety', 'p-anna', { value: 3, name: 'Anna', role: 'worker', at });
  setRating(doc, 'safety', 'p-lisa', { value: 5, name: 'Lisa', role: 'family', at });
  // The server relays only what it has stored: once the reader has it, a version includes it.
  await untilStored(reader, '"p-lisa"');
  const firstMeeting = await saveVersion(board, FIRST_MEETING);

  setRating(doc, 'safety', 'p-anna', { value: 4.5, name: 'Anna', role: 'worker', at });
  setRatingNotes(doc, 'safety', 'p-anna', { why: WHY, nextStep: NEXT_STEP });
  setRating(doc, 'safety', 'p-elsa', { value: 8, name: 'Elsa', role: 'child', at });
  await untilStored(reader, '"p-elsa"');
  reader.destroy();
  writer.destroy();
  return { board, firstMeeting };
}

/** Resolves once the reader's copy of the scales mentions `text`. */
function untilStored(reader: BoardClient, text: string): Promise<void> {
  const scales = reader.doc.getMap('scales');
  return untilDoc(reader.doc, () => JSON.stringify(scales.toJSON()).includes(text));
}

async function saveVersion(board: CreatedBoard, label: string): Promise<VersionInfo> {
  const response = await fetch(`${server.url}/api/boards/${board.id}/versions`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${board.tokens.facilitator}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ label }),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as VersionInfo;
}

function printLink(board: CreatedBoard, versionId?: string): string {
  const version = versionId === undefined ? '' : `&v=${versionId}`;
  return `${server.url}/b/${board.id}/print#k=${board.tokens.participant}${version}`;
}

async function openRecord(link: string): Promise<Page> {
  // About the width of an A4 sheet at 96 dpi.
  const page = await openPage(browser, link, { viewport: { width: 800, height: 1100 } });
  await page.getByRole('heading', { name: 'Familjen Åberg', level: 1 }).waitFor();
  return page;
}

/** The record's row for a person on a scale, as its cells read. */
async function ratingRow(page: Page, scale: string, participant: string): Promise<string[]> {
  const row = page.locator(`[data-scale="${scale}"] [data-rating="${participant}"]`);
  return row.locator('th, td').allTextContents();
}

describe('the record for the case file', () => {
  it('prints every card in board order, the child’s own words marked, and each marker with why and one step up', async () => {
    const { board } = await meeting();
    const page = await openRecord(printLink(board));
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('sv');
    expect(await page.locator('.record-facts').textContent()).toContain(
      'Tavlan som den ser ut nu (inte en sparad version)',
    );
    // The words exactly as written: not trimmed, not capitalised, line breaks kept.
    const texts = await page.locator('.record-card-text').allTextContents();
    expect(texts).toEqual([CARDS.harm, CARDS.strength, CARDS.child, CARDS.step]);
    const strengths = page.locator('[data-section="strengths"]');
    expect(await strengths.getByRole('heading', { name: 'Styrkor' }).count()).toBe(1);
    const child = strengths.locator('.record-card--child');
    expect(await child.textContent()).toContain(`Barnets egna ord:${CARDS.child}`);
    expect(await strengths.locator('.record-card').first().textContent()).not.toContain(
      'Barnets egna ord',
    );
    expect(await page.locator('[data-section="complicating-factors"]').textContent()).toContain(
      'Inga kort.',
    );
    expect(await ratingRow(page, 'safety', 'p-anna')).toEqual([
      'Anna (socialsekreterare)',
      '4,5 av 10',
      WHY,
      NEXT_STEP,
    ]);
    expect(await ratingRow(page, 'safety', 'p-elsa')).toEqual(['Elsa (barn)', '8 av 10', '', '']);
    expect(await page.locator('.record-people li').allTextContents()).toEqual([
      'Anna (socialsekreterare)',
      'Elsa (barn)',
      'Lisa (familj)',
    ]);
    expect(pageErrors).toEqual([]);
  });

  it('prints a saved version as it was, naming it', async () => {
    const { board, firstMeeting } = await meeting();
    const page = await openRecord(printLink(board, firstMeeting.id));
    const facts = await page.locator('.record-facts').textContent();
    expect(facts).toContain(`«${FIRST_MEETING}» (sparad `);
    expect(await ratingRow(page, 'safety', 'p-anna')).toEqual([
      'Anna (socialsekreterare)',
      '3 av 10',
      '',
      '',
    ]);
    expect(await page.locator('[data-rating="p-elsa"]').count()).toBe(0);
    expect(await page.title()).toBe(`Familjen Åberg – ${FIRST_MEETING}`);

    const gone = await openPage(browser, printLink(board, 'no-such-version'));
    await gone.getByText('Den versionen finns inte (längre).').waitFor();
    expect(pageErrors).toEqual([]);
  });

  it('prints black on white, without the print button, on A4', async () => {
    const { board } = await meeting();
    const page = await openRecord(printLink(board));
    const printButton = page.getByRole('button', { name: 'Skriv ut / Spara som PDF' });
    expect(await printButton.isVisible()).toBe(true);

    await page.emulateMedia({ media: 'print' });
    expect(await printButton.isVisible()).toBe(false);
    const pixels = pixelShares(PNG.sync.read(await page.screenshot({ fullPage: true })));
    // Paper: white, not the app's tinted background (#f6f5f1 would count as not white).
    expect(pixels.white).toBeGreaterThan(0.8);
    // Text that a black-and-white printer keeps: dark, and plenty of it.
    expect(pixels.dark).toBeGreaterThan(0.01);
    // No meaning in colour: only the chart's thin lines are coloured.
    expect(pixels.colourful).toBeLessThan(0.02);

    // The sheet around the record too (what a PDF shows below the last line) is white.
    const sheet = await page.evaluate(
      () => getComputedStyle(document.documentElement).backgroundColor,
    );
    expect(sheet).toBe('rgb(255, 255, 255)');

    // `@page { size: A4 }` decides the sheet, whatever the browser's default paper.
    const pdf = (await page.pdf({ preferCSSPageSize: true, printBackground: true })).toString(
      'latin1',
    );
    const sizes = [...pdf.matchAll(/\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/g)];
    expect(sizes.length).toBeGreaterThan(0);
    for (const [, width, height] of sizes) {
      expect(Number(width)).toBeCloseTo(595, -1);
      expect(Number(height)).toBeCloseTo(842, -1);
    }
    expect(pageErrors).toEqual([]);
  });

  it('draws the journey on each scale: one line per person, a gap where someone had no marker', async () => {
    const { board } = await meeting();
    const page = await openRecord(printLink(board));
    const chart = page.getByRole('figure', { name: SAFETY });
    const lines = chart.locator('[data-journey-line]');
    expect(await lines.count()).toBe(3);
    expect(
      await lines.evaluateAll((paths) => paths.map((path) => path.dataset.journeyLine)),
    ).toEqual(['p-anna', 'p-lisa', 'p-elsa']);
    // Elsa placed her first marker after the first meeting: a marker now, no line to it.
    const elsa = await chart.locator('[data-journey-line="p-elsa"]').getAttribute('d');
    expect(elsa?.match(/M/g)).toHaveLength(1);
    expect(elsa).not.toContain('L');
    expect(await chart.locator('[data-journey-marker="p-elsa"]').count()).toBe(1);
    expect(await chart.locator('[data-journey-marker="p-anna"]').count()).toBe(2);
    // The legend names everyone; the table says it in words for screen readers.
    expect(await chart.getByRole('list', { name: 'Vem är vilken linje' }).textContent()).toBe(
      'Anna (socialsekreterare)Lisa (familj)Elsa (barn)',
    );
    const table = chart.getByRole('table');
    expect(await table.locator('thead th').allTextContents()).toEqual(['Vem', FIRST_MEETING, 'Nu']);
    expect(await table.locator('tbody tr').nth(2).locator('th, td').allTextContents()).toEqual([
      'Elsa (barn)',
      'ingen markering',
      '8',
    ]);
    expect(await table.locator('tbody tr').nth(0).locator('td').allTextContents()).toEqual([
      '3',
      '4,5',
    ]);
    expect(pageErrors).toEqual([]);
  });

  it('exports from the board: Markdown and JSON files with every card, and the print view in a new tab', async () => {
    const { board } = await meeting();
    const page = await openPage(browser, board.links.participant);
    await joinAs(page, 'Lisa');
    await untilConnected(page);
    const exportButton = page.getByRole('button', { name: 'Exportera' });

    await exportButton.click();
    const [markdownFile] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('menuitem', { name: 'Markdown (.md)' }).click(),
    ]);
    expect(markdownFile.suggestedFilename()).toMatch(
      /^samkarta-familjen-aberg-\d{4}-\d{2}-\d{2}\.md$/,
    );
    const markdown = await readFile(await markdownFile.path(), 'utf8');
    for (const text of Object.values(CARDS)) {
      for (const line of text.split('\n')) expect(markdown).toContain(line.trim());
    }
    expect(markdown).toContain('(barnets egna ord)');
    // The menu closes and gives the keyboard back to its button.
    expect(await page.getByRole('menu').count()).toBe(0);
    expect(await exportButton.evaluate((button) => button === document.activeElement)).toBe(true);

    await exportButton.click();
    const [jsonFile] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('menuitem', { name: 'JSON' }).click(),
    ]);
    expect(jsonFile.suggestedFilename()).toMatch(
      /^samkarta-familjen-aberg-\d{4}-\d{2}-\d{2}\.json$/,
    );
    const exported = JSON.parse(await readFile(await jsonFile.path(), 'utf8')) as BoardExport;
    const cards = exported.sections.flatMap((section) => section.cards.map((card) => card.text));
    expect(cards).toEqual([CARDS.harm, CARDS.strength, CARDS.child, CARDS.step]);

    await exportButton.click();
    const [printView] = await Promise.all([
      page.context().waitForEvent('page'),
      page.getByRole('menuitem', { name: /Utskrift \/ PDF/ }).click(),
    ]);
    await printView.getByRole('heading', { name: 'Familjen Åberg', level: 1 }).waitFor();
    expect(new URL(printView.url()).pathname).toBe(`/b/${board.id}/print`);
    expect(await printView.locator('.record-card').count()).toBe(4);

    // The projector shows the board; it has no Export menu.
    const projector = await openPage(browser, board.links.viewer);
    await projector.getByRole('heading', { name: 'Familjen Åberg' }).waitFor();
    expect(await projector.getByRole('button', { name: 'Exportera' }).count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});

/** Shares of a screenshot's pixels: white paper, dark ink, and anything strongly coloured. */
function pixelShares(png: PNG): { white: number; dark: number; colourful: number } {
  let white = 0;
  let dark = 0;
  let colourful = 0;
  const total = png.width * png.height;
  for (let index = 0; index < png.data.length; index += 4) {
    const r = png.data[index] ?? 0;
    const g = png.data[index + 1] ?? 0;
    const b = png.data[index + 2] ?? 0;
    if (r >= 250 && g >= 250 && b >= 250) white++;
    if (0.2126 * r + 0.7152 * g + 0.0722 * b < 100) dark++;
    if (Math.max(r, g, b) - Math.min(r, g, b) > 60) colourful++;
  }
  return { white: white / total, dark: dark / total, colourful: colourful / total };
}
