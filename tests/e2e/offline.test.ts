/** @module Offline in Chromium: a reload while the server is down shows the board; offline edits merge. */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { listAllCards } from '../../shared/cards';
import { joinAs, launchChromium, openPage, pageErrors, untilConnected } from '../helpers/browser';
import { connectClient, untilDoc } from '../helpers/clients';
import { createBoard, startTestServer, type TestServer, tempDir } from '../helpers/server';
import { within } from '../helpers/waits';

let browser: Browser;
let server: TestServer | undefined;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('a board without the server', () => {
  it('reloads from the local copy while the server is down and syncs edits made meanwhile', async () => {
    const dataDir = tempDir();
    const env = { STATIC_DIR: inject('clientDir') };
    server = await startTestServer({ dataDir, env });
    const port = new URL(server.url).port;
    const board = await createBoard(server.url, { title: 'Familjen Berg', language: 'sv' });

    const page = await openPage(browser, board.links.participant);
    await joinAs(page, 'Lena');
    await untilConnected(page);
    // The app shell must be cached before the server goes away.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.getByRole('button', { name: 'Lista' }).click();
    const list = page.getByRole('region', { name: 'Tavlan som lista' });
    await list.getByRole('button', { name: 'Lägg till kort i Styrkor' }).click();
    await list
      .getByRole('textbox', { name: 'Nytt kort i Styrkor' })
      .fill('Lena cyklar till jobbet');
    await list.getByRole('textbox', { name: 'Nytt kort i Styrkor' }).press('Enter');

    let reader = connectClient(server.wsUrl, board.id, board.tokens.viewer);
    await untilDoc(reader.doc, () => listAllCards(reader.doc).length === 1);
    reader.destroy();

    // Each step bounded, so a failure names the step rather than the test's timeout.
    await within(8_000, 'the server closing', server.close());
    server = undefined;
    await within(8_000, 'offline shown', untilConnected(page, 'Offline — ändringar synkas senare'));

    await within(8_000, 'the offline reload', page.reload());
    await within(
      8_000,
      'offline shown after the reload',
      untilConnected(page, 'Offline — ändringar synkas senare'),
    );
    await page.getByRole('button', { name: 'Lista' }).click();
    await list.getByText('Lena cyklar till jobbet', { exact: true }).waitFor();

    // Written while offline: kept on the device, sent when the server is back.
    await list.getByRole('button', { name: 'Lägg till kort i Nästa steg' }).click();
    await list.getByRole('textbox', { name: 'Nytt kort i Nästa steg' }).fill('Ringa skolan');
    await list.getByRole('textbox', { name: 'Nytt kort i Nästa steg' }).press('Enter');

    server = await within(
      8_000,
      'the server restarting on its port',
      startTestServer({ dataDir, env: { ...env, PORT: port } }),
    );
    await within(8_000, 'reconnected', untilConnected(page));
    reader = connectClient(server.wsUrl, board.id, board.tokens.viewer);
    await untilDoc(reader.doc, () => listAllCards(reader.doc).length === 2);
    expect(listAllCards(reader.doc).map((card) => card.text)).toEqual([
      'Lena cyklar till jobbet',
      'Ringa skolan',
    ]);
    reader.destroy();
    expect(pageErrors).toEqual([]);
  });

  it('says offline as soon as the device loses its network, and reconnects when it is back', async () => {
    server ??= await startTestServer({ env: { STATIC_DIR: inject('clientDir') } });
    const board = await createBoard(server.url, { title: 'Familjen Ek', language: 'sv' });
    const page = await openPage(browser, board.links.participant);
    await joinAs(page, 'Omar');
    await untilConnected(page);

    // Well within y-websocket's own 30 s silence timeout, which would be far too late to tell.
    await page.context().setOffline(true);
    await untilConnected(page, 'Offline — ändringar synkas senare');
    await page.context().setOffline(false);
    await untilConnected(page);
    expect(pageErrors).toEqual([]);
  });
});
