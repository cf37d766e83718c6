/** @module The map in Chromium as people in a meeting use it: drag, edit in place, undo, focus, child's words, language. */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type * as Y from 'yjs';
import { UNDO_CAPTURE_MS } from '../../client/board/useUndo';
import { addCard, listAllCards } from '../../shared/cards';
import { addScale, listScales } from '../../shared/ratings';
import type { SectionId } from '../../shared/sections';
import {
  joinAs,
  launchChromium,
  openPage,
  type PageOptions,
  PHONE,
  pageErrors,
  untilConnected,
  WAIT_MS,
} from '../helpers/browser';
import {
  canvasTexts,
  centre,
  inside,
  nodeBox,
  nodeOrigin,
  type ScreenBox,
  untilNode,
} from '../helpers/canvas';
import { connectClient, untilDoc } from '../helpers/clients';
import {
  type CreatedBoard,
  createBoard,
  startTestServer,
  type TestServer,
} from '../helpers/server';

let server: TestServer;
let browser: Browser;
/** Every browser context a test opened, closed after it so that tests do not load each other. */
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  server = await startTestServer({ env: { STATIC_DIR: inject('clientDir') } });
  browser = await launchChromium();
});

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

function newBoard(title = 'Familjen Lind, möte 2'): Promise<CreatedBoard> {
  return createBoard(server.url, { title, language: 'sv' });
}

async function open(link: string, options: PageOptions = {}): Promise<Page> {
  const page = await openPage(browser, link, options);
  contexts.push(page.context());
  return page;
}

/** Opens a link and joins as `name`; resolves once connected, showing the map or the list. */
async function joined(
  link: string,
  name: string,
  options: PageOptions & { view?: 'Karta' | 'Lista' } = {},
): Promise<Page> {
  const page = await open(link, options);
  await joinAs(page, name);
  await untilConnected(page);
  if (options.view === 'Lista') await page.getByRole('button', { name: 'Lista' }).click();
  return page;
}

function list(page: Page, name = 'Tavlan som lista') {
  return page.getByRole('region', { name });
}

/** One section of the list view, found by its heading. */
function listSection(page: Page, label: string, region = 'Tavlan som lista') {
  return list(page, region)
    .locator('.list-section')
    .filter({ has: page.getByRole('heading', { name: label, exact: true }) });
}

/** A card of the list view, found by its words. */
function listCard(page: Page, text: string) {
  return list(page).getByRole('listitem').filter({ hasText: text });
}

/** Reads a board through a plain y-websocket client, as another program would. */
async function boardDoc(board: CreatedBoard) {
  const client = connectClient(server.wsUrl, board.id, board.tokens.viewer);
  await client.synced;
  return client;
}

/** Puts cards on the board through a plain y-websocket client, before anyone opens it. */
async function seedCards(
  board: CreatedBoard,
  cards: { section: SectionId; text: string }[],
): Promise<string[]> {
  const writer = connectClient(server.wsUrl, board.id, board.tokens.participant);
  await writer.synced;
  const ids = cards.map((card) => addCard(writer.doc, { ...card, author: 'seed' }));
  // Wait until the server has them: a viewer connecting afresh reads them back.
  const reader = await boardDoc(board);
  await untilBoard(
    reader.doc,
    () => listAllCards(reader.doc).length === cards.length,
    'the seeded cards',
  );
  reader.destroy();
  writer.destroy();
  return ids;
}

async function canvasBox(page: Page): Promise<ScreenBox> {
  const box = await page.getByTestId('board-canvas').boundingBox();
  if (box === null) throw new Error('the map is not on the page');
  return box;
}

/** How much of the map's area along its fuller dimension a box takes: 1 means edge to edge. */
async function fill(page: Page, nodeId: string): Promise<number> {
  const [box, area] = await Promise.all([untilNode(page, nodeId), canvasBox(page)]);
  return Math.max(box.width / area.width, box.height / area.height);
}

