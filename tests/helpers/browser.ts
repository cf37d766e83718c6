/** @module Test helper: Debian's Chromium through playwright-core, pages that record their errors. */
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

/** Debian's Chromium; `scripts/ensure-chromium.sh` installs it. */
export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** Below Vitest's 30 s test timeout, so a missing element fails with Playwright's own message. */
export const WAIT_MS = 10_000;

export const PHONE = { width: 390, height: 844 };
export const PROJECTOR = { width: 1920, height: 1080 };

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

export interface PageOptions {
  viewport?: { width: number; height: number };
  locale?: string;
  /** A phone: touch events and a coarse pointer. */
  touch?: boolean;
  /** Reuse a context (same device: localStorage and IndexedDB shared). */
  context?: BrowserContext;
}

/**
 * Uncaught errors and Content-Security-Policy violations of every page: a page that throws, or
 * that the server's CSP blocks in part, fails the test even if it looks right.
 */
export const pageErrors: string[] = [];

/** Chromium's console words for a blocked script, style, image or connection. */
const CSP_VIOLATION = /Content[- ]Security[- ]Policy/i;

export async function openPage(
  browser: Browser,
  link: string,
  options: PageOptions = {},
): Promise<Page> {
  const context =
    options.context ??
    (await browser.newContext({
      viewport: options.viewport ?? PROJECTOR,
      locale: options.locale ?? 'sv-SE',
      hasTouch: options.touch ?? false,
      isMobile: options.touch ?? false,
    }));
  context.setDefaultTimeout(WAIT_MS);
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(`${link}: ${error.message}`));
  page.on('console', (message) => {
    if (CSP_VIOLATION.test(message.text())) pageErrors.push(`${link}: ${message.text()}`);
  });
  // And the page's own violation event, should a Chromium version word its console line otherwise.
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(
        `Content Security Policy violation: ${event.violatedDirective} ${event.blockedURI}`,
      );
    });
  });
  await page.goto(link);
  return page;
}

/** Resolves once the page shows the board and is connected to the server. */
export async function untilConnected(page: Page, connectedText = 'Ansluten'): Promise<void> {
  await page.getByRole('status').filter({ hasText: connectedText }).first().waitFor();
}

/** The first visit's form: name and role, then Join (Swedish UI). */
export async function joinAs(page: Page, name: string, role = 'Familj'): Promise<void> {
  await page.getByRole('textbox', { name: 'Ditt namn' }).fill(name);
  await page.getByRole('radio', { name: role, exact: true }).check();
  await page.getByRole('button', { name: 'Gå med' }).click();
}
