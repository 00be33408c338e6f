import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { newPerson, screenshot } from './support/browser.js';
import { useAppAndBrowser } from './support/journey.js';
import { typeMark } from './support/room-steps.js';
import { signInToRoom } from './support/sign-in-steps.js';

function focused(page: Page, testId: string): Promise<boolean> {
  return page.getByTestId(testId).evaluate((field) => field === document.activeElement);
}

/**
 * Journey: an examiner types 25 and Tab. The focus moves on and the red 25 scrolls away, but
 * the sticky header now says « 1 saisie refusée » instead of « Enregistré », and its link
 * brings the examiner back to the field until the value is corrected.
 */
describe('a refused value is never left behind unnoticed', () => {
  const journey = useAppAndBrowser();

  it('is counted in the header, leads back to its field, and goes once corrected', async () => {
    const examiner = await (await newPerson(journey.browser, { tablet: true })).newPage();
    await signInToRoom(examiner, journey.app.url, 'e4.enseignante');
    const badge = examiner.getByTestId('save-state');
    await expect.poll(() => badge.textContent()).toMatch(/Enregistré/);

    const u41 = examiner.getByTestId('mark-02700001-U41');
    await u41.fill('25');
    await u41.press('Tab');
    expect(await focused(examiner, 'mark-02700001-U42')).toBe(true);
    await expect
      .poll(() => examiner.getByTestId('mark-error-02700001-U41').textContent())
      .toMatch(/^\s*Note hors barème \(0 à 20\) : « 25 »/);
    const flag = examiner.getByTestId('refused-drafts');
    await expect.poll(() => flag.textContent()).toMatch(/1 saisie refusée/);
    expect(await flag.textContent()).toMatch(/U41 – ARNAUD Léa/);
    // « Enregistré » would be untrue while 25 waits in its field.
    expect(await badge.count()).toBe(0);

    // Text that is no number keeps « Note illisible »; both are counted.
    const u42 = examiner.getByTestId('mark-02700001-U42');
    await u42.fill('1/2');
    await u42.press('Tab');
    await expect
      .poll(() => examiner.getByTestId('mark-error-02700001-U42').textContent())
      .toMatch(/^\s*Note illisible/);
    await expect.poll(() => flag.textContent()).toMatch(/2 saisies refusées/);

    // A reload (poor wifi, a tablet woken up) keeps both, refused, instead of the old marks
    // under « Enregistré ».
    await examiner.reload();
    await expect.poll(() => flag.textContent()).toMatch(/2 saisies refusées/);
    expect(await u41.inputValue()).toBe('25');
    expect(await u42.inputValue()).toBe('1/2');
    // « Connexion au serveur… » shows while the page reconnects; once saved, the flag stands
    // alone: no « Enregistré » over the refused values.
    await expect.poll(() => badge.count()).toBe(0);

    // Typing on, the refused fields scroll out of sight; the header stays.
    for (const [testId, mark] of [
      ['mark-02700002-U41', '12'],
      ['mark-02700002-U42', '13'],
      ['mark-02700003-U41', '8'],
    ] as const) {
      await typeMark(examiner, testId, mark);
    }
    expect(await flag.isVisible()).toBe(true);
    await examiner.screenshot({ path: '/tmp/board-room-refused-value.png' });
    await screenshot(examiner, 'room-refused-value');

    // The link leads to the first refused field, in the order of passage.
    await flag.click();
    await expect.poll(() => focused(examiner, 'mark-02700001-U41')).toBe(true);
    await examiner.keyboard.type('15');
    await examiner.keyboard.press('Enter');
    await expect.poll(() => flag.textContent()).toMatch(/1 saisie refusée/);
    expect(await flag.textContent()).toMatch(/U42 – ARNAUD Léa/);

    await flag.click();
    await expect.poll(() => focused(examiner, 'mark-02700001-U42')).toBe(true);
    await examiner.keyboard.type('11,5');
    await examiner.keyboard.press('Enter');
    await expect.poll(() => flag.count()).toBe(0);
    await expect.poll(() => badge.textContent()).toMatch(/Enregistré/);
    expect(await u41.inputValue()).toBe('15');
    expect(await u42.inputValue()).toBe('11,5');

    // A tap on a filled field selects its mark, as Tab does: typing replaces it (it used to
    // land inside the number: « 1510,5 », refused, the old 15 kept).
    await examiner.getByTestId('mark-02700002-U41').focus();
    await u41.tap();
    await examiner.keyboard.type('10,5');
    expect(await u41.inputValue()).toBe('10,5');
    await examiner.keyboard.press('Enter');
    await expect.poll(() => badge.textContent()).toMatch(/Enregistré/);
  });
});
