/** @module Review probes in Chromium: hostile board contents, a deleted board's local copy, edits under others' moves. */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, listAllCards, moveCard } from '../../shared/cards';
import { joinAs, launchChromium, openPage, pageErrors, untilConnected } from '../helpers/browser';
import { untilNode } from '../helpers/canvas';
import { connectClient, untilDoc } from '../helpers/clients';
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

function newBoard(title = 'Familjen Lind'): Promise<CreatedBoard> {
  return createBoard(server.url, { title, language: 'sv' });
}

function list(page: Page) {
  return page.getByRole('region', { name: 'Tavlan som lista' });
}

/** Fails with `what` instead of hanging until the test's own timeout. */
function within(promise: Promise<void>, what: string, ms = 5_000): Promise<void> {
  return Promise.race([
    promise,
    new Promise<void>((_, reject) => setTimeout(() => reject(new Error(`never: ${what}`)), ms)),
  ]);
}

async function writer(board: CreatedBoard) {
  const client = connectClient(server.wsUrl, board.id, board.tokens.facilitator);
  await client.synced;
  return client;
}

describe('review probes', () => {
  it('survives whatever another client writes into the document', async () => {
    const board = await newBoard();
    const page = await openPage(browser, board.links.participant);
    await joinAs(page, 'Lena');
    await untilConnected(page);

    const other = await writer(board);
    const { doc } = other;
    const goodId = addCard(doc, { section: 'strengths', author: 'x', text: 'Bra kort' });
    doc.transact(() => {
      const cards = doc.getMap('cards');
      cards.set(
        'text-not-ytext',
        new Y.Map<unknown>([
          ['section', 'strengths'],
          ['text', 'str'],
          ['order', 'a0'],
        ]),
      );
      cards.set(
        'unknown-section',
        new Y.Map<unknown>([
          ['section', 'nowhere'],
          ['text', new Y.Text('x')],
          ['order', 'a0'],
        ]),
      );
      cards.set(
        'order-number',
        new Y.Map<unknown>([
          ['section', 'strengths'],
          ['text', new Y.Text('y')],
          ['order', 42],
        ]),
      );
      cards.set('not-a-map', 'hello');
      cards.set(
        'long',
        new Y.Map<unknown>([
          ['section', 'past-harm'],
          ['text', new Y.Text('ord '.repeat(2500))],
          ['order', 'a0'],
          ['voice', 42],
        ]),
      );
      const participants = doc.getMap('participants');
      participants.set(
        'p1',
        new Y.Map<unknown>([
          ['name', 'N'.repeat(10_000)],
          ['role', 'hacker'],
          ['color', 'javascript:alert(1)'],
        ]),
      );
      participants.set('p2', 'not a map');
      participants.set(
        'p3',
        new Y.Map<unknown>([
          ['name', 42],
          ['color', 'red; background: url(https://evil.example/x)'],
        ]),
      );
      const scales = doc.getMap('scales');
      const safety = scales.get('safety') as Y.Map<unknown>;
      const ratings = safety.get('ratings') as Y.Map<unknown>;
      ratings.set(
        'p1',
        new Y.Map<unknown>([
          ['value', 3],
          ['name', 'N'.repeat(10_000)],
        ]),
      );
      ratings.set(
        'p3',
        new Y.Map<unknown>([
          ['value', '5'],
          ['name', 'x'],
        ]),
      );
      ratings.set('p4', new Y.Map<unknown>([['value', Number.NaN]]));
      ratings.set('p5', 'nope');
      scales.set(
        'willingness',
        new Y.Map<unknown>([
          ['label', 5],
          ['ratings', 'no'],
        ]),
      );
      scales.set('custom-scale', new Y.Map<unknown>([['label', 'Egen skala']]));
      scales.set('capacity', 'a string');
      const meta = doc.getMap('meta');
      meta.set('title', 12345);
      meta.set('language', 'xx');
    });
    other.provider.awareness.setLocalState({
      user: {
        id: 'p1',
        name: 'M'.repeat(10_000),
        role: 'x',
        color: 'url(javascript:alert(1))',
        facilitator: true,
      },
      cursor: { x: Number.NaN, y: 'a' },
      editing: goodId,
      focus: 'custom-scale',
      drag: { card: goodId, x: 1e308, y: -1e308 },
    });

    await untilNode(page, `card-${goodId}`);
    await untilNode(page, 'scale-custom-scale');
    await page.getByRole('button', { name: 'Lista' }).click();
    await list(page).getByText('Bra kort', { exact: true }).waitFor();
    const styles = await page.evaluate(() =>
      [...document.querySelectorAll('[style]')].map((element) => element.getAttribute('style')),
    );
    expect(styles.join('\n')).not.toMatch(/javascript|evil\.example/);
    await page.getByRole('button', { name: 'Karta' }).click();
    await untilNode(page, `card-${goodId}`);
    other.destroy();
    expect(pageErrors).toEqual([]);
  });

  it('keeps the list editor open when someone else moves the card to another section', async () => {
    const board = await newBoard();
    const page = await openPage(browser, board.links.participant);
    await joinAs(page, 'Lena');
    await untilConnected(page);
    await page.getByRole('button', { name: 'Lista' }).click();

    const other = await writer(board);
    const id = addCard(other.doc, { section: 'strengths', author: 'x', text: 'Mormor' });
    await list(page).getByText('Mormor', { exact: true }).waitFor();
    await list(page).getByRole('button', { name: 'Redigera kort: Mormor' }).click();
    const field = list(page).getByRole('textbox', { name: 'Redigera kort' });
    await field.press('End');
    await field.pressSequentially(' hjälper');

    moveCard(other.doc, id, 'existing-safety', 0);
    await within(
      untilDoc(other.doc, () => listAllCards(other.doc)[0]?.text === 'Mormor hjälper'),
      'the first words arrive',
    );
    // Give the move time to reach the page, then go on typing as the person would.
    await page.waitForTimeout(300);
    await page.keyboard.type(' till');
    await within(
      untilDoc(other.doc, () => listAllCards(other.doc)[0]?.text === 'Mormor hjälper till'),
      'the words typed after the move arrive',
    );
    await field.waitFor();

    // Focus elsewhere by then (a new card in another section): a move must not take it away.
    await list(page).getByRole('button', { name: 'Lägg till kort i Nästa steg' }).click();
    const newCard = list(page).getByRole('textbox', { name: 'Nytt kort i Nästa steg' });
    await newCard.pressSequentially('Rin');
    moveCard(other.doc, id, 'strengths', 0);
    await page.waitForTimeout(300);
    await page.keyboard.type('ga');
    expect(await newCard.inputValue()).toBe('Ringa');
    expect(listAllCards(other.doc)[0]?.text).toBe('Mormor hjälper till');
    other.destroy();
    expect(pageErrors).toEqual([]);
  });

  it('erases the local copy of a board that is gone when the link is next opened', async () => {
    const board = await newBoard();
    const page = await openPage(browser, board.links.participant);
    await joinAs(page, 'Lena');
    await untilConnected(page);
    const localCopy = `samkarta:board:${board.id}`;
    const databases = () =>
      page.evaluate(async () => (await indexedDB.databases()).map((database) => database.name));
    await expect.poll(databases).toContain(localCopy);

    const context = page.context();
    await page.close();
    // The facilitator deletes the board meanwhile.
    const deleted = await fetch(`${server.url}/api/boards/${board.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${board.tokens.facilitator}` },
    });
    expect(deleted.status).toBe(204);

    const again = await openPage(browser, board.links.participant, { context });
    await again
      .getByText(/länken|Länken/)
      .first()
      .waitFor();
    await expect
      .poll(async () => {
        const names = await again.evaluate(async () =>
          (await indexedDB.databases()).map((database) => database.name),
        );
        return names.includes(localCopy);
      })
      .toBe(false);
    // And the name this person gave on that board.
    const name = await again.evaluate((id) => localStorage.getItem(`samkarta:me:${id}`), board.id);
    expect(name).toBeNull();
    expect(pageErrors).toEqual([]);
  });

  it('forgets the remembered link check when the socket refuses the link', async () => {
    const board = await newBoard();
    const page = await openPage(browser, board.links.participant);
    await joinAs(page, 'Lena');
    await untilConnected(page);
    const remembered = `samkarta:info:${board.id}`;
    const stored = () => page.evaluate((key) => window.localStorage.getItem(key), remembered);
    await expect.poll(stored).not.toBeNull();

    // The facilitator rotates the link after the page's link check: only the socket hears of it.
    await page.route(`**/api/boards/${board.id}`, async (route) => {
      const checked = await route.fetch();
      const rotated = await fetch(`${server.url}/api/boards/${board.id}/links/participant/rotate`, {
        method: 'POST',
        headers: { authorization: `Bearer ${board.tokens.facilitator}` },
      });
      expect(rotated.status).toBe(200);
      await route.fulfill({ response: checked });
    });
    await page.reload();
    await page.getByText('Länken är inte giltig').waitFor();
    // Else a reload while offline would trust the link and wait forever for the erased copy.
    await expect.poll(stored).toBeNull();
    expect(pageErrors).toEqual([]);
  });

  it('goes on sending edits when another tab erased the local copy under it', async () => {
    const board = await newBoard();
    const page = await openPage(browser, board.links.facilitator);
    await joinAs(page, 'Anna', 'Socialsekreterare');
    await untilConnected(page);
    const localCopy = `samkarta:board:${board.id}`;
    await expect
      .poll(() => page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name)))
      .toContain(localCopy);
    const other = await page.context().newPage();
    await other.goto(`${server.url}/`);
    await other.evaluate(
      (name) =>
        new Promise<void>((resolve) => {
          const request = indexedDB.deleteDatabase(name);
          request.onsuccess = () => resolve();
        }),
      localCopy,
    );
    await page.getByRole('button', { name: 'Lista' }).click();
    await list(page).getByRole('button', { name: 'Lägg till kort i Styrkor' }).click();
    const field = list(page).getByRole('textbox', { name: 'Nytt kort i Styrkor' });
    await field.fill('Mormor');
    await field.press('Enter');
    await list(page).getByText('Mormor', { exact: true }).waitFor();
    const reader = connectClient(server.wsUrl, board.id, board.tokens.viewer);
    await reader.synced;
    await within(
      untilDoc(reader.doc, () => listAllCards(reader.doc).length === 1),
      'the card reaches the server',
    );
    reader.destroy();
    expect(pageErrors).toEqual([]);
  });
});
