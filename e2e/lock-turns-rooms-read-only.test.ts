import { describe, expect, it } from 'vitest';
import { newPerson, screenshot } from './support/browser.js';
import { lockConfirmingEveryone, useAppAndBrowser } from './support/journey.js';
import { typeMark } from './support/room-steps.js';
import { signInToBoard, signInToRoom } from './support/sign-in-steps.js';

/**
 * Journey: the president locks the jury; the examiner's open page turns read-only at once
 * and says so, and the server refuses any later write.
 */
describe('locking the jury', () => {
  const journey = useAppAndBrowser();

  it('turns the examiner’s open room read-only with a banner', async () => {
    const examiner = await (await newPerson(journey.browser, { tablet: true })).newPage();
    await signInToRoom(examiner, journey.app.url, 'e4.enseignante');
    await typeMark(examiner, 'mark-02700002-U41', '11');
    await expect.poll(() => examiner.getByTestId('save-state').textContent()).toMatch(/Enregistré/);

    // The president locks through the API with her own session (the board's dialog, which
    // confirms each incomplete candidate by name, is the deliberation journey's subject).
    const president = await (await newPerson(journey.browser)).newPage();
    const juryId = await signInToBoard(president, journey.app.url, 'presidente');
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
