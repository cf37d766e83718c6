/** @module Test helper: where a Konva node of the board canvas is on the page, as a person sees it. */
import type { Page } from 'playwright-core';

export interface ScreenBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The on-page box of the canvas node with this Konva id, or null when it is not drawn. */
export function nodeBox(page: Page, nodeId: string): Promise<ScreenBox | null> {
  return page.evaluate((id) => {
    const container = document.querySelector('[data-testid="board-canvas"]') as
      | (HTMLElement & { __stage?: unknown })
      | null;
    // The canvas attaches its Konva Stage to its container for exactly this purpose.
    const stage = container?.__stage as
      | {
          findOne(selector: string): { getClientRect(): ScreenBox } | undefined;
          container(): HTMLElement;
        }
      | undefined;
    const node = stage?.findOne(`#${id}`);
    if (!stage || !node) return null;
    const rect = node.getClientRect();
    const origin = stage.container().getBoundingClientRect();
    return {
      x: origin.left + rect.x,
      y: origin.top + rect.y,
      width: rect.width,
      height: rect.height,
    };
  }, nodeId);
}

/** Waits until the node is drawn and returns its box. */
export async function untilNode(page: Page, nodeId: string): Promise<ScreenBox> {
  const handle = await page.waitForFunction((id) => {
    const container = document.querySelector('[data-testid="board-canvas"]') as
      | (HTMLElement & { __stage?: { findOne(selector: string): unknown } })
      | null;
    return container?.__stage?.findOne(`#${id}`) !== undefined;
  }, nodeId);
  await handle.dispose();
  const box = await nodeBox(page, nodeId);
  if (box === null) throw new Error(`canvas node ${nodeId} vanished`);
  return box;
}

export function centre(box: ScreenBox): { x: number; y: number } {
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** This device's participant id on the board, as the join form stored it. */
export async function participantIdOf(page: Page, boardId: string): Promise<string> {
  const stored = await page.evaluate(
    (key) => window.localStorage.getItem(key),
    `samkarta:me:${boardId}`,
  );
  if (stored === null) throw new Error('this page has not joined the board');
  return (JSON.parse(stored) as { id: string }).id;
}

/** A finger pressed at `from`, moved to `to` in steps, and lifted: real touch events via CDP. */
export async function touchDrag(
  page: Page,
  from: { x: number; y: number },
  to: { x: number; y: number },
  steps = 12,
): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const point = (x: number, y: number) => [{ x, y, id: 1, radiusX: 4, radiusY: 4, force: 1 }];
  await cdp.send('Input.dispatchTouchEvent', {
    type: 'touchStart',
    touchPoints: point(from.x, from.y),
  });
  for (let i = 1; i <= steps; i++) {
    const x = from.x + ((to.x - from.x) * i) / steps;
    const y = from.y + ((to.y - from.y) * i) / steps;
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: point(x, y) });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

/** Where to press a scale marker: its circle's centre (a shown name makes its box taller). */
export async function markerCentre(page: Page, nodeId: string): Promise<{ x: number; y: number }> {
  await untilNode(page, nodeId);
  return page.evaluate((id) => {
    const container = document.querySelector('[data-testid="board-canvas"]') as HTMLElement & {
      __stage: {
        findOne(selector: string): { getAbsolutePosition(): { x: number; y: number } };
        container(): HTMLElement;
      };
    };
    const position = container.__stage.findOne(`#${id}`).getAbsolutePosition();
    const origin = container.__stage.container().getBoundingClientRect();
    return { x: origin.left + position.x, y: origin.top + position.y };
  }, nodeId);
}
