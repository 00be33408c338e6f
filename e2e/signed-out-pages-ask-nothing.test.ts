import { describe, expect, it } from 'vitest';
import { newPerson } from './support/browser.js';
import { useAppAndBrowser } from './support/journey.js';
import { signInToBoard } from './support/sign-in-steps.js';

/**
 * Journey: a visitor who is not signed in opens the sign-in page, the verification page and
 * the invitation page. No request fails (no 401 from `/api/me` on every page) and the
 * console stays clean; once signed in, the session is found, and after signing out the pages
 * are quiet again.
 */
describe('signed-out pages', () => {
  const journey = useAppAndBrowser();

  it('send no request bound to fail, and log no error', async () => {
    const context = await newPerson(journey.browser);
    const page = await context.newPage();
    const failures: string[] = [];
    const askedMe: string[] = [];
    page.on('response', (response) => {
      if (response.status() >= 400) failures.push(`${response.status()} ${response.url()}`);
    });
    page.on('requestfailed', (request) => failures.push(`échec ${request.url()}`));
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/api/me') askedMe.push(page.url());
    });
    page.on('console', (message) => {
      if (message.type() === 'error') failures.push(`console : ${message.text()}`);
    });
    page.on('pageerror', (error) => failures.push(`page : ${error.message}`));

    for (const path of ['/', '/verifier', '/invitation']) {
      await page.goto(`${journey.app.url}${path}`);
      await page.waitForLoadState('networkidle');
      await expect.poll(() => page.locator('main h1').count()).toBeGreaterThan(0);
    }
    expect(failures).toEqual([]);
    expect(askedMe).toEqual([]);

    // Signed in, the pages know who is there; signed out, they are quiet again.
    await signInToBoard(page, journey.app.url, 'presidente');
    await page.getByRole('button', { name: /Se déconnecter/ }).click();
    // The sign-in page (with or without the way back to the board: the board's own links
    // may ask to sign in again first).
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByLabel('Identifiant').waitFor();
    const before = askedMe.length;
    await page.goto(`${journey.app.url}/verifier`);
    await page.waitForLoadState('networkidle');
    expect(askedMe.length).toBe(before);
    expect(failures).toEqual([]);
  });
});
