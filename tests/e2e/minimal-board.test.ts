/** @module Browser smoke test: create a board, two people write on it live, viewers and bad links. */
import { rmSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCard } from '../../shared/cards';
import { connectClient } from '../helpers/clients';
import {
  type CreatedBoard,
  createBoard,
  startTestServer,
  type TestServer,
  tempDir,
} from '../helpers/server';

/** Debian's Chromium; `scripts/ensure-chromium.sh` installs it. */
const CHROMIUM_PATH = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** Below Vitest's 30 s test timeout, so a missing element fails with Playwright's own message. */
const WAIT_MS = 10_000;

const PHONE = { width: 390, height: 844 };
const PROJECTOR = { width: 1920, height: 1080 };

let clientDir: string;
let server: TestServer;
let browser: Browser;
let board: CreatedBoard;
/** Uncaught errors of every page; a page that throws fails the test even if it looks right. */
const pageErrors: string[] = [];

beforeAll(async () => {
  // Build this checkout's client into a private directory: never test a stale or shared build.
  clientDir = tempDir('samkarta-client-');
  // Vitest sets NODE_ENV=test, which would bundle React's development build; test what ships.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: 'vite.config.ts',
      logLevel: 'warn',
      build: { outDir: clientDir, emptyOutDir: true },
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  server = await startTestServer({ env: { STATIC_DIR: clientDir } });
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  board = await createBoard(server.url, { title: 'Familjen Andersson, möte 1', language: 'sv' });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (clientDir) rmSync(clientDir, { recursive: true, force: true });
});

async function openPage(
  link: string,
  options: { viewport?: { width: number; height: number }; locale?: string } = {},
): Promise<Page> {
  const context = await browser.newContext({
    viewport: options.viewport ?? PROJECTOR,
    locale: options.locale ?? 'sv-SE',
  });
  context.setDefaultTimeout(WAIT_MS);
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(`${link}: ${error.message}`));
  await page.goto(link);
  return page;
}

/** Resolves once the page shows the board and is connected to the server. */
async function untilConnected(page: Page, connectedText = 'Ansluten'): Promise<void> {
  await page.getByRole('status').filter({ hasText: connectedText }).waitFor();
}

function section(page: Page, label: string) {
  return page.getByRole('region', { name: label, exact: true });
}

async function writeCard(page: Page, sectionLabel: string, text: string): Promise<void> {
  const where = section(page, sectionLabel);
  await where.getByLabel(`Nytt kort i ${sectionLabel}`).fill(text);
  await where.getByRole('button', { name: 'Lägg till kort' }).click();
}

