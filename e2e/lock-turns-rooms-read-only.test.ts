import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startApp } from './support/app-process.js';
import type { AppProcess } from './support/app-process.js';
import { launchBrowser, newPerson, screenshot, signIn } from './support/browser.js';

/**
 * Journey: the president locks the jury; the examiner's open page turns read-only at once
 * and says so, and the server refuses any later write.
 */
describe('locking the jury', () => {
  let app: AppProcess;
  let browser: Browser;
  beforeAll(async () => {
    app = await startApp();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('turns the examiner’s open room read-only with a banner', async () => {
    const examiner = await (await newPerson(browser, { tablet: true })).newPage();
    await signIn(examiner, app.url, 'e4.enseignante');
    await examiner.waitForURL(/\/salle\/\d+/);
    const field = examiner.getByTestId('mark-02700002-U41');
    await field.fill('11');
    await field.press('Enter');
    await expect.poll(() => examiner.getByTestId('save-state').textContent()).toMatch(/Enregistré/);

    // The president locks through the API with her own session, confirming every
    // incomplete candidate by id (the board's dialog does the same by name).
    const president = await (await newPerson(browser)).newPage();
    await signIn(president, app.url, 'presidente');
    await president.waitForURL(/\/jury\/(\d+)/);
    const juryId = /\/jury\/(\d+)/.exec(president.url())?.[1];
    const first = await president.request.post(`${app.url}/api/juries/${juryId}/lock`, {
      data: {},
      headers: { origin: app.url },
    });
    expect(first.status()).toBe(409);
    const incomplete = (
      (await first.json()) as { error: { details: { candidates: { candidateId: number }[] } } }
    ).error.details.candidates;
    const locked = await president.request.post(`${app.url}/api/juries/${juryId}/lock`, {
      data: { confirmIncomplete: incomplete.map((c) => c.candidateId) },
      headers: { origin: app.url },
    });
    expect(locked.status()).toBe(201);

    await expect
      .poll(() => examiner.getByTestId('room-locked').isVisible(), { timeout: 10_000 })
      .toBe(true);
    await expect
      .poll(() => examiner.getByTestId('room-locked').textContent())
      .toMatch(/verrouill/i);
    await expect.poll(() => examiner.getByTestId('mark-02700003-U41').isDisabled()).toBe(true);
    await screenshot(examiner, 'examiner-after-lock');
  });
});