/** Waits for the board document to satisfy `check`, failing with `what` after the page wait. */
async function untilBoard(doc: Y.Doc, check: () => boolean, what: string): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the board never showed ${what}`)), WAIT_MS);
  });
  try {
    await Promise.race([untilDoc(doc, check), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** `expect.poll` with the page wait: a busy machine may need more than its default second. */
function eventually<T>(read: () => Promise<T> | T) {
  return expect.poll(read, { timeout: WAIT_MS });
}

describe('the map in the browser', () => {
  it('moves a card dragged into another section for everyone, showing a ghost while it is dragged', async () => {
    const board = await newBoard();
    const text = 'Mamma ringer alltid mormor när hon blir orolig';
    const [id] = await seedCards(board, [{ section: 'past-harm', text }]);
    const anna = await joined(board.links.facilitator, 'Anna');
    const erik = await joined(board.links.participant, 'Erik');
    const reader = await boardDoc(board);

    const card = await untilNode(anna, `card-${id}`);
    const strengthsOnAnna = await untilNode(anna, 'section-strengths');
    const from = centre(card);
    const to = centre(strengthsOnAnna);
    await anna.mouse.move(from.x, from.y);
    await anna.mouse.down();
    await anna.mouse.move(to.x, to.y, { steps: 20 });

    // Erik sees a ghost of the card, with Anna's name, over Strengths while Anna holds it there.
    const strengthsOnErik = await untilNode(erik, 'section-strengths');
    const pastHarmOnErik = await untilNode(erik, 'section-past-harm');
    const cardOnErik = await untilNode(erik, `card-${id}`);
    await untilNode(erik, `drag-ghost-${id}`);
    const ghostCentre = async () => {
      const origin = await nodeOrigin(erik, `drag-ghost-${id}`);
      return { x: origin.x + cardOnErik.width / 2, y: origin.y + cardOnErik.height / 2 };
    };
    await eventually(async () => inside(await ghostCentre(), strengthsOnErik)).toBe(true);
    expect(await canvasTexts(erik, `drag-ghost-${id}`)).toContain('Anna');
    // Still in the air: nothing has moved in the board yet, and the card itself is where it was.
    expect(listAllCards(reader.doc).map((c) => c.section)).toEqual(['past-harm']);
    expect(inside(centre(await untilNode(erik, `card-${id}`)), pastHarmOnErik)).toBe(true);

    await anna.mouse.up();
    await untilBoard(
      reader.doc,
      () => listAllCards(reader.doc)[0]?.section === 'strengths',
      'the card in Strengths',
    );
    expect(listAllCards(reader.doc)).toMatchObject([{ id, section: 'strengths', text }]);
    // Erik's map draws the card in Strengths, and the ghost is gone.
    await eventually(async () =>
      inside(centre(await untilNode(erik, `card-${id}`)), strengthsOnErik),
    ).toBe(true);
    await eventually(() => nodeBox(erik, `drag-ghost-${id}`)).toBeNull();
    // Erik's list view (for screen readers) has it under Strengths, no longer under Past harm.
    await listSection(erik, 'Styrkor').getByText(text).waitFor({ state: 'attached' });
    expect(await listSection(erik, 'Tidigare skada').getByText(text).count()).toBe(0);
    reader.destroy();
    expect(pageErrors).toEqual([]);
  });

  it('edits a card in place on the map while someone else types in it from the list', async () => {
    const board = await newBoard();
    const [id] = await seedCards(board, [{ section: 'next-steps', text: 'Plan:' }]);
    const anna = await joined(board.links.facilitator, 'Anna');
    const erik = await joined(board.links.participant, 'Erik', { view: 'Lista' });

    // Anna double-clicks the card: a text field opens over it, caret at the end.
    const card = centre(await untilNode(anna, `card-${id}`));
    await anna.mouse.dblclick(card.x, card.y);
    const fieldAnna = anna
      .getByTestId('board-canvas')
      .getByRole('textbox', { name: 'Kortets text' });
    await eventually(() => fieldAnna.inputValue()).toBe('Plan:');
    const fieldBox = await fieldAnna.boundingBox();
    expect(fieldBox !== null && inside(card, fieldBox)).toBe(true);
    // Erik sees that Anna is writing in it.
    await listCard(erik, 'Plan:').getByText('Skriver nu: Anna').waitFor();

    await list(erik).getByRole('button', { name: 'Redigera kort: Plan:' }).click();
    const fieldErik = list(erik).getByRole('textbox', { name: 'Redigera kort' });
    await fieldErik.press('Home');
    // Anna sees that Erik is writing in it: his name on the card on her map, and in her list.
    await eventually(() => canvasTexts(anna, `card-${id}`)).toContain('Erik');
    await listCard(anna, 'Plan:').getByText('Skriver nu: Erik').waitFor({ state: 'attached' });

    await Promise.all([
      fieldAnna.pressSequentially(' mormor ringer', { delay: 15 }),
      fieldErik.pressSequentially('Ny ', { delay: 15 }),
    ]);
    const expected = 'Ny Plan: mormor ringer';
    const reader = await boardDoc(board);
    await untilBoard(
      reader.doc,
      () => listAllCards(reader.doc)[0]?.text === expected,
      `the merged text "${expected}"`,
    );
    await eventually(() => fieldAnna.inputValue()).toBe(expected);
    await eventually(() => fieldErik.inputValue()).toBe(expected);

    // Anna is done: the field closes, her map draws the words, and Erik no longer sees her writing.
    const erikCard = listSection(erik, 'Nästa steg').getByRole('listitem');
    expect(await erikCard.getByText('Skriver nu: Anna').count()).toBe(1);
    await fieldAnna.press('Escape');
    await eventually(() => fieldAnna.count()).toBe(0);
    await eventually(async () =>
      (await canvasTexts(anna, `card-${id}`))?.map((t) => t.replaceAll('\n', '')),
    ).toContain(expected);
    await eventually(() => erikCard.getByText('Skriver nu: Anna').count()).toBe(0);
    reader.destroy();
    expect(pageErrors).toEqual([]);
  });

  it("undoes only this person's own change, by Ctrl+Z and by the Undo button", async () => {
    const board = await newBoard();
    const anna = await joined(board.links.facilitator, 'Anna', { view: 'Lista' });
    const erik = await joined(board.links.participant, 'Erik', { view: 'Lista' });
    const reader = await boardDoc(board);
    const texts = () =>
      listAllCards(reader.doc)
        .map((card) => card.text)
        .sort();

    const annas = 'Skolan ringer om frånvaro';
    const eriks = 'Morfar hämtar på fredagar';
    await addCardFromList(anna, 'Tidigare skada', annas);
    await untilBoard(reader.doc, () => texts().length === 1, 'one card');
    await addCardFromList(erik, 'Styrkor', eriks);
    await untilBoard(reader.doc, () => texts().length === 2, 'two cards');
    const annasId = listAllCards(reader.doc).find((card) => card.text === annas)?.id;
    const eriksId = listAllCards(reader.doc).find((card) => card.text === eriks)?.id;

    // Back on the map, Anna clicks an empty spot of it and presses Ctrl+Z.
    await anna.getByRole('button', { name: 'Karta' }).click();
    await untilNode(anna, `card-${eriksId}`);
    const empty = centre(await untilNode(anna, 'section-safety-goals'));
    await anna.mouse.click(empty.x, empty.y);
    expect(await anna.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'board-canvas',
    );
    await anna.keyboard.press('Control+z');
    await untilBoard(reader.doc, () => texts().length === 1, 'one card');
    expect(texts()).toEqual([eriks]);
    await eventually(() => nodeBox(anna, `card-${annasId}`)).toBeNull();
    await eventually(() => list(erik).getByText(annas).count()).toBe(0);
    expect(await list(erik).getByText(eriks).count()).toBe(1);

    await anna.keyboard.press('Control+Shift+z');
    await untilBoard(reader.doc, () => texts().length === 2, 'two cards');
    expect(texts()).toEqual([annas, eriks].sort());
    await list(erik).getByText(annas).waitFor();
    await untilNode(anna, `card-${annasId}`);

    // The same with the header's buttons.
    const undo = anna.getByRole('button', { name: 'Ångra' });
    const redo = anna.getByRole('button', { name: 'Gör om' });
    await undo.click();
    await untilBoard(reader.doc, () => texts().length === 1, 'one card');
    expect(texts()).toEqual([eriks]);
    await list(erik).getByText(annas).waitFor({ state: 'detached' });
    // Nothing more of Anna's to undo; Erik's card is not hers to take back.
    await eventually(() => undo.isDisabled()).toBe(true);
    await redo.click();
    await untilBoard(reader.doc, () => texts().length === 2, 'two cards');
    await list(erik).getByText(annas).waitFor();

    // Erik's Undo takes back his card, not Anna's.
    await erik.getByRole('button', { name: 'Ångra' }).click();
    await untilBoard(reader.doc, () => texts().length === 1, 'one card');
    expect(texts()).toEqual([annas]);
    await eventually(() => nodeBox(anna, `card-${eriksId}`)).toBeNull();
    reader.destroy();
    expect(pageErrors).toEqual([]);
  });

  it('leaves nothing to undo when a new card on the map is closed empty', async () => {
    const board = await newBoard();
    const anna = await joined(board.links.facilitator, 'Anna', { view: 'Lista' });
    const reader = await boardDoc(board);
    const texts = () => listAllCards(reader.doc).map((card) => card.text);
    const annas = 'Pappa hämtar inte i tid';
    await addCardFromList(anna, 'Tidigare skada', annas);
    await untilBoard(reader.doc, () => texts().length === 1, 'one card');

    // On the map Anna double-clicks an empty section to write a card, thinks, and changes her mind.
    await anna.getByRole('button', { name: 'Karta' }).click();
    const empty = centre(await untilNode(anna, 'section-safety-goals'));
    await anna.mouse.dblclick(empty.x, empty.y);
    const field = anna.getByTestId('board-canvas').getByRole('textbox', { name: 'Kortets text' });
    await field.waitFor();
    await untilBoard(reader.doc, () => texts().length === 2, 'the new, empty card');
    // Thinking takes longer than one undo step (typing within that time is one step).
    await new Promise((resolve) => setTimeout(resolve, UNDO_CAPTURE_MS + 200));
    await field.press('Escape');
    await untilBoard(reader.doc, () => texts().length === 1, 'the empty card gone again');

    // Her Ctrl+Z now takes back her last real change, the card she wrote; no empty card appears.
    await anna.keyboard.press('Control+z');
    await untilBoard(reader.doc, () => texts().join('\n') !== annas, 'any change after Ctrl+Z');
    expect(texts()).toEqual([]);
    // Nothing of hers is left to undo, and the header says so.
    await expect
      .poll(() => anna.getByRole('button', { name: 'Ångra', exact: true }).isDisabled())
      .toBe(true);
    // And Ctrl+Shift+Z brings back her card, not an empty one.
    await anna.keyboard.press('Control+Shift+z');
    await untilBoard(reader.doc, () => texts().length > 0, 'any card after Ctrl+Shift+Z');
    expect(texts()).toEqual([annas]);
    reader.destroy();
    expect(pageErrors).toEqual([]);
  });

  it("takes the projector and followers to the section the facilitator points at, not those who don't follow", async () => {
    const board = await newBoard();
    const anna = await joined(board.links.facilitator, 'Anna');
    const projector = await open(board.links.viewer);
    await untilConnected(projector);
    const erik = await joined(board.links.participant, 'Erik');
    const sara = await joined(board.links.participant, 'Sara');
    await sara.getByRole('checkbox', { name: 'Följ mötesledaren' }).uncheck();
    // Everyone is here on Sara's screen, so nothing more changes her header (and her map's size).
    for (const name of ['Anna', 'Erik']) {
      await sara.getByRole('region', { name: 'Här nu' }).getByText(name).waitFor();
    }

    const section = 'section-past-harm';
    // At first everyone sees the whole map: the section is a small part of it.
    expect(await fill(projector, section)).toBeLessThan(0.5);
    expect(await fill(erik, section)).toBeLessThan(0.5);
    const saraBefore = await untilNode(sara, section);
    const projectorBefore = await untilNode(projector, section);

    await anna
      .getByRole('combobox', { name: 'Visa för alla' })
      .selectOption({ label: 'Tidigare skada' });

    // The projector and Erik zoom until the section fills the map, all of it in sight.
    for (const page of [projector, erik]) {
      await eventually(() => fill(page, section)).toBeGreaterThan(0.9);
      const [box, area] = await Promise.all([untilNode(page, section), canvasBox(page)]);
      expect(inside({ x: box.x, y: box.y }, area, 1)).toBe(true);
      expect(inside({ x: box.x + box.width, y: box.y + box.height }, area, 1)).toBe(true);
    }
    // Followers are told what they are looking at, and why the view moved.
    for (const page of [projector, erik]) {
      await page
        .getByRole('status')
        .filter({ hasText: 'Mötesledaren visar: Tidigare skada' })
        .waitFor();
    }
    // Sara, who does not follow, got the same news at the same time and stays where she was.
    expect(await untilNode(sara, section)).toEqual(saraBefore);
    expect(await sara.getByText('Mötesledaren visar').count()).toBe(0);

    // Pointing at nothing sends the projector back to the whole map.
    await anna
      .getByRole('combobox', { name: 'Visa för alla' })
      .selectOption({ label: 'Ingenting (fri vy)' });
    await eventually(async () => {
      const box = await untilNode(projector, section);
      return Math.abs(box.width - projectorBefore.width) + Math.abs(box.x - projectorBefore.x);
    }).toBeLessThan(1);
    expect(pageErrors).toEqual([]);
  });

  it("offers Undo right after a card is deleted, bringing the family's words back for everyone", async () => {
    const board = await newBoard();
    const text = 'Mormor hämtar på fredagar';
    const [id] = await seedCards(board, [{ section: 'strengths', text }]);
    const anna = await joined(board.links.facilitator, 'Anna');
    const erik = await joined(board.links.participant, 'Erik', { view: 'Lista' });
    const reader = await boardDoc(board);
    const texts = () => listAllCards(reader.doc).map((card) => card.text);

    const card = centre(await untilNode(anna, `card-${id}`));
    await anna.mouse.click(card.x, card.y);
    await anna
      .getByRole('toolbar', { name: 'Kortet' })
      .getByRole('button', { name: 'Ta bort' })
      .click();
    await untilBoard(reader.doc, () => texts().length === 0, 'the card deleted');
    await listSection(erik, 'Styrkor').getByText(text).waitFor({ state: 'detached' });

    const notice = anna.getByRole('status').filter({ hasText: 'Kortet togs bort.' });
    await notice.getByRole('button', { name: 'Ångra borttagningen' }).click();
    await untilBoard(reader.doc, () => texts().length === 1, 'the card back');
    expect(texts()).toEqual([text]);
    await listSection(erik, 'Styrkor').getByText(text, { exact: true }).waitFor();
    await notice.waitFor({ state: 'detached' });
    reader.destroy();
    expect(pageErrors).toEqual([]);
  });

  it("marks a card as the child's own words on the map, and the other browser shows it so", async () => {
    const board = await newBoard();
    const text = 'Jag blir rädd när de skriker';
    const [id] = await seedCards(board, [{ section: 'past-harm', text }]);
    const anna = await joined(board.links.facilitator, 'Anna');
    const erik = await joined(board.links.participant, 'Erik', { view: 'Lista' });
    const reader = await boardDoc(board);
    const voice = () => listAllCards(reader.doc)[0]?.voice;

    // Anna clicks the card on the map; its toolbar offers "The child's own words".
    const card = centre(await untilNode(anna, `card-${id}`));
    await anna.mouse.click(card.x, card.y);
    const toggle = anna
      .getByRole('toolbar', { name: 'Kortet' })
      .getByRole('button', { name: 'Barnets egna ord' });
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    expect(await canvasTexts(anna, `card-${id}`)).not.toContain('Barnets egna ord');
    await toggle.click();

    await untilBoard(reader.doc, () => voice() === 'child', "the card as the child's words");
    await eventually(() => toggle.getAttribute('aria-pressed')).toBe('true');
    // Anna's map draws it as the child's words (a speech bubble with that label).
    await eventually(() => canvasTexts(anna, `card-${id}`)).toContain('Barnets egna ord');
    // Erik's list marks it, and its toggle is on.
    const erikToggle = listCard(erik, text).getByRole('button', {
      name: `Barnets egna ord: ${text}`,
    });
    await eventually(() => erikToggle.getAttribute('aria-pressed')).toBe('true');
    await listCard(erik, text)
      .getByRole('paragraph')
      .filter({ hasText: /^Barnets egna ord$/ })
      .waitFor();

    // Erik takes the mark off from the list: Anna's map and toolbar follow.
    await erikToggle.click();
    await untilBoard(reader.doc, () => voice() === undefined, 'the card unmarked');
    await eventually(() => toggle.getAttribute('aria-pressed')).toBe('false');
    await eventually(() => canvasTexts(anna, `card-${id}`)).not.toContain('Barnets egna ord');
    expect(listAllCards(reader.doc)[0]?.text).toBe(text);
    reader.destroy();
    expect(pageErrors).toEqual([]);
  });

  it("switches this person's screen to English, keeping the family's words as written", async () => {
    const board = await newBoard();
    const text = 'Pappa dricker på helgerna';
    await seedCards(board, [{ section: 'past-harm', text }]);
    const anna = await joined(board.links.facilitator, 'Anna', { view: 'Lista' });
    const erik = await joined(board.links.participant, 'Erik', { view: 'Lista' });

    await anna.getByRole('combobox', { name: 'Språk' }).selectOption({ label: 'English' });

    const english = list(anna, 'Board as list');
    await english.waitFor();
    await english.getByRole('heading', { name: 'Past harm', exact: true }).waitFor();
    await english.getByRole('button', { name: 'Add card to Past harm' }).waitFor();
    expect(await list(anna).count()).toBe(0);
    expect(await english.getByRole('heading', { name: 'Tidigare skada' }).count()).toBe(0);
    await listSection(anna, 'Past harm', 'Board as list')
      .getByText(text, { exact: true })
      .waitFor();
    // The scale too: the question the family answers must be readable.
    await english.getByRole('slider', { name: 'Your position: How safe is the child?' }).waitFor();
    // The map too.
    await anna.getByRole('button', { name: 'Map' }).click();
    await eventually(() => canvasTexts(anna)).toContain('Past harm');
    expect(await canvasTexts(anna)).not.toContain('Tidigare skada');
    expect(await canvasTexts(anna)).toContain('How safe is the child?');
    expect(await canvasTexts(anna)).not.toContain('Grad av trygghet för barnet');

    // Only Anna's screen changed: Erik reads Swedish, and the board itself is still Swedish.
    await listSection(erik, 'Tidigare skada').getByText(text, { exact: true }).waitFor();
    expect(await list(erik, 'Board as list').count()).toBe(0);
    const reader = await boardDoc(board);
    expect(reader.doc.getMap('meta').get('language')).toBe('sv');
    expect(listAllCards(reader.doc).map((card) => card.text)).toEqual([text]);
    reader.destroy();

    // Anna's choice stays on her device.
    await anna.reload();
    await untilConnected(anna, 'Connected');
    await eventually(() => canvasTexts(anna)).toContain('Past harm');
    expect(pageErrors).toEqual([]);
  });
});

describe('the map as the meeting walk-through found it', () => {
  it('shows the guided sentence under a new danger statement, and closes the toolbar after Escape', async () => {
    const board = await newBoard();
    const anna = await joined(board.links.facilitator, 'Anna');
    const map = anna.getByTestId('board-canvas');

    // Anna double-clicks the empty Danger statements section: a card opens, the starter under it.
    const empty = centre(await untilNode(anna, 'section-danger-statements'));
    await anna.mouse.dblclick(empty.x, empty.y);
    const field = map.getByRole('textbox', { name: 'Kortets text' });
    const starter = map.getByTestId('card-starter');
    await starter.waitFor();
    expect(await starter.textContent()).toContain('Om inget förändras är vi oroliga för att');
    const [fieldBox, starterBox] = await Promise.all([boxOf(field), boxOf(starter)]);
    expect(starterBox.y).toBeGreaterThanOrEqual(fieldBox.y + fieldBox.height);
    expect(Math.abs(starterBox.x - fieldBox.x)).toBeLessThan(2);
    // Read with the field by a screen reader.
    const describedBy = await field.getAttribute('aria-describedby');
    expect(describedBy).not.toBeNull();
    expect(await starter.getAttribute('id')).toBe(describedBy);

    // She writes, and presses Escape: the card stays, with no toolbar over its neighbours.
    await field.pressSequentially('Om inget förändras är vi oroliga', { delay: 5 });
    await field.press('Escape');
    await eventually(() => field.count()).toBe(0);
    expect(await starter.count()).toBe(0);
    expect(await anna.getByRole('toolbar', { name: 'Kortet' }).count()).toBe(0);

    // Strengths have no starter.
    const strengths = centre(await untilNode(anna, 'section-strengths'));
    await anna.mouse.dblclick(strengths.x, strengths.y);
    await field.waitFor();
    expect(await starter.count()).toBe(0);
    await field.press('Escape');
    expect(pageErrors).toEqual([]);
  });

  it("opens a card's toolbar over no other section's header, and never over the card", async () => {
    const board = await newBoard();
    const cards = [
      { section: 'past-harm', text: 'Polisen kom i maj' },
      { section: 'past-harm', text: 'Skolan ringde' },
      { section: 'strengths', text: 'Mormor hämtar' },
    ] as const;
    const ids = await seedCards(board, [...cards]);
    const anna = await joined(board.links.facilitator, 'Anna');
    const toolbar = anna.getByRole('toolbar', { name: 'Kortet' });
    const sections = ['past-harm', 'complicating-factors', 'strengths', 'existing-safety'] as const;
    const bands = await Promise.all(sections.map((section) => headerBand(anna, section)));
    for (const [index, id] of ids.entries()) {
      const card = await untilNode(anna, `card-${id}`);
      await anna.mouse.click(centre(card).x, centre(card).y);
      await toolbar.waitFor();
      const box = await boxOf(toolbar);
      for (const [at, band] of bands.entries()) {
        // Its own section's header only when there is no room above, below or beside the card.
        if (sections[at] !== cards[index]?.section) expect(overlapping(box, band)).toBe(false);
      }
      // Never over the card itself, where a double click's second click would land.
      expect(overlapping(box, card)).toBe(false);
      await anna.keyboard.press('Escape');
      await toolbar.waitFor({ state: 'detached' });
    }
    expect(pageErrors).toEqual([]);
  });

  it('keeps the map still under someone typing a long card, and fits it once they are done', async () => {
    const board = await newBoard();
    const many = Array.from({ length: 9 }, (_, index) => ({
      section: 'past-harm' as const,
      text: `Händelse ${index + 1}: något som hände hemma en kväll`,
    }));
    const [id] = await seedCards(board, many);
    const anna = await joined(board.links.facilitator, 'Anna');
    const before = await untilNode(anna, 'section-past-harm');
    const card = centre(await untilNode(anna, `card-${id}`));
    await anna.mouse.dblclick(card.x, card.y);
    const field = anna.getByTestId('board-canvas').getByRole('textbox', { name: 'Kortets text' });
    await field.waitFor();
    for (let line = 0; line < 8; line++) {
      await field.press('End');
      await field.press('Enter');
      await field.pressSequentially('en rad till', { delay: 2 });
      const now = await untilNode(anna, 'section-past-harm');
      expect(now.x).toBeCloseTo(before.x, 0);
      expect(now.y).toBeCloseTo(before.y, 0);
      expect(now.width).toBeCloseTo(before.width, 0);
    }
    await field.press('Escape');
    // The board grew past the screen while she typed: now it fits again, all of it in sight.
    await eventually(async () => (await untilNode(anna, 'section-past-harm')).width).toBeLessThan(
      before.width - 1,
    );
    const [content, area] = await Promise.all([contentBox(anna), canvasBox(anna)]);
    expect(content.y + content.height).toBeLessThanOrEqual(area.y + area.height + 1);
    expect(pageErrors).toEqual([]);
  });

  it('types in a field that wraps its lines exactly where the map draws them', async () => {
    const board = await newBoard();
    const text =
      'Mamma och pappa bråkar ofta sent på kvällen när barnen ska sova, och grannarna har ringt polisen två gånger i våras.';
    const [id] = await seedCards(board, [{ section: 'next-steps', text }]);
    const anna = await joined(board.links.facilitator, 'Anna');
    await untilNode(anna, `card-${id}`);
    const drawn = await anna.evaluate((cardId) => {
      const container = document.querySelector('[data-testid="board-canvas"]') as HTMLElement & {
        __stage: {
          findOne(selector: string): { find(selector: string): { width(): number }[] };
        };
      };
      const texts = container.__stage.findOne(`#card-${cardId}`).find('Text');
      return texts[texts.length - 1]?.width() ?? 0;
    }, id);
    const lines = (await canvasTexts(anna, `card-${id}`))?.at(-1)?.split('\n').length ?? 0;
    expect(lines).toBeGreaterThan(2);

    const card = centre(await untilNode(anna, `card-${id}`));
    await anna.mouse.dblclick(card.x, card.y);
    const field = anna.getByTestId('board-canvas').getByRole('textbox', { name: 'Kortets text' });
    await eventually(() => field.inputValue()).toBe(text);
    const typed = await field.evaluate((element) => {
      const style = getComputedStyle(element);
      const px = (value: string) => Number.parseFloat(value);
      return {
        textWidth: element.clientWidth - px(style.paddingLeft) - px(style.paddingRight),
        border: px(style.borderLeftWidth) + px(style.borderRightWidth),
        lineHeight: px(style.lineHeight),
        paddingTop: px(style.paddingTop),
        scrollHeight: element.scrollHeight,
        clientHeight: element.clientHeight,
        letterSpacing: style.letterSpacing,
      };
    });
    // The same text width as the canvas's text box (board px, before the view's zoom)...
    expect(typed.border).toBe(0);
    expect(typed.textWidth).toBeCloseTo(drawn, 0);
    expect(['normal', '0px']).toContain(typed.letterSpacing);
    // ...so the field needs exactly the lines the canvas drew: no more (it would scroll), no fewer.
    expect(typed.scrollHeight).toBeLessThanOrEqual(typed.clientHeight);
    const used = await field.evaluate((element) => {
      // Shrink to one line to read the height its text needs.
      const saved = element.style.height;
      element.style.height = '0px';
      const height = element.scrollHeight;
      element.style.height = saved;
      return height;
    });
    expect(Math.round((used - typed.paddingTop) / typed.lineHeight)).toBe(lines);
    await field.press('Escape');
    expect(pageErrors).toEqual([]);
  });

  it('keeps the map buttons clear of the fitted map, on a laptop and on a phone', async () => {
    const board = await newBoard();
    await seedCards(board, [{ section: 'next-steps', text: 'Mormor ringer på fredag' }]);
    for (const options of [{}, { viewport: PHONE, touch: true }]) {
      const page = await joined(board.links.participant, 'Erik', options);
      await untilNode(page, 'scale-safety');
      const controls = page.getByRole('toolbar', { name: 'Kartans vy' });
      for (const name of ['Visa hela kartan', 'Zooma in', 'Zooma ut']) {
        await controls.getByRole('button', { name }).waitFor();
      }
      const [buttons, content] = await Promise.all([boxOf(controls), contentBox(page)]);
      expect(overlapping(buttons, content)).toBe(false);
    }
    expect(pageErrors).toEqual([]);
  });

  it('reads the board in one column at 200 % browser zoom, not shrunk, and not blown up', async () => {
    const board = await newBoard();
    const [id] = await seedCards(board, [{ section: 'past-harm', text: 'Polisen kom i maj' }]);
    const anna = await joined(board.links.facilitator, 'Anna', {
      viewport: { width: 960, height: 540 },
    });
    await untilNode(anna, `card-${id}`);
    expect(await anna.getByTestId('board-canvas').getAttribute('data-mode')).toBe('narrow');
    // Card text (17 board px in one column) between readable and reasonable.
    const text = 17 * (await stageScale(anna));
    expect(text).toBeGreaterThanOrEqual(14);
    expect(text).toBeLessThanOrEqual(24);
    // The column sits in the middle of the map.
    const [section, area] = await Promise.all([
      untilNode(anna, 'section-past-harm'),
      canvasBox(anna),
    ]);
    expect(Math.abs(centre(section).x - centre(area).x)).toBeLessThan(12);
    expect(pageErrors).toEqual([]);
  });

  it('keeps the projected map large with three scales: two to a row', async () => {
    const board = await newBoard();
    const writer = connectClient(server.wsUrl, board.id, board.tokens.facilitator);
    await writer.synced;
    addScale(writer.doc, 'willingness');
    addScale(writer.doc, 'capacity');
    const reader = await boardDoc(board);
    await untilBoard(reader.doc, () => listScales(reader.doc).length === 3, 'three scales');
    reader.destroy();
    writer.destroy();
    const projector = await open(board.links.viewer);
    const willingness = await untilNode(projector, 'scale-willingness');
    const safety = await untilNode(projector, 'scale-safety');
    expect(Math.abs(willingness.y - safety.y)).toBeLessThan(2);
    const [left, right, area] = await Promise.all([
      untilNode(projector, 'section-past-harm'),
      untilNode(projector, 'section-next-steps'),
      canvasBox(projector),
    ]);
    expect((right.x + right.width - left.x) / area.width).toBeGreaterThan(0.8);
    expect(pageErrors).toEqual([]);
  });
});

