/** @module The facilitator's Links panel in Chromium: QR code, replacing links, deleting the board, the create key. */
import jsQR from 'jsqr';
import type { Browser, Locator, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { LinkRole } from '../../shared/roles';
import { joinAs, launchChromium, openPage, pageErrors, untilConnected } from '../helpers/browser';
import { startTestServer, type TestServer } from '../helpers/server';

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

const NOT_VALID = 'Länken är inte giltig (längre). Be den som leder mötet om en ny länk.';
const DELETED = 'Tavlan är raderad.';

type Links = Record<LinkRole, string>;

/** The start page creates the board, so this device knows all three links, as in real use. */
async function createFromHome(
  title: string,
  url = server.url,
): Promise<{ page: Page; id: string; links: Links }> {
  const page = await openPage(browser, `${url}/`);
  await page.getByLabel('Tavlans namn').fill(title);
  await page.getByRole('button', { name: 'Skapa tavla' }).click();
  return { page, ...(await createdLinks(page)) };
}

async function createdLinks(page: Page): Promise<{ id: string; links: Links }> {
  await page.getByRole('heading', { name: 'Länkar till mötet' }).waitFor();
  const link = (name: string) => page.getByRole('textbox', { name, exact: true }).inputValue();
  const links = {
    facilitator: await link('Mötesledare'),
    participant: await link('Deltagare'),
    viewer: await link('Visning'),
  };
  const id = new URL(links.facilitator).pathname.split('/')[2] ?? '';
  return { id, links };
}

/** Creates a board at home and opens it there as facilitator, joined and connected. */
async function facilitator(title: string) {
  const created = await createFromHome(title);
  await created.page.getByRole('link', { name: 'Öppna som mötesledare' }).click();
  await joinAs(created.page, 'Anna', 'Socialsekreterare');
  await untilConnected(created.page);
  return created;
}

async function joined(link: string, name: string): Promise<Page> {
  const page = await openPage(browser, link);
  await joinAs(page, name);
  await untilConnected(page);
  return page;
}

async function openLinksPanel(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'Länkar', exact: true }).click();
  const panel = page.getByRole('dialog', { name: 'Länkar till tavlan' });
  await panel.waitFor();
  return panel;
}

function linkField(panel: Locator, role: string): Locator {
  return panel.getByRole('textbox', { name: role, exact: true });
}

/** Decodes the QR code as the screen shows it: a screenshot's pixels, read by jsQR. */
async function qrText(code: Locator): Promise<string | undefined> {
  const png = PNG.sync.read(await code.screenshot());
  const pixels = new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length);
  return jsQR(pixels, png.width, png.height)?.data;
}

function infoStatus(id: string, token: string): Promise<number> {
  return fetch(`${server.url}/api/boards/${id}`, {
    headers: { authorization: `Bearer ${token}` },
  }).then((response) => response.status);
}

function tokenOf(link: string): string {
  return new URL(link).hash.replace('#k=', '');
}

