/** @module The History panel in Chromium: save a version, look at it read-only, see what changed, restore it live. */
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { listAllCards } from '../../shared/cards';
import { joinAs, launchChromium, openPage, pageErrors, untilConnected } from '../helpers/browser';
import { untilNode } from '../helpers/canvas';
import { connectClient } from '../helpers/clients';
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

function newBoard(title: string): Promise<CreatedBoard> {
  return createBoard(server.url, { title, language: 'sv' });
}

async function joined(link: string, name: string, role = 'Familj'): Promise<Page> {
  const page = await openPage(browser, link);
  await joinAs(page, name, role);
  await untilConnected(page);
  return page;
}

function list(page: Page): Locator {
  return page.getByRole('region', { name: 'Tavlan som lista' });
}

async function showList(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Lista', exact: true }).click();
}

async function addCardFromList(page: Page, sectionLabel: string, text: string): Promise<void> {
  await list(page)
    .getByRole('button', { name: `Lägg till kort i ${sectionLabel}` })
    .click();
  const field = list(page).getByRole('textbox', { name: `Nytt kort i ${sectionLabel}` });
  await field.fill(text);
  await field.press('Enter');
  await list(page).getByText(text, { exact: true }).waitFor();
  await field.press('Escape');
}

async function editCardFromList(page: Page, from: string, to: string): Promise<void> {
  await list(page)
    .getByRole('button', { name: `Redigera kort: ${from}` })
    .click();
  const field = list(page).getByRole('textbox', { name: 'Redigera kort' });
  await field.fill(to);
  await field.press('Escape');
  await list(page).getByText(to, { exact: true }).waitFor();
}

async function openHistory(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'Historik', exact: true }).click();
  const panel = page.getByRole('dialog', { name: 'Tavlans historik' });
  await panel.waitFor();
  return panel;
}

/** Saves the board under the offered name and returns that name. */
async function saveVersion(panel: Locator, label?: string): Promise<string> {
  const field = panel.getByRole('textbox', { name: 'Versionens namn' });
  if (label !== undefined) await field.fill(label);
  const saved = await field.inputValue();
  await field.press('Enter');
  await panel
    .getByRole('status')
    .filter({ hasText: `«${saved}» är sparad.` })
    .waitFor();
  return saved;
}

function versionRow(panel: Locator, label: string): Locator {
  return panel
    .getByRole('listitem')
    .filter({ has: panel.page().getByRole('heading', { name: label }) });
}