describe('the map on a phone', () => {
  it('selects a card on a double tap, and opens it only from the toolbar', async () => {
    const board = await newBoard();
    const [first, second] = await seedCards(board, [
      { section: 'past-harm', text: 'Anna skrev det här' },
      { section: 'complicating-factors', text: 'Mormor skrev det här' },
    ]);
    const phone = await joined(board.links.participant, 'Mormor', { viewport: PHONE, touch: true });
    const field = phone.getByTestId('board-canvas').getByRole('textbox', { name: 'Kortets text' });
    const a = centre(await untilNode(phone, `card-${first}`));
    const b = centre(await untilNode(phone, `card-${second}`));
    // Two quick taps on two cards, then two on the same card: nothing opens for writing.
    await phone.touchscreen.tap(a.x, a.y);
    await phone.touchscreen.tap(b.x, b.y);
    await phone.touchscreen.tap(b.x, b.y);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await field.count()).toBe(0);
    const toolbar = phone.getByRole('toolbar', { name: 'Kortet' });
    await toolbar.getByRole('button', { name: 'Redigera' }).tap();
    await eventually(() => field.inputValue()).toBe('Mormor skrev det här');
    expect(pageErrors).toEqual([]);
  });

  it('pans the map while a held card is at the edge, so it can go to a section out of sight', async () => {
    const board = await newBoard();
    const [id] = await seedCards(board, [{ section: 'past-harm', text: 'Flytta mig' }]);
    const phone = await joined(board.links.participant, 'Sara', { viewport: PHONE, touch: true });
    const reader = await boardDoc(board);
    const card = centre(await untilNode(phone, `card-${id}`));
    const area = await canvasBox(phone);
    const nextSteps = await untilNode(phone, 'section-next-steps');
    expect(nextSteps.y).toBeGreaterThan(area.y + area.height);

    const edge = { x: card.x, y: area.y + area.height - 6 };
    await touchHoldDrag(phone, card, edge, async (moveTo) => {
      // Held at the bottom edge, the map moves until Next steps is in sight.
      await eventually(async () => {
        const box = await untilNode(phone, 'section-next-steps');
        return box.y + box.height < area.y + area.height - 40;
      }).toBe(true);
      // Moved up off the edge, over the section: the map stops and the card goes there.
      const box = await untilNode(phone, 'section-next-steps');
      await moveTo(centre(box));
    });
    await untilBoard(
      reader.doc,
      () => listAllCards(reader.doc)[0]?.section === 'next-steps',
      'the card in Next steps',
    );
    reader.destroy();
    expect(pageErrors).toEqual([]);
  });
});