describe('a minimal board in the browser', () => {
  it('shows a card written by one person to another, live and verbatim', async () => {
    const facilitator = await openPage(board.links.facilitator);
    const participant = await openPage(board.links.participant);
    await Promise.all([untilConnected(facilitator), untilConnected(participant)]);

    await facilitator
      .getByRole('heading', { level: 1, name: 'Familjen Andersson, möte 1' })
      .waitFor();
    for (const column of ['Vilken oro finns?', 'Vad fungerar bra?', 'Vad behöver hända?']) {
      await facilitator.getByRole('heading', { level: 2, name: column }).waitFor();
    }

    const strength = 'Mamma hämtar på förskolan varje dag';
    await writeCard(participant, 'Styrkor', strength);
    const seen = section(facilitator, 'Styrkor').getByText(strength, { exact: true });
    await seen.waitFor();
    expect(await seen.textContent()).toBe(strength);

    // The other way, with a line break and double spaces that must survive as written.
    const worry = 'Pappa blir arg  när han dricker.\nÅsa är rädd då.';
    await writeCard(facilitator, 'Tidigare skada', worry);
    const card = section(participant, 'Tidigare skada').locator('.card-text');
    await card.waitFor();
    expect(await card.textContent()).toBe(worry);

    expect(pageErrors).toEqual([]);
  });

  it('gives a viewer the live board without any add-card controls', async () => {
    const viewer = await openPage(board.links.viewer);
    await untilConnected(viewer);

    // Someone writes while the projector shows the board: it appears without a reload.
    const writer = connectClient(server.wsUrl, board.id, board.tokens.participant);
    await writer.synced;
    addCard(writer.doc, { section: 'next-steps', text: 'Mormor ringer på fredag.', author: 'w' });
    await section(viewer, 'Nästa steg').getByText('Mormor ringer på fredag.').waitFor();
    writer.destroy();

    expect(await viewer.getByRole('textbox').count()).toBe(0);
    expect(await viewer.getByRole('button', { name: 'Lägg till kort' }).count()).toBe(0);
    await viewer.getByText('Endast visning').waitFor();
    expect(pageErrors).toEqual([]);
  });

  it('says plainly that a wrong or unknown link is not valid', async () => {
    const notValid =
      'This link is not valid (any more). Ask the person who leads the meeting for a new link.';
    const wrongToken = await openPage(`${server.url}/b/${board.id}#k=not-a-real-token`, {
      locale: 'en-US',
    });
    await wrongToken.getByText(notValid).waitFor();

    const noToken = await openPage(`${server.url}/b/${board.id}`, { locale: 'en-US' });
    await noToken.getByText(notValid).waitFor();

    const unknownBoard = await openPage(
      `${server.url}/b/no-such-board#k=${board.tokens.facilitator}`,
      { locale: 'sv-SE' },
    );
    await unknownBoard
      .getByText('Länken är inte giltig (längre). Be den som leder mötet om en ny länk.')
      .waitFor();
    expect(pageErrors).toEqual([]);
  });

  it('keeps the add field on screen on a phone', async () => {
    const phone = await openPage(board.links.participant, { viewport: PHONE });
    await untilConnected(phone);
    const field = section(phone, 'Tidigare skada').getByLabel('Nytt kort i Tidigare skada');
    await field.waitFor({ state: 'visible' });

    const box = await field.boundingBox();
    expect(box).not.toBeNull();
    expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(PHONE.width);
    // Nothing may force sideways scrolling on a phone.
    const pageWidth = await phone.evaluate(() => document.documentElement.scrollWidth);
    expect(pageWidth).toBeLessThanOrEqual(PHONE.width);
    expect(pageErrors).toEqual([]);
  });

  it('creates a board from the start page and opens it as facilitator', async () => {
    const home = await openPage(`${server.url}/`, { locale: 'en-US' });
    await home.getByLabel('Board title').fill('Family B');
    await home.getByRole('radio', { name: 'English' }).check();
    await home.getByRole('button', { name: 'Create board' }).click();

    await home.getByRole('heading', { name: 'Links for the meeting' }).waitFor();
    for (const role of ['Facilitator', 'Participant', 'Viewer']) {
      const link = await home.getByRole('textbox', { name: role, exact: true }).inputValue();
      expect(link).toMatch(new RegExp(`^${server.url}/b/[^/#]+#k=.+`));
    }

    await home.getByRole('link', { name: 'Open as facilitator' }).click();
    await untilConnected(home, 'Connected');
    await home.getByRole('heading', { level: 1, name: 'Family B' }).waitFor();
    await home.getByRole('heading', { level: 2, name: 'What are we worried about?' }).waitFor();
    expect(pageErrors).toEqual([]);
  });

  it("shows the server's sentence when a board cannot be created", async () => {
    // Only spaces pass the browser's "required" check but not the server's.
    const blankTitle = '   ';
    const answer = await fetch(`${server.url}/api/boards`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: blankTitle, language: 'en' }),
    });
    expect(answer.status).toBe(400);
    const { error } = (await answer.json()) as { error: string };

    const home = await openPage(`${server.url}/`, { locale: 'en-US' });
    await home.getByLabel('Board title').fill(blankTitle);
    await home.getByRole('radio', { name: 'English' }).check();
    await home.getByRole('button', { name: 'Create board' }).click();
    await home.getByRole('alert').filter({ hasText: error }).waitFor();
    expect(pageErrors).toEqual([]);
  });
});
