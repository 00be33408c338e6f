import { describe, expect, it } from 'vitest';
import { newPerson, screenshot } from './support/browser.js';
import { useAppAndBrowser } from './support/journey.js';
import { typeMark } from './support/room-steps.js';
import { signInToBoard, signInToRoom } from './support/sign-in-steps.js';

/**
 * Journey: an examiner types oral marks on a tablet; the president, signed in on another
 * machine, sees the candidate's marks, average and decision change without reloading.
 */
describe('an oral mark travels from the examiner to the president', () => {
  const journey = useAppAndBrowser();

  it('the president’s board recomputes while the examiner types', async () => {
    const president = await (await newPerson(journey.browser)).newPage();
    await signInToBoard(president, journey.app.url, 'presidente');
    const row = president.getByTestId('row-02700001');
    await expect.poll(() => row.isVisible()).toBe(true);
    await expect.poll(() => president.getByTestId('average-02700001').textContent()).toMatch(/—/);

    const examiner = await (await newPerson(journey.browser, { tablet: true })).newPage();
    await signInToRoom(examiner, journey.app.url, 'e4.enseignante');
    await expect.poll(() => examiner.getByTestId('save-state').textContent()).toMatch(/Enregistré/);

    // An impossible mark is refused on the page and never sent.
    const u41 = examiner.getByTestId('mark-02700001-U41');
    await u41.fill('21');
    await u41.press('Tab');
    await expect
      .poll(() => examiner.getByTestId('mark-error-02700001-U41').textContent())
      .toMatch(/20/);
    await expect.poll(() => president.getByTestId('entry-02700001-U41').textContent()).toMatch(/—/);

    // Keyboard first: type, Tab to the next unit, type, Enter.
    await u41.fill('14,5');
    await u41.press('Tab');
    const u42 = examiner.getByTestId('mark-02700001-U42');
    await expect
      .poll(() => u42.evaluate((element) => element === document.activeElement))
      .toBe(true);
    await u42.fill('12');
    await u42.press('Enter');
    await expect.poll(() => examiner.getByTestId('save-state').textContent()).toMatch(/Enregistré/);

    await expect
      .poll(() => president.getByTestId('entry-02700001-U41').textContent(), { timeout: 5000 })
      .toMatch(/14,5/);
    await expect
      .poll(() => president.getByTestId('entry-02700001-U42').textContent())
      .toMatch(/12/);
    await screenshot(examiner, 'examiner-room');

    // Candidate 02700001 still misses U22 (the E22 room): the average needs it.
    const e22 = await (await newPerson(journey.browser, { tablet: true })).newPage();
    await signInToRoom(e22, journey.app.url, 'e22.anglais');
    await typeMark(e22, 'mark-02700001-U22', '13');

    await expect
      .poll(() => president.getByTestId('average-02700001').textContent(), { timeout: 5000 })
      .toMatch(/^\s*\d{1,2},\d{2}\s*$/);
    await expect
      .poll(() => president.getByTestId('decision-02700001').textContent())
      .toMatch(/Admis|Refusé|contrôle/i);
    await screenshot(president, 'president-board');

    // The board says who is connected and in which room.
    await expect
      .poll(() => president.getByTestId('presence-panel').textContent())
      .toMatch(/Julie Bernard/);
    await expect.poll(() => president.getByTestId('presence-panel').textContent()).toMatch(/B204/);

    // The server's logs carry no candidate's personal data (the demo prints account names
    // at start; candidates' names and marks never appear).
    expect(journey.app.output()).not.toMatch(/ARNAUD|Léa|BENOIT|14,5|14\.5/);
  });
});
