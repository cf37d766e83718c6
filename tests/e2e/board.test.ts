/** @module The mapping board in Chromium: two people on one board, live, by mouse, touch and keyboard. */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { listAllCards } from '../../shared/cards';
import { listScales } from '../../shared/ratings';
import {
  joinAs,
  launchChromium,
  openPage,
  type PageOptions,
  PHONE,
  PROJECTOR,
  pageErrors,
  untilConnected,
} from '../helpers/browser';
import { centre, markerCentre, participantIdOf, touchDrag, untilNode } from '../helpers/canvas';
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

function newBoard(title = 'Familjen Andersson, möte 1'): Promise<CreatedBoard> {
  return createBoard(server.url, { title, language: 'sv' });
}

/** True when the page's canvas has a node with this Konva id right now. */
function hasNode(page: Page, nodeId: string): Promise<boolean> {
  return page.evaluate((id) => {
    const container = document.querySelector('[data-testid="board-canvas"]') as
      | (HTMLElement & { __stage?: { findOne(selector: string): unknown } })
      | null;
    return container?.__stage?.findOne(`#${id}`) !== undefined;
  }, nodeId);
}

/** Opens a link and joins as `name`; resolves once connected, showing the map or the list. */
async function joined(
  link: string,
  name: string,
  options: PageOptions & { view?: 'Karta' | 'Lista' } = {},
): Promise<Page> {
  const page = await openPage(browser, link, options);
  await joinAs(page, name);
  await untilConnected(page);
  if (options.view === 'Lista') await page.getByRole('button', { name: 'Lista' }).click();
  return page;
}

function list(page: Page) {
  return page.getByRole('region', { name: 'Tavlan som lista' });
}

async function addCardFromList(page: Page, sectionLabel: string, text: string): Promise<void> {
  await list(page)
    .getByRole('button', { name: `Lägg till kort i ${sectionLabel}` })
    .click();
  const field = list(page).getByRole('textbox', { name: `Nytt kort i ${sectionLabel}` });
  await field.fill(text);
  await field.press('Enter');
}

/** Reads a board through a plain y-websocket client, as another program would. */
async function boardDoc(board: CreatedBoard) {
  const client = connectClient(server.wsUrl, board.id, board.tokens.viewer);
  await client.synced;
  return client;
}

