import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';

const CHROMIUM = process.env.DELIB_CHROMIUM ?? '/usr/bin/chromium';
export const artifactsDir = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  'artifacts',
);

/** Debian's Chromium, headless, without the background traffic this machine refuses. */
export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium introuvable (${CHROMIUM}) : installez le paquet Debian « chromium » (voir .ci/run).`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-dev-shm-usage',
    ],
  });
}

/**
 * Content-Security-Policy violations reported on the console of any person's pages; every
 * journey fails when one appears (support/journey.ts): a blocked script or style is a page
 * that no longer works, even when the journey's clicks still find their buttons.
 */
export const cspViolations: string[] = [];

/** A separate person on a separate machine: their own cookies and storage. */
export async function newPerson(
  browser: Browser,
  options: { tablet?: boolean } = {},
): Promise<BrowserContext> {
  const context = await browser.newContext(
    options.tablet
      ? { viewport: { width: 1024, height: 768 }, hasTouch: true, locale: 'fr-FR' }
      : { viewport: { width: 1440, height: 900 }, locale: 'fr-FR' },
  );
  context.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) {
      cspViolations.push(`${message.location().url} : ${message.text()}`);
    }
  });
  return context;
}

export async function signIn(
  page: Page,
  url: string,
  login: string,
  password = 'demo-2027',
): Promise<void> {
  await page.goto(url);
  await page.getByLabel('Identifiant').fill(login);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: /se connecter/i }).click();
}

/** The president signs the minute from the board: signing asks the password again. */
export async function signMinute(page: Page, password = 'demo-2027'): Promise<void> {
  await page.getByTestId('sign-minute-open').click();
  await page.getByTestId('sign-minute-password').fill(password);
  await page.getByTestId('sign-minute-submit').click();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(artifactsDir, { recursive: true });
  await page.screenshot({ path: path.join(artifactsDir, `${name}.png`), fullPage: true });
}

/** Marks the page: the marker disappears if the page is ever reloaded (see `stillSamePage`). */
export async function markPage(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { journeyMarker: string }).journeyMarker = 'same page';
  });
}

/** The marker `markPage` left: 'same page' while the page was never reloaded. */
export function stillSamePage(page: Page): Promise<string | undefined> {
  return page.evaluate(() => (window as unknown as { journeyMarker?: string }).journeyMarker);
}

/** A websocket of the page that closed, with the close code the page saw. */
export interface SocketClose {
  url: string;
  code: number;
}

/**
 * Records the close code of every websocket the page opens (a listener added in the page
 * before its scripts run; the sockets themselves are untouched). Returns a reader.
 */
export async function recordSocketCloses(page: Page): Promise<() => Promise<SocketClose[]>> {
  await page.addInitScript(() => {
    const closes: { url: string; code: number }[] = [];
    (window as unknown as { delibSocketCloses: typeof closes }).delibSocketCloses = closes;
    const Native = window.WebSocket;
    window.WebSocket = class extends Native {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        this.addEventListener('close', (event) =>
          closes.push({ url: String(url), code: event.code }),
        );
      }
    };
  });
  return () =>
    page.evaluate(
      () => (window as unknown as { delibSocketCloses?: SocketClose[] }).delibSocketCloses ?? [],
    );
}
