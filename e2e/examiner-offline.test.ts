import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { newPerson, screenshot } from './support/browser.js';
import { lockConfirmingEveryone, useAppAndBrowser } from './support/journey.js';
import { typeMark } from './support/room-steps.js';
import { signInToBoard, signInToRoom } from './support/sign-in-steps.js';

/**
 * Journey: an examiner loses the network in the middle of the orals. The marks typed offline
 * stay on the tablet (IndexedDB), survive a reload (service worker), and reach the president
 * when the network returns; if the jury was locked meanwhile, the examiner is told which of
 * their entries were refused.
 *
 * Playwright's `setOffline` does not always close an established WebSocket: the page reconnects
 * on the browser's `offline` event, and otherwise finds the link dead once its sync requests go
 * unanswered (~8 s), hence the generous polls.
 */
describe('an examiner works offline', () => {
  const journey = useAppAndBrowser();

  async function openRoom(): Promise<{ context: BrowserContext; examiner: Page }> {
    const context = await newPerson(journey.browser, { tablet: true });
    const examiner = await context.newPage();
    await signInToRoom(examiner, journey.app.url, 'e4.enseignante');
    await expect.poll(() => examiner.getByTestId('save-state').textContent()).toMatch(/Enregistré/);
    // The service worker holds the application and the room's data.
    await expect
      .poll(() => examiner.getByTestId('offline-ready').isVisible(), { timeout: 30_000 })
      .toBe(true);
    return { context, examiner };
  }

  async function typeMarks(examiner: Page, marks: [string, string][]): Promise<void> {
    for (const [field, text] of marks) await typeMark(examiner, field, text);
  }

  async function openBoard(): Promise<{ president: Page; juryId: string }> {
    const president = await (await newPerson(journey.browser)).newPage();
    const juryId = await signInToBoard(president, journey.app.url, 'presidente');
    await expect.poll(() => president.getByTestId('row-02700001').isVisible()).toBe(true);
    return { president, juryId };
  }

  it('keeps the marks typed offline across a reload and delivers them when it returns', async () => {
    const { context, examiner } = await openRoom();
    const badge = examiner.getByTestId('save-state');

    await context.setOffline(true);
    await typeMarks(examiner, [
      ['mark-02700001-U41', '14,5'],
      ['mark-02700001-U42', '12'],
      ['mark-02700002-U41', '9'],
    ]);
    await expect
      .poll(() => badge.textContent(), { timeout: 30_000 })
      .toMatch(/Hors ligne – 3 saisies en attente/);

    // A reload without the network: the room comes back from the cache and IndexedDB.
    await examiner.reload();
    await expect
      .poll(() => examiner.getByTestId('mark-02700001-U41').inputValue(), { timeout: 20_000 })
      .toBe('14,5');
    expect(await examiner.getByTestId('mark-02700001-U42').inputValue()).toBe('12');
    expect(await examiner.getByTestId('mark-02700002-U41').inputValue()).toBe('9');
    await expect
      .poll(() => badge.textContent(), { timeout: 20_000 })
      .toMatch(/Hors ligne – 3 saisies en attente/);
    await screenshot(examiner, 'examiner-offline-after-reload');

    await context.setOffline(false);
    await expect.poll(() => badge.textContent(), { timeout: 30_000 }).toMatch(/Enregistré/);

    const { president } = await openBoard();
    await expect
      .poll(() => president.getByTestId('entry-02700001-U41').textContent(), { timeout: 10_000 })
      .toMatch(/14,5/);
    await expect
      .poll(() => president.getByTestId('entry-02700001-U42').textContent())
      .toMatch(/12/);
    await expect.poll(() => president.getByTestId('entry-02700002-U41').textContent()).toMatch(/9/);
  });

  it('lists precisely the entries refused because the jury was locked meanwhile', async () => {
    const { context, examiner } = await openRoom();
    const badge = examiner.getByTestId('save-state');

    await context.setOffline(true);
    await typeMarks(examiner, [
      ['mark-02700003-U41', '15'],
      ['mark-02700003-U42', '8,5'],
      ['mark-02700004-U41', 'abj'],
    ]);
    await expect
      .poll(() => badge.textContent(), { timeout: 30_000 })
      .toMatch(/Hors ligne – 3 saisies en attente/);

    // Meanwhile the president locks the jury, confirming every incomplete candidate.
    const { president, juryId } = await openBoard();
    expect(await lockConfirmingEveryone(president, journey.app.url, juryId)).toEqual([409, 201]);

    await context.setOffline(false);
    const notice = examiner.getByTestId('refused-entries');
    await expect
      .poll(() => examiner.getByTestId('refused-02700004-U41').isVisible(), { timeout: 30_000 })
      .toBe(true);
    const text = (await notice.textContent()) ?? '';
    expect(text).toMatch(/Saisies refusées \(jury verrouillé\)/);
    expect(text).toContain('CARPENTIER Chloé – U41 : 15');
    expect(text).toContain('CARPENTIER Chloé – U42 : 8,5');
    expect(text).toContain('DA SILVA Lucas – U41 : absent justifié');
    await expect.poll(() => examiner.getByTestId('refused-entries').locator('li').count()).toBe(3);
    await expect.poll(() => examiner.getByTestId('room-locked').isVisible()).toBe(true);
    await expect.poll(() => badge.textContent()).toMatch(/Verrouillé/);
    // The local copy was replaced by the server's: the refused marks are no longer shown.
    await expect.poll(() => examiner.getByTestId('mark-02700003-U41').inputValue()).toBe('');
    await screenshot(examiner, 'examiner-refused-entries');

    // Kept until dismissed, across a reload.
    await examiner.reload();
    await expect
      .poll(() => examiner.getByTestId('refused-entries').textContent(), { timeout: 20_000 })
      .toContain('CARPENTIER Chloé – U42 : 8,5');
    await examiner.getByTestId('dismiss-refused').click();
    await expect.poll(() => examiner.getByTestId('refused-entries').count()).toBe(0);
    await examiner.reload();
    await expect.poll(() => examiner.getByTestId('room-locked').isVisible()).toBe(true);
    expect(await examiner.getByTestId('refused-entries').count()).toBe(0);

    // The president never saw them.
    expect(await president.getByTestId('entry-02700003-U41').textContent()).not.toMatch(/15/);
  });
});
