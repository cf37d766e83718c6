/** @module Browser tests of the start page and of links that do not work. */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  launchChromium,
  openPage as open,
  type PageOptions,
  pageErrors,
  untilConnected,
} from '../helpers/browser';
import {
  type CreatedBoard,
  createBoard,
  startTestServer,
  type TestServer,
} from '../helpers/server';

let server: TestServer;
let browser: Browser;
let board: CreatedBoard;

beforeAll(async () => {
  server = await startTestServer({ env: { STATIC_DIR: inject('clientDir') } });
  browser = await launchChromium();
  board = await createBoard(server.url, { title: 'Familjen Andersson, möte 1', language: 'sv' });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

function openPage(link: string, options: PageOptions = {}): Promise<Page> {
  return open(browser, link, options);
}

describe('the start page and links', () => {
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
    await home.getByRole('textbox', { name: 'Your name' }).fill('Anna');
    await home.getByRole('button', { name: 'Join' }).click();
    await untilConnected(home, 'Connected');
    await home.getByRole('heading', { level: 1, name: 'Family B' }).waitFor();
    await home
      .getByRole('region', { name: 'Board as list' })
      .getByRole('heading', { level: 2, name: 'What are we worried about?' })
      .waitFor();
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