describe('the mapping board in the browser', () => {
  it('asks for a name and role once, then remembers them on this device', async () => {
    const board = await newBoard();
    const page = await openPage(browser, board.links.participant);
    await page.getByRole('heading', { name: 'Vem är du?' }).waitFor();
    await joinAs(page, 'Mormor Ingrid', 'Nätverk');
    await untilConnected(page);
    await page.getByRole('region', { name: 'Här nu' }).getByText('Mormor Ingrid').waitFor();

    await page.reload();
    await untilConnected(page);
    expect(await page.getByRole('heading', { name: 'Vem är du?' }).count()).toBe(0);

    const reader = await boardDoc(board);
    const id = await participantIdOf(page, board.id);
    const participant = reader.doc.getMap('participants').get(id) as { toJSON(): unknown };
    expect(participant.toJSON()).toMatchObject({ name: 'Mormor Ingrid', role: 'network' });
    reader.destroy();
    expect(pageErrors).toEqual([]);
  });

  it('lets a person correct a typo in their name, everywhere their name shows', async () => {
    const board = await newBoard();
    const anna = await joined(board.links.facilitator, 'Anna');
    const ingrid = await joined(board.links.participant, 'Ingird', { view: 'Lista' });
    const id = await participantIdOf(ingrid, board.id);
    const slider = list(ingrid).getByRole('slider', { name: /Din position: Grad av trygghet/ });
    await slider.focus();
    await ingrid.keyboard.press('ArrowRight');
    const people = anna.getByRole('region', { name: 'Här nu' });
    await people.getByText('Ingird').waitFor();

    await ingrid.getByRole('button', { name: 'Ändra ditt namn eller din roll' }).click();
    const name = ingrid.getByRole('textbox', { name: 'Ditt namn' });
    expect(await name.inputValue()).toBe('Ingird');
    // The form opens over the board: the board stays where it was underneath.
    await ingrid.getByRole('dialog', { name: 'Ändra ditt namn eller din roll' }).waitFor();
    expect(await list(ingrid).count()).toBe(1);
    await name.fill('Ingrid');
    await ingrid.getByRole('radio', { name: 'Nätverk', exact: true }).check();
    await ingrid.getByRole('button', { name: 'Spara' }).click();

    await people.getByText('Ingrid', { exact: true }).waitFor();
    expect(await people.getByText('Ingird').count()).toBe(0);
    // The same person, so the same marker: now under the corrected name.
    expect(await participantIdOf(ingrid, board.id)).toBe(id);
    const reader = await boardDoc(board);
    await untilDoc(reader.doc, () => listScales(reader.doc)[0]?.ratings[0]?.name === 'Ingrid');
    expect(listScales(reader.doc)[0]?.ratings[0]).toMatchObject({
      participant: id,
      role: 'network',
    });
    reader.destroy();
    expect(pageErrors).toEqual([]);
  });

  it('shows a card written in one browser in the other, on the map and in the list', async () => {
    const board = await newBoard();
    const anna = await joined(board.links.facilitator, 'Anna');
    const erik = await joined(board.links.participant, 'Erik', { view: 'Lista' });

    const text = 'Mamma hämtar på förskolan varje dag';
    await addCardFromList(erik, 'Styrkor', text);

    // Anna looks at the map; her list view (for screen readers) has the card too.
    await list(anna).getByText(text, { exact: true }).waitFor({ state: 'attached' });
    const reader = await boardDoc(board);
    await untilDoc(reader.doc, () => listAllCards(reader.doc).length === 1);
    const [card] = listAllCards(reader.doc);
    expect(card).toMatchObject({ section: 'strengths', text });
    // And on Anna's canvas, where the room sees it.
    await untilNode(anna, `card-${card?.id}`);
    reader.destroy();
    expect(pageErrors).toEqual([]);
  });

  it('merges two people typing in the same card at the same time', async () => {
    const board = await newBoard();
    const anna = await joined(board.links.facilitator, 'Anna', { view: 'Lista' });
    const erik = await joined(board.links.participant, 'Erik', { view: 'Lista' });
    await addCardFromList(anna, 'Nästa steg', 'Plan:');
    await list(erik).getByText('Plan:', { exact: true }).waitFor();

    const editAnna = list(anna).getByRole('button', { name: /^Redigera kort/ });
    const editErik = list(erik).getByRole('button', { name: /^Redigera kort/ });
    await editAnna.click();
    await editErik.click();
    const fieldAnna = list(anna).getByRole('textbox', { name: /Redigera kort|Kortets text/ });
    const fieldErik = list(erik).getByRole('textbox', { name: /Redigera kort|Kortets text/ });
    await fieldAnna.press('End');
    await fieldErik.press('Home');
    await Promise.all([
      fieldAnna.pressSequentially(' mormor ringer', { delay: 15 }),
      fieldErik.pressSequentially('Ny ', { delay: 15 }),
    ]);

    const expected = 'Ny Plan: mormor ringer';
    const reader = await boardDoc(board);
    await untilDoc(reader.doc, () => listAllCards(reader.doc)[0]?.text === expected);
    await expect.poll(() => fieldAnna.inputValue()).toBe(expected);
    await expect.poll(() => fieldErik.inputValue()).toBe(expected);
    reader.destroy();
    expect(pageErrors).toEqual([]);
  });

  it('moves a marker dragged in one browser in the other, live', async () => {
    const board = await newBoard();
    const anna = await joined(board.links.facilitator, 'Anna');
    const erik = await joined(board.links.participant, 'Erik');
    const erikId = await participantIdOf(erik, board.id);

    // Place the marker by tapping the track and confirming "Placera här?", then drag it right.
    const track = await untilNode(erik, 'scale-safety');
    await erik.mouse.click(track.x + track.width * 0.3, centre(track).y);
    // The first tap only shows Erik a ghost: nobody else sees a marker yet.
    await untilNode(erik, 'place-confirm-safety');
    expect(await hasNode(anna, `marker-safety-${erikId}`)).toBe(false);
    const confirm = centre(await untilNode(erik, 'place-confirm-safety'));
    await erik.mouse.click(confirm.x, confirm.y);
    const start = await markerCentre(erik, `marker-safety-${erikId}`);
    const before = await untilNode(anna, `marker-safety-${erikId}`);

    await erik.mouse.move(start.x, start.y);
    await erik.mouse.down();
    await erik.mouse.move(start.x + track.width * 0.4, start.y, { steps: 20 });
    // Anna sees it move before Erik lets go: the drag is live, not only on drop.
    await expect
      .poll(async () => (await untilNode(anna, `marker-safety-${erikId}`)).x)
      .toBeGreaterThan(before.x + track.width * 0.2);
    await erik.mouse.up();

    const reader = await boardDoc(board);
    await untilDoc(reader.doc, () => {
      const rating = listScales(reader.doc)[0]?.ratings[0];
      return rating !== undefined && rating.value >= 6;
    });
    const [rating] = listScales(reader.doc)[0]?.ratings ?? [];
    expect(rating?.name).toBe('Erik');
    expect(Number.isInteger((rating?.value ?? 0.25) * 2)).toBe(true);
    reader.destroy();
    expect(pageErrors).toEqual([]);
  });

  it('can be used by keyboard alone: list view add and the scale slider', async () => {
    const board = await newBoard();
    // Anna stays on the map: the list view shows itself as soon as keyboard focus enters it.
    const anna = await joined(board.links.facilitator, 'Anna');
    const erik = await joined(board.links.participant, 'Erik', { view: 'Lista' });

    await list(anna).getByRole('button', { name: 'Lägg till kort i Tidigare skada' }).focus();
    await anna.keyboard.press('Enter');
    await anna.keyboard.type('Pappa blev arg i maj');
    await anna.keyboard.press('Enter');
    await list(erik).getByText('Pappa blev arg i maj', { exact: true }).waitFor();

    const slider = list(erik).getByRole('slider', { name: /Din position: Grad av trygghet/ });
    await slider.focus();
    await erik.keyboard.press('ArrowRight'); // places it at 5, then one step: 5.5
    await erik.keyboard.press('ArrowRight');
    await erik.keyboard.press('ArrowLeft');
    await erik.keyboard.press('ArrowRight');
    await erik.keyboard.press('ArrowRight');
    await expect.poll(() => slider.getAttribute('aria-valuenow')).toBe('6.5');
    await list(anna)
      .getByText(/Erik: 6,5|Erik: 6\.5/)
      .waitFor();
    expect(pageErrors).toEqual([]);
  });

  it("shows the whole board title in a participant's header on a wide screen", async () => {
    const board = await newBoard('Familjen Andersson — nätverksmöte, uppföljning 2');
    const page = await joined(board.links.participant, 'Bo', { viewport: PROJECTOR });
    const title = page.getByRole('heading', { level: 1 });
    expect(await title.textContent()).toBe('Familjen Andersson — nätverksmöte, uppföljning 2');
    // Not cut off with an ellipsis: the header's tools wrap below it instead.
    const cut = await title.evaluate((h1) => h1.scrollWidth > h1.clientWidth);
    expect(cut).toBe(false);
    expect(pageErrors).toEqual([]);
  });

  it('gives the projector the whole map with no editing controls', async () => {
    const board = await newBoard();
    const writer = connectClient(server.wsUrl, board.id, board.tokens.participant);
    await writer.synced;
    const { addCard } = await import('../../shared/cards');
    const id = addCard(writer.doc, {
      section: 'next-steps',
      text: 'Mormor ringer på fredag.',
      author: 'w',
    });

    const projector = await openPage(browser, board.links.viewer);
    await untilNode(projector, `card-${id}`);
    expect(await projector.getByRole('heading', { name: 'Vem är du?' }).count()).toBe(0);
    expect(await projector.getByRole('textbox').count()).toBe(0);
    expect(await projector.getByRole('slider').count()).toBe(0);
    expect(await projector.getByRole('button', { name: /Lägg till|Ångra|Ta bort/ }).count()).toBe(
      0,
    );
    // The whole board is on screen: the last section's card is inside the viewport.
    const card = await untilNode(projector, `card-${id}`);
    expect(card.x + card.width).toBeLessThanOrEqual(1920);
    expect(card.y + card.height).toBeLessThanOrEqual(1080);
    writer.destroy();
    expect(pageErrors).toEqual([]);
  });

  it('works on a phone: readable map, add a card, move a marker by touch', async () => {
    const board = await newBoard();
    const phone = await joined(board.links.participant, 'Sara', { viewport: PHONE, touch: true });
    // Nothing may force sideways scrolling on a phone.
    const pageWidth = await phone.evaluate(() => document.documentElement.scrollWidth);
    expect(pageWidth).toBeLessThanOrEqual(PHONE.width);

    await phone.getByRole('button', { name: 'Lista' }).tap();
    await addCardFromList(phone, 'Styrkor', 'Sara lagar mat');
    await phone.getByRole('button', { name: 'Karta' }).tap();

    // The map fits the phone's width: the sections read at full width, one column at a time.
    const section = await untilNode(phone, 'section-past-harm');
    expect(section.width).toBeGreaterThan(PHONE.width * 0.8);
    expect(section.x + section.width).toBeLessThanOrEqual(PHONE.width);

    // The scale is below the sections: swipe up until it is on screen, as a person would.
    const saraId = await participantIdOf(phone, board.id);
    let track = await untilNode(phone, 'scale-safety');
    for (let swipes = 0; track.y + track.height > PHONE.height - 60 && swipes < 20; swipes++) {
      await touchDrag(phone, { x: 200, y: 700 }, { x: 200, y: 250 });
      track = await untilNode(phone, 'scale-safety');
    }
    expect(track.y + track.height).toBeLessThanOrEqual(PHONE.height);

    await phone.touchscreen.tap(track.x + track.width * 0.3, centre(track).y);
    const reader = await boardDoc(board);
    const ratingValue = () => listScales(reader.doc)[0]?.ratings[0]?.value;
    // The first tap shows a ghost to confirm; the tap on "Placera här?" places the marker.
    const confirm = centre(await untilNode(phone, 'place-confirm-safety'));
    expect(ratingValue()).toBeUndefined();
    await phone.touchscreen.tap(confirm.x, confirm.y);
    await untilDoc(reader.doc, () => ratingValue() !== undefined);
    const placed = ratingValue() ?? 0;

    const marker = await markerCentre(phone, `marker-safety-${saraId}`);
    await touchDrag(phone, marker, { x: marker.x + track.width * 0.4, y: marker.y });
    await untilDoc(reader.doc, () => (ratingValue() ?? 0) >= placed + 3);
    expect(listAllCards(reader.doc).map((card) => card.text)).toEqual(['Sara lagar mat']);
    reader.destroy();
    expect(pageErrors).toEqual([]);
  });
});
