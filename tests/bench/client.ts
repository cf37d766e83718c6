/**
 * @module Benchmark: the board in headless Chromium with 300 cards. Prints frame times while a
 * scale marker and a card are dragged, and the time to first render from a cold load. Asserts
 * nothing. Run with `npm run bench:client`.
 */
import { rmSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { addCard } from '../../shared/cards';
import { upsertParticipant } from '../../shared/participants';
import { setRating } from '../../shared/ratings';
import { SECTIONS } from '../../shared/sections';
import { launchChromium, PROJECTOR } from '../helpers/browser';
import { buildClient } from '../helpers/build-client';
import { centre, markerCentre, untilNode } from '../helpers/canvas';
import { connectClient } from '../helpers/clients';
import { type CreatedBoard, createBoard, startTestServer } from '../helpers/server';

const CARDS = 300;
const PEOPLE = 8;
const COLD_LOADS = 5;
const DRAG_MS = 3_000;
/** One pointer move per display frame, as a hand moves a mouse. */
const POINTER_INTERVAL_MS = 16;

const WORDS =
  'mamma pappa mormor förskolan hämtar varje dag arg rädd skolan ringer fredag lugn trygg mat sover hemma kväll helg polis'.split(
    ' ',
  );

function sentence(seed: number): string {
  const length = 4 + (seed % 23);
  return Array.from({ length }, (_, i) => WORDS[(seed * 7 + i * 13) % WORDS.length]).join(' ');
}

async function seedBoard(wsUrl: string, board: CreatedBoard): Promise<string> {
  const writer = connectClient(wsUrl, board.id, board.tokens.facilitator);
  await writer.synced;
  writer.doc.transact(() => {
    for (let i = 0; i < CARDS; i++) {
      const section = SECTIONS[i % SECTIONS.length]?.id ?? 'strengths';
      addCard(writer.doc, { section, author: 'bench', text: sentence(i) });
    }
    for (let i = 0; i < PEOPLE; i++) {
      const id = `person-${i}`;
      upsertParticipant(writer.doc, id, { name: `Person ${i}`, role: 'network', color: '#1a4fa0' });
      setRating(writer.doc, 'safety', id, {
        value: i,
        name: `Person ${i}`,
        role: 'network',
        at: 1,
      });
    }
  });
  // The facilitator at the screen is "me": joined before, so the page opens straight on the board.
  upsertParticipant(writer.doc, 'bench-me', { name: 'Anna', role: 'worker', color: '#a3221b' });
  setRating(writer.doc, 'safety', 'bench-me', { value: 2, name: 'Anna', role: 'worker', at: 1 });
  await new Promise((resolve) => setTimeout(resolve, 500));
  writer.destroy();
  return 'bench-me';
}

async function openBoard(
  browser: Browser,
  board: CreatedBoard,
  me: string,
): Promise<{ page: Page; firstRenderMs: number }> {
  const context = await browser.newContext({ viewport: PROJECTOR, locale: 'sv-SE' });
  await context.addInitScript(
    ([boardId, id]) => {
      window.localStorage.setItem(
        `samkarta:me:${boardId}`,
        JSON.stringify({ id, name: 'Anna', role: 'worker', color: '#a3221b' }),
      );
    },
    [board.id, me] as const,
  );
  const page = await context.newPage();
  await page.goto(board.links.facilitator);
  await page.waitForFunction(
    (count) => {
      const container = document.querySelector('[data-testid="board-canvas"]') as
        | (HTMLElement & { __stage?: { find(selector: string): unknown[] } })
        | null;
      return (container?.__stage?.find('.card').length ?? 0) >= count;
    },
    CARDS,
    { timeout: 60_000 },
  );
  // Milliseconds since navigation started, when all cards are on the canvas.
  const firstRenderMs = await page.evaluate(
    () => new Promise<number>((resolve) => requestAnimationFrame(() => resolve(performance.now()))),
  );
  return { page, firstRenderMs };
}

/** Records the time between display frames while `act` runs. */
async function frameTimes(page: Page, act: () => Promise<void>): Promise<number[]> {
  // A string, not a function: tsx would wrap the function's inner names in a helper the page lacks.
  await page.evaluate(`(() => {
    window.__frames = [];
    window.__recording = true;
    let last = performance.now();
    const tick = (now) => {
      window.__frames.push(now - last);
      last = now;
      if (window.__recording) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
  await act();
  return page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __recording: boolean };
    w.__recording = false;
    return w.__frames.slice(1);
  });
}

async function drag(page: Page, from: { x: number; y: number }, dx: number, dy: number) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  const steps = Math.round(DRAG_MS / POINTER_INTERVAL_MS);
  for (let i = 1; i <= steps; i++) {
    // Back and forth, so the drag stays on the board however long it lasts.
    const phase = Math.sin((i / steps) * Math.PI * 2);
    await page.mouse.move(from.x + dx * phase, from.y + dy * phase);
    await page.waitForTimeout(POINTER_INTERVAL_MS);
  }
  await page.mouse.up();
}

function summary(label: string, values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
  return `  ${label.padEnd(28)} median ${at(0.5).toFixed(1)} ms   p95 ${at(0.95).toFixed(1)} ms   max ${(sorted.at(-1) ?? Number.NaN).toFixed(1)} ms   (${values.length} frames)`;
}

async function main(): Promise<void> {
  const clientDir = await buildClient();
  const server = await startTestServer({ env: { STATIC_DIR: clientDir } });
  const browser = await launchChromium();
  try {
    const board = await createBoard(server.url, { title: 'Bench', language: 'sv' });
    const me = await seedBoard(server.wsUrl, board);

    const loads: number[] = [];
    for (let i = 0; i < COLD_LOADS; i++) {
      const { page, firstRenderMs } = await openBoard(browser, board, me);
      loads.push(firstRenderMs);
      await page.context().close();
    }

    const { page } = await openBoard(browser, board, me);
    // Another person watching: counts what the drags send, so we know the drags really happened.
    const watcher = connectClient(server.wsUrl, board.id, board.tokens.viewer);
    await watcher.synced;
    let docUpdates = 0;
    let presenceUpdates = 0;
    watcher.doc.on('update', () => docUpdates++);
    watcher.provider.awareness.on('change', () => presenceUpdates++);
    const marker = await markerCentre(page, `marker-safety-${me}`);
    const markerFrames = await frameTimes(page, () => drag(page, marker, 300, 0));
    const markerUpdates = docUpdates;
    const cardId = await page.evaluate(() => {
      const container = document.querySelector('[data-testid="board-canvas"]') as HTMLElement & {
        __stage: { find(selector: string): { id(): string }[] };
      };
      return container.__stage.find('.card')[10]?.id() ?? '';
    });
    const card = centre(await untilNode(page, cardId));
    const presenceBefore = presenceUpdates;
    const cardFrames = await frameTimes(page, () => drag(page, card, 250, 120));
    const cardPresence = presenceUpdates - presenceBefore;
    watcher.destroy();
    // Frame times of a drag that moved nothing would flatter the board: refuse to print them.
    if (markerUpdates === 0 || cardPresence === 0) {
      throw new Error('a drag sent nothing: the bench pressed beside the marker or the card');
    }

    loads.sort((a, b) => a - b);
    console.log(
      `client: ${CARDS} cards, ${PEOPLE + 1} markers, ${PROJECTOR.width}×${PROJECTOR.height}, headless Chromium`,
    );
    console.log(summary('frame time, marker drag', markerFrames));
    console.log(`  (the watcher received ${markerUpdates} rating updates during the marker drag)`);
    console.log(summary('frame time, card drag', cardFrames));
    console.log(`  (the watcher received ${cardPresence} presence updates during the card drag)`);
    console.log(
      `  cold load to first render    median ${loads[Math.floor(loads.length / 2)]?.toFixed(0)} ms   (${loads.map((ms) => ms.toFixed(0)).join(', ')})`,
    );
  } finally {
    await browser.close();
    await server.close();
    rmSync(clientDir, { recursive: true, force: true });
  }
}

await main();
