import { describe, expect, it } from 'vitest';
import { newPerson, screenshot, signIn } from './support/browser.js';
import { lockConfirmingEveryone, useAppAndBrowser } from './support/journey.js';

/**
 * Journey: the president locks the jury; the examiner's open page turns read-only at once
 * and says so, and the server refuses any later write.
 */
describe('locking the jury', () => {
  const journey = useAppAndBrowser();

  it('turns the examiner’s open room read-only with a banner', async () => {
    const examiner = await (await newPerson(journey.browser, { tablet: true })).newPage();
    await signIn(examiner, journey.app.url, 'e4.enseignante');
    await examiner.waitForURL(/\/salle\/\d+/);
    const field = examiner.getByTestId('mark-02700002-U41');
    await field.fill('11');
    await field.press('Enter');
    await expect.poll(() => examiner.getByTestId('save-state').textContent()).toMatch(/Enregistré/);

    // The president locks through the API with her own session (the board's dialog, which
    // confirms each incomplete candidate by name, is the deliberation journey's subject).
    const president = await (await newPerson(journey.browser)).newPage();
    await signIn(president, journey.app.url, 'presidente');
    await president.waitForURL(/\/jury\/(\d+)/);
    const juryId = /\/jury\/(\d+)/.exec(president.url())?.[1] as string;
    expect(await lockConfirmingEveryone(president, journey.app.url, juryId)).toEqual([409, 201]);

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
