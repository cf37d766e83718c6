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

/** Where to press a scale marker: its circle's centre, the marker group's origin. */
export function markerCentre(page: Page, nodeId: string): Promise<{ x: number; y: number }> {
  // A shown name makes the marker's box taller, so its middle is not the circle's centre.
  return nodeOrigin(page, nodeId);
}

/** Where the canvas node with this Konva id has its origin on the page (its top-left for a group). */
export async function nodeOrigin(page: Page, nodeId: string): Promise<{ x: number; y: number }> {
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

/**
 * The words the canvas draws inside the node with this Konva id (every Text shape in it), or in
 * the whole map when no id is given; null when that node is not drawn.
 */
export function canvasTexts(page: Page, nodeId?: string): Promise<string[] | null> {
  return page.evaluate((id) => {
    interface TextNode {
      text(): string;
    }
    interface Node {
      find(selector: string): TextNode[];
      getClassName(): string;
    }
    const container = document.querySelector('[data-testid="board-canvas"]') as
      | (HTMLElement & { __stage?: Node & { findOne(selector: string): Node | undefined } })
      | null;
    const stage = container?.__stage;
    if (stage === undefined) return null;
    const root = id === null ? stage : stage.findOne(`#${id}`);
    if (root === undefined) return null;
    const texts = root.find('Text').map((node) => node.text());
    if (root.getClassName() === 'Text') texts.unshift((root as unknown as TextNode).text());
    return texts;
  }, nodeId ?? null);
}

/** True when the point lies inside the box (edges included, with `slack` px to spare). */
export function inside(point: { x: number; y: number }, box: ScreenBox, slack = 0): boolean {
  return (
    point.x >= box.x - slack &&
    point.x <= box.x + box.width + slack &&
    point.y >= box.y - slack &&
    point.y <= box.y + box.height + slack
  );
}