describe('the History panel', () => {
  it('saves a version, shows it read-only as it was, and lists what changed since', async () => {
    const board = await newBoard('Familjen Lind');
    const anna = await joined(board.links.facilitator, 'Anna', 'Socialsekreterare');
    await showList(anna);
    await addCardFromList(anna, 'Styrkor', 'Mormor hämtar på förskolan');
    await addCardFromList(anna, 'Nästa steg', 'Plan: ringa skolan');

    let panel = await openHistory(anna);
    // The first version is offered a name: "Möte 1 — <today>".
    expect(await panel.getByRole('textbox', { name: 'Versionens namn' }).inputValue()).toMatch(
      /^Möte 1 — \d{1,2} \p{L}+$/u,
    );
    const first = await saveVersion(panel);
    await versionRow(panel, first).waitFor();
    // The next one is offered the next number.
    expect(await panel.getByRole('textbox', { name: 'Versionens namn' }).inputValue()).toMatch(
      /^Möte 2 — /,
    );
    await panel.getByRole('button', { name: 'Stäng' }).click();
    await panel.waitFor({ state: 'detached' });

    await addCardFromList(anna, 'Tidigare skada', 'Pappa skrek i telefon');
    await editCardFromList(anna, 'Plan: ringa skolan', 'Plan: ringa skolan och BUP');

    // The old version in place of the live board: the old words, not the new card.
    panel = await openHistory(anna);
    await versionRow(panel, first)
      .getByRole('button', { name: `Visa: ${first}` })
      .click();
    await panel.waitFor({ state: 'detached' });
    const banner = anna.getByText(`Du tittar på «${first}»`);
    await banner.waitFor();
    expect(await banner.textContent()).toMatch(/— skrivskyddad$/);
    // The keyboard is on the banner, which says where the person is.
    expect(await anna.evaluate(() => document.activeElement?.textContent)).toMatch(/^Du tittar på/);
    await list(anna).getByText('Plan: ringa skolan', { exact: true }).waitFor();
    expect(await list(anna).getByText('Pappa skrek i telefon').count()).toBe(0);
    expect(await list(anna).getByText('Plan: ringa skolan och BUP').count()).toBe(0);
    // Read-only: no one can add, edit or move a card there.
    expect(
      await list(anna)
        .getByRole('button', { name: /^Lägg till kort i/ })
        .count(),
    ).toBe(0);
    expect(
      await list(anna)
        .getByRole('button', { name: /^Redigera kort/ })
        .count(),
    ).toBe(0);
    // Nor in the header: undo, focus and new scales would change the live board out of sight.
    for (const name of ['Ångra', 'Lägg till skala']) {
      expect({ name, count: await anna.getByRole('button', { name }).count() }).toEqual({
        name,
        count: 0,
      });
    }
    expect(await anna.getByLabel('Visa för alla').count()).toBe(0);
    // Export exports what is on screen: the print view of this version.
    await anna.getByRole('button', { name: 'Exportera', exact: true }).click();
    const printItem = anna.getByRole('menuitem', { name: /^Utskrift \/ PDF/ });
    expect(await printItem.getAttribute('href')).toMatch(/#k=[^&]+&v=[^&]+$/);
    await anna.keyboard.press('Escape');

    // The map of the old version draws the old cards and not the new one.
    const reader = connectClient(server.wsUrl, board.id, board.tokens.viewer);
    await reader.synced;
    const cards = listAllCards(reader.doc);
    const kept = cards.find((card) => card.text === 'Mormor hämtar på förskolan');
    const added = cards.find((card) => card.text === 'Pappa skrek i telefon');
    reader.destroy();
    await anna.getByRole('button', { name: 'Karta', exact: true }).click();
    await untilNode(anna, `card-${kept?.id}`);
    const hasAdded = await anna.evaluate((id) => {
      const container = document.querySelector('[data-testid="board-canvas"]') as
        | (HTMLElement & { __stage?: { findOne(selector: string): unknown } })
        | null;
      return container?.__stage?.findOne(`#${id}`) !== undefined;
    }, `card-${added?.id}`);
    expect(hasAdded).toBe(false);

    // Back to the live board: the new card is there, and the keyboard is on History again.
    await anna.getByRole('button', { name: 'Tillbaka till tavlan' }).click();
    await banner.waitFor({ state: 'detached' });
    await untilNode(anna, `card-${added?.id}`);
    await anna.getByRole('button', { name: 'Lägg till skala' }).waitFor();
    expect(await anna.evaluate(() => document.activeElement?.textContent)).toContain('Historik');
    await anna.getByRole('button', { name: 'Exportera', exact: true }).click();
    expect(await printItem.getAttribute('href')).toMatch(/#k=[^&]+$/);
    await anna.keyboard.press('Escape');

    // Changes since the version: the added card in its section, the edit with its old words.
    panel = await openHistory(anna);
    await versionRow(panel, first)
      .getByRole('button', { name: `Ändringar sedan dess: ${first}` })
      .click();
    await panel.getByRole('heading', { name: `Ändringar sedan «${first}»` }).waitFor();
    const addedGroup = panel.getByRole('region', { name: /^Nya kort/ });
    await addedGroup.getByText('Pappa skrek i telefon', { exact: true }).waitFor();
    expect(await addedGroup.getByText('Tidigare skada').count()).toBe(1);
    const editedGroup = panel.getByRole('region', { name: /^Ändrade kort/ });
    expect(await editedGroup.getByText('Plan: ringa skolan', { exact: true }).count()).toBe(1);
    expect(await editedGroup.getByText('Plan: ringa skolan och BUP', { exact: true }).count()).toBe(
      1,
    );
    expect(await panel.getByRole('region', { name: /^Borttagna kort/ }).count()).toBe(0);

    // And a version saved now has nothing to tell.
    await panel.getByRole('button', { name: 'Alla versioner' }).click();
    const second = await saveVersion(panel, 'Efter pausen');
    await versionRow(panel, second)
      .getByRole('button', { name: `Ändringar sedan dess: ${second}` })
      .click();
    await panel.getByText('Inga ändringar', { exact: true }).waitFor();
    expect(pageErrors).toEqual([]);
  });

  it('tries a version that could not be fetched again, in its view and in its changes', async () => {
    const board = await newBoard('Familjen Berg');
    const anna = await joined(board.links.facilitator, 'Anna', 'Socialsekreterare');
    await showList(anna);
    await addCardFromList(anna, 'Styrkor', 'Farmor bor nära');
    let panel = await openHistory(anna);
    const saved = await saveVersion(panel, 'Möte 1');

    // The network drops the version's bytes once: the view says so and offers to try again.
    await anna.route('**/versions/*/update', (route) => route.abort());
    await versionRow(panel, saved)
      .getByRole('button', { name: `Visa: ${saved}` })
      .click();
    const failed = anna
      .getByRole('alert')
      .filter({ hasText: 'Det gick inte att hämta versionen.' });
    await failed.waitFor();
    await anna.unroute('**/versions/*/update');
    await anna.getByRole('button', { name: 'Försök igen' }).click();
    await failed.waitFor({ state: 'detached' });
    await list(anna).getByText('Farmor bor nära', { exact: true }).waitFor();
    await anna.getByRole('button', { name: 'Tillbaka till tavlan' }).click();

    await anna.route('**/versions/*/export.json', (route) => route.abort());
    panel = await openHistory(anna);
    await versionRow(panel, saved)
      .getByRole('button', { name: `Ändringar sedan dess: ${saved}` })
      .click();
    await panel
      .getByRole('alert')
      .filter({ hasText: 'Det gick inte att hämta versionen.' })
      .waitFor();
    await anna.unroute('**/versions/*/export.json');
    await panel.getByRole('button', { name: 'Försök igen' }).click();
    await panel.getByText('Inga ändringar', { exact: true }).waitFor();
    expect(pageErrors).toEqual([]);
  });

  it('lets a participant look at the history but not save or restore', async () => {
    const board = await newBoard('Familjen Holm');
    const anna = await joined(board.links.facilitator, 'Anna', 'Socialsekreterare');
    const annaPanel = await openHistory(anna);
    const saved = await saveVersion(annaPanel, 'Möte 1 — början');

    const erik = await joined(board.links.participant, 'Erik');
    const panel = await openHistory(erik);
    const row = versionRow(panel, saved);
    await row.waitFor();
    expect(await row.getByRole('button', { name: `Visa: ${saved}` }).count()).toBe(1);
    expect(await row.getByRole('link', { name: new RegExp(`^Exportera: ${saved}`) }).count()).toBe(
      1,
    );
    expect(await panel.getByRole('button', { name: /^Återställ/ }).count()).toBe(0);
    expect(await panel.getByRole('textbox', { name: 'Versionens namn' }).count()).toBe(0);
    expect(await panel.getByRole('button', { name: 'Spara version' }).count()).toBe(0);

    // A version saved while Erik has the panel open shows up there without his reopening it.
    const later = await saveVersion(annaPanel, 'Möte 1 — slut');
    await versionRow(panel, later).waitFor();
    expect(await panel.getByRole('heading', { name: /^Möte 1/ }).allTextContents()).toEqual([
      later,
      saved,
    ]);

    // Escape closes the panel and the keyboard is back on History.
    await erik.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    expect(await erik.evaluate(() => document.activeElement?.textContent)).toContain('Historik');
    expect(pageErrors).toEqual([]);
  });

  it('restores a version for everyone, live, after saving the board as it was', async () => {
    const board = await newBoard('Familjen Ek');
    const anna = await joined(board.links.facilitator, 'Anna', 'Socialsekreterare');
    await showList(anna);
    await addCardFromList(anna, 'Styrkor', 'Pappa lagar middag varje dag');
    let panel = await openHistory(anna);
    const first = await saveVersion(panel);
    await panel.getByRole('button', { name: 'Stäng' }).click();

    const erik = await joined(board.links.participant, 'Erik');
    await showList(erik);
    await list(erik).getByText('Pappa lagar middag varje dag', { exact: true }).waitFor();
    // The card is deleted and another written in its place.
    await list(anna)
      .getByRole('button', { name: 'Mer för kort: Pappa lagar middag varje dag' })
      .click();
    await list(anna)
      .getByRole('button', { name: /^Ta bort kort/ })
      .click();
    await addCardFromList(anna, 'Styrkor', 'Ett nytt kort');
    await list(erik).getByText('Ett nytt kort', { exact: true }).waitFor();
    expect(await list(erik).getByText('Pappa lagar middag varje dag').count()).toBe(0);

    panel = await openHistory(anna);
    await versionRow(panel, first)
      .getByRole('button', { name: `Återställ: ${first}` })
      .click();
    const confirm = anna.getByRole('dialog', { name: `Återställa tavlan till «${first}»?` });
    await confirm.waitFor();
    // The question says the board as it is now is kept first.
    expect(await confirm.textContent()).toContain(`«Före återställning till «${first}»»`);
    await confirm.getByRole('button', { name: 'Återställ för alla' }).click();
    await confirm.waitFor({ state: 'detached' });

    // Erik did nothing: the old card is back on his screen, the new one gone.
    await list(erik).getByText('Pappa lagar middag varje dag', { exact: true }).waitFor();
    await list(erik).getByText('Ett nytt kort').waitFor({ state: 'detached' });
    // The board as it was before the restore is a version of its own, newest first.
    await panel
      .getByRole('status')
      .filter({ hasText: `Tavlan är återställd till «${first}»` })
      .waitFor();
    const labels = await panel.getByRole('listitem').getByRole('heading').allTextContents();
    expect(labels).toEqual([`Före återställning till «${first}»`, first]);

    // That version keeps the card written after the first one: the restore can be undone.
    const auth = { headers: { authorization: `Bearer ${board.tokens.participant}` } };
    const versions = (await (
      await fetch(`${server.url}/api/boards/${board.id}/versions`, auth)
    ).json()) as { id: string; label: string }[];
    const before = versions.find((version) => version.label.startsWith('Före återställning'));
    const exported = await fetch(
      `${server.url}/api/boards/${board.id}/versions/${before?.id}/export.json`,
      auth,
    );
    expect(JSON.stringify(await exported.json())).toContain('Ett nytt kort');
    expect(pageErrors).toEqual([]);
  });
});