/** True when two boxes share some area. */
function overlapping(a: ScreenBox, b: ScreenBox): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

async function boxOf(locator: ReturnType<Page['locator']>): Promise<ScreenBox> {
  const box = await locator.boundingBox();
  if (box === null) throw new Error('not on the page');
  return box;
}

/** The map's zoom (screen px per board px). */
function stageScale(page: Page): Promise<number> {
  return page.evaluate(() => {
    const container = document.querySelector('[data-testid="board-canvas"]') as HTMLElement & {
      __stage: { scaleX(): number };
    };
    return container.__stage.scaleX();
  });
}

/** Everything drawn on the map (sections, cards, scales), as one box on the page. */
function contentBox(page: Page): Promise<ScreenBox> {
  return page.evaluate(() => {
    const container = document.querySelector('[data-testid="board-canvas"]') as HTMLElement & {
      __stage: {
        getLayers(): { getClientRect(): ScreenBox }[];
        container(): HTMLElement;
      };
    };
    const boxes = container.__stage
      .getLayers()
      .slice(0, 3)
      .map((layer) => layer.getClientRect());
    const origin = container.__stage.container().getBoundingClientRect();
    const left = Math.min(...boxes.map((box) => box.x));
    const top = Math.min(...boxes.map((box) => box.y));
    const right = Math.max(...boxes.map((box) => box.x + box.width));
    const bottom = Math.max(...boxes.map((box) => box.y + box.height));
    return {
      x: origin.left + left,
      y: origin.top + top,
      width: right - left,
      height: bottom - top,
    };
  });
}