describe('the Links panel', () => {
  it('shows the three links and a QR code that holds exactly the participant link', async () => {
    const { page, links } = await facilitator('Familjen Berg, möte 1');
    const panel = await openLinksPanel(page);
    expect(await linkField(panel, 'Deltagare').inputValue()).toBe(links.participant);
    expect(await linkField(panel, 'Visning').inputValue()).toBe(links.viewer);
    // The facilitator's own link shows only when asked for: this screen may be on the projector.
    expect(await linkField(panel, 'Mötesledare').getAttribute('type')).toBe('password');
    await panel.getByRole('button', { name: 'Visa: Mötesledare' }).click();
    expect(await linkField(panel, 'Mötesledare').getAttribute('type')).toBe('text');
    expect(await linkField(panel, 'Mötesledare').inputValue()).toBe(links.facilitator);

    const code = panel.getByRole('img', { name: 'QR-kod med deltagarlänken' });
    expect(await qrText(code)).toBe(links.participant);

    // For the projector: the same code, filling the screen, closed by Escape.
    await panel.getByRole('button', { name: 'Visa stort' }).click();
    const large = page.getByRole('dialog', { name: 'Skanna för att gå med' });
    await large.waitFor();
    const largeCode = large.getByRole('img', { name: 'QR-kod med deltagarlänken' });
    const box = await largeCode.boundingBox();
    expect(box?.height).toBeGreaterThan(700);
    expect(await qrText(largeCode)).toBe(links.participant);
    await page.keyboard.press('Escape');
    await large.waitFor({ state: 'detached' });
    expect(await panel.isVisible()).toBe(true);

    // Escape closes the panel too, and the keyboard is back where it was.
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    const focused = await page.evaluate(() => document.activeElement?.textContent);
    expect(focused).toBe('Länkar');
    expect(pageErrors).toEqual([]);
  });

  it('replaces the participant link: the old one is refused at once, the new one opens the board', async () => {
    const { page, id, links } = await facilitator('Familjen Berg, möte 2');
    const erik = await joined(links.participant, 'Erik');

    const panel = await openLinksPanel(page);
    await panel.getByRole('button', { name: 'Byt länk: Deltagare' }).click();
    const confirm = page.getByRole('dialog', { name: 'Byta deltagarlänken?' });
    await confirm.waitFor();
    // Nothing is revoked by a stray Enter: Cancel has the focus.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Avbryt');
    await confirm.getByRole('button', { name: 'Byt länk' }).click();

    await erik.getByText(NOT_VALID).waitFor();
    await panel.getByRole('status').filter({ hasText: 'Den gamla fungerar inte längre' }).waitFor();
    const newLink = await linkField(panel, 'Deltagare').inputValue();
    expect(newLink).not.toBe(links.participant);
    expect(newLink).toMatch(new RegExp(`^${server.url}/b/${id}#k=.+`));
    expect(await qrText(panel.getByRole('img', { name: 'QR-kod med deltagarlänken' }))).toBe(
      newLink,
    );
    // The device remembers the new link for the next time the panel opens.
    const stored = await page.evaluate((key) => localStorage.getItem(key), `samkarta:links:${id}`);
    expect(JSON.parse(stored ?? '{}').participant).toBe(newLink);

    await erik.reload();
    await erik.getByText(NOT_VALID).waitFor();
    expect(await infoStatus(id, tokenOf(links.participant))).toBe(401);

    const again = await joined(newLink, 'Erik');
    await again.getByRole('heading', { level: 1, name: 'Familjen Berg, möte 2' }).waitFor();
    expect(pageErrors).toEqual([]);
  });

  it("replaces the facilitator's own link and keeps the facilitator on the board", async () => {
    const { page, id, links } = await facilitator('Familjen Berg, möte 3');
    const otherDevice = await joined(links.facilitator, 'Anna på surfplattan');

    const panel = await openLinksPanel(page);
    await panel.getByRole('button', { name: 'Byt länk: Mötesledare' }).click();
    const confirm = page.getByRole('dialog', { name: 'Byta din mötesledarlänk?' });
    // The server closes this page's own socket too, likely before it answers: watch that the
    // page never says "not valid" on the way, not even for a moment before it reloads.
    await page.evaluate((text) => {
      new MutationObserver(() => {
        if (document.body.textContent?.includes(text)) sessionStorage.setItem('saw-not-valid', '1');
      }).observe(document.body, { childList: true, subtree: true, characterData: true });
    }, NOT_VALID);
    await confirm.getByRole('button', { name: 'Byt länk' }).click();

    // The page goes on with the new link, and the panel opens again to show it.
    await page.waitForURL((url) => url.hash !== new URL(links.facilitator).hash);
    const reopened = page.getByRole('dialog', { name: 'Länkar till tavlan' });
    await reopened.getByRole('status').filter({ hasText: 'Den gamla fungerar inte' }).waitFor();
    await reopened.getByRole('button', { name: 'Visa: Mötesledare' }).click();
    const newLink = await linkField(reopened, 'Mötesledare').inputValue();
    expect(newLink).not.toBe(links.facilitator);
    expect(new URL(newLink).hash).toBe(new URL(page.url()).hash);
    // The participant link this device knew is still there.
    expect(await linkField(reopened, 'Deltagare').inputValue()).toBe(links.participant);
    await page.keyboard.press('Escape');
    await untilConnected(page);
    expect(await page.evaluate(() => sessionStorage.getItem('saw-not-valid'))).toBeNull();

    await otherDevice.getByText(NOT_VALID).waitFor();
    expect(await infoStatus(id, tokenOf(links.facilitator))).toBe(401);
    expect(await infoStatus(id, tokenOf(newLink))).toBe(200);
    expect(pageErrors).toEqual([]);
  });

  it('a device whose facilitator link is replaced elsewhere forgets the links it kept', async () => {
    const { page, id, links } = await facilitator('Familjen Berg, möte 5');
    const kept = () => page.evaluate((key) => localStorage.getItem(key), `samkarta:links:${id}`);
    expect(await kept()).toContain(links.participant);
    // The laptop was left on a train: from another device, the worker replaces the link.
    const rotated = await fetch(`${server.url}/api/boards/${id}/links/facilitator/rotate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokenOf(links.facilitator)}` },
    });
    expect(rotated.status).toBe(200);
    await page.getByText(NOT_VALID).waitFor();
    expect(await kept()).toBeNull();
    expect(pageErrors).toEqual([]);
  });

  it('deletes the board for everyone after a confirmation that names it', async () => {
    const title = 'Familjen Berg, möte 4';
    const { page, id, links } = await facilitator(title);
    const erik = await joined(links.participant, 'Erik');

    const panel = await openLinksPanel(page);
    await panel.getByRole('button', { name: 'Radera tavlan…' }).click();
    const confirm = page.getByRole('dialog', { name: `Radera «${title}» för alla?` });
    await confirm.waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Avbryt');
    await confirm.getByRole('button', { name: 'Radera tavlan för alla' }).click();

    await page.getByText(DELETED).waitFor();
    await erik.getByText(DELETED).waitFor();
    expect(await page.getByText(NOT_VALID).count()).toBe(0);
    expect(await infoStatus(id, tokenOf(links.facilitator))).toBe(404);
    // No trace of the board is left on the device that deleted it.
    const traces = await page.evaluate(
      (board) => Object.keys(localStorage).filter((key) => key.endsWith(`:${board}`)),
      id,
    );
    expect(traces).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('is only for the facilitator: no Links button for a participant or a viewer', async () => {
    const { page, links } = await facilitator('Familjen Berg, möte 5');
    const panelCode: string[] = [];
    const participantDevice = await browser.newContext({ locale: 'sv-SE' });
    participantDevice.on('request', (request) => {
      if (/LinksPanel/.test(request.url())) panelCode.push(request.url());
    });
    const participant = await openPage(browser, links.participant, { context: participantDevice });
    await joinAs(participant, 'Erik');
    await untilConnected(participant);
    const viewer = await openPage(browser, links.viewer);
    await viewer.getByRole('heading', { level: 1, name: 'Familjen Berg, möte 5' }).waitFor();

    expect(await participant.getByRole('button', { name: 'Länkar', exact: true }).count()).toBe(0);
    expect(await viewer.getByRole('button', { name: 'Länkar', exact: true }).count()).toBe(0);
    // The panel's code (and its QR library) is a chunk of its own that only the facilitator loads.
    const loaded = page.waitForRequest(/LinksPanel/);
    await openLinksPanel(page);
    await loaded;
    expect(panelCode).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});

describe('a server with a create key', () => {
  let keyed: TestServer;
  const key = 'nyckel-för-socialtjänsten';

  beforeAll(async () => {
    keyed = await startTestServer({
      env: { STATIC_DIR: inject('clientDir'), CREATE_KEY: key },
    });
  });

  afterAll(async () => {
    await keyed?.close();
  });

  it('asks for the key on the start page and creates the board with it', async () => {
    const home = await openPage(browser, `${keyed.url}/`);
    await home.getByLabel('Tavlans namn').fill('Familjen Ek');
    const keyField = home.getByLabel('Nyckel för att skapa tavlor');
    expect(await keyField.count()).toBe(0);
    await home.getByRole('button', { name: 'Skapa tavla' }).click();

    await keyField.waitFor();
    expect(await keyField.getAttribute('type')).toBe('password');
    await keyField.fill('fel nyckel');
    await home.getByRole('button', { name: 'Skapa tavla' }).click();
    await home.getByRole('alert').filter({ hasText: 'Nyckeln stämmer inte' }).waitFor();

    await keyField.fill(key);
    await home.getByRole('button', { name: 'Skapa tavla' }).click();
    const { id, links } = await createdLinks(home);
    const info = await fetch(`${keyed.url}/api/boards/${id}`, {
      headers: { authorization: `Bearer ${tokenOf(links.facilitator)}` },
    });
    expect(await info.json()).toMatchObject({ title: 'Familjen Ek', role: 'facilitator' });
    expect(pageErrors).toEqual([]);
  });
});