/** The header band above a section's body (wide layout: 48 board px), where its "+" is. */
async function headerBand(page: Page, section: SectionId): Promise<ScreenBox> {
  const [body, scale] = await Promise.all([
    untilNode(page, `section-${section}`),
    stageScale(page),
  ]);
  return { x: body.x, y: body.y - 48 * scale, width: body.width, height: 48 * scale };
}

/** A finger held on `from` until the card lifts, moved to `to`, then `whileHeld`, then lifted. */
async function touchHoldDrag(
  page: Page,
  from: { x: number; y: number },
  to: { x: number; y: number },
  whileHeld: (moveTo: (point: { x: number; y: number }) => Promise<void>) => Promise<void>,
): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const touch = (x: number, y: number) => [{ x, y, id: 1, radiusX: 4, radiusY: 4, force: 1 }];
  await cdp.send('Input.dispatchTouchEvent', {
    type: 'touchStart',
    touchPoints: touch(from.x, from.y),
  });
  await new Promise((resolve) => setTimeout(resolve, 600));
  for (let i = 1; i <= 10; i++) {
    const x = from.x + ((to.x - from.x) * i) / 10;
    const y = from.y + ((to.y - from.y) * i) / 10;
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: touch(x, y) });
  }
  await whileHeld(async (point) => {
    await cdp.send('Input.dispatchTouchEvent', {
      type: 'touchMove',
      touchPoints: touch(point.x, point.y),
    });
  });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

async function addCardFromList(page: Page, sectionLabel: string, text: string): Promise<void> {
  await list(page)
    .getByRole('button', { name: `Lägg till kort i ${sectionLabel}` })
    .click();
  const field = list(page).getByRole('textbox', { name: `Nytt kort i ${sectionLabel}` });
  await field.fill(text);
  await field.press('Enter');
}
