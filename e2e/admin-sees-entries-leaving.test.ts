import { describe, expect, it } from 'vitest';
import { openFirstJury, openFirstSession } from './support/admin-steps.js';
import { newPerson } from './support/browser.js';
import { useAppAndBrowser } from './support/journey.js';
import { typeMark } from './support/room-steps.js';
import { signInToAdmin, signInToBoard, signInToRoom } from './support/sign-in-steps.js';

/**
 * Journey: the centre's administrator is told, entry by entry, what a change takes off the
 * jury's board. A 3-line schedule file for the E22 room previews the passages it removes and
 * the mark that would leave with them, and its button says so; taking the marked candidate
 * out of the jury names the same mark and needs a confirmation; the president's open board
 * follows.
 */
describe('the administrator sees the entries a change takes off the board', () => {
  const journey = useAppAndBrowser();

  it('schedule preview and candidate removal name the entry leaving', async () => {
    const examiner = await (await newPerson(journey.browser, { tablet: true })).newPage();
    await signInToRoom(examiner, journey.app.url, 'e22.anglais');
    await typeMark(examiner, 'mark-02700004-U22', '12');
    await expect.poll(() => examiner.getByTestId('save-state').textContent()).toMatch(/Enregistré/);

    const president = await (await newPerson(journey.browser)).newPage();
    await signInToBoard(president, journey.app.url, 'presidente');
    await expect
      .poll(() => president.getByTestId('entry-02700004-U22').textContent(), { timeout: 5000 })
      .toMatch(/12/);

    const admin = await (await newPerson(journey.browser)).newPage();
    await signInToAdmin(admin, journey.app.url, 'admin');
    await openFirstSession(admin);
    await openFirstJury(admin);

    // A 3-line schedule for the E22 room: the preview counts what leaves.
    const file = [
      'numéro;commission;ordre;heure',
      '02700001;Commission E22 – anglais;1;08:00',
      '02700002;Commission E22 – anglais;2;08:20',
      '02700003;Commission E22 – anglais;3;08:40',
    ].join('\r\n');
    await admin.getByTestId('import-schedule-file').setInputFiles({
      name: 'planning-e22.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(file, 'utf8'),
    });
    const preview = admin.getByTestId('import-schedule-preview');
    await expect.poll(() => preview.isVisible()).toBe(true);
    const removed = Number(
      /(\d+) passages retirés/.exec((await preview.textContent()) ?? '')?.[1] ?? '0',
    );
    expect(removed).toBeGreaterThan(3);
    expect(await admin.getByTestId('import-schedule-summary').textContent()).toMatch(
      /1 saisie quitte le tableau du jury \(conservée\)/,
    );
    const leaving = admin.getByTestId('import-schedule-leaving-02700004-U22');
    expect(await leaving.textContent()).toMatch(
      /02700004 – DA SILVA Lucas.*U22.*Saisie en salle.*12/s,
    );
    expect((await admin.getByTestId('import-schedule-submit').textContent())?.trim()).toBe(
      `Confirmer et enregistrer : 3 passages, ${removed} retirés, 1 saisie quitte le tableau`,
    );
    await admin.getByTestId('import-schedule-leaving').scrollIntoViewIfNeeded();
    await admin.screenshot({ path: '/tmp/passages-schedule-preview.png' });
    await admin.getByTestId('import-schedule').getByRole('button', { name: 'Annuler' }).click();

    // Taking 02700004 out of the jury: the same mark is named before anything happens.
    await admin.getByText(/candidats dans ce jury/).click();
    await admin.getByTestId('candidate-remove-02700004').click();
    await admin.getByTestId('candidate-remove-02700004-confirm').click();
    const confirmation = admin.getByTestId('candidate-remove-confirm');
    await expect.poll(() => confirmation.isVisible()).toBe(true);
    expect(await confirmation.textContent()).toMatch(
      /Retirer 02700004 – DA SILVA Lucas du jury \?.*a 1 saisie dans ce jury/s,
    );
    expect(await admin.getByTestId('candidate-leaving-02700004-U22').textContent()).toMatch(
      /U22.*Saisie en salle.*12.*Commission E22 – anglais/s,
    );
    expect(await admin.getByTestId('jury-candidate-02700004').count()).toBe(1);
    await admin.screenshot({ path: '/tmp/passages-candidate-confirmation.png' });
    await admin.getByTestId('candidate-remove-confirm-button').click();
    await expect.poll(() => admin.getByTestId('jury-candidate-02700004').count()).toBe(0);
    expect(await admin.getByTestId('candidate-remove-confirm').count()).toBe(0);

    // The president's open board and the room's page follow.
    await expect
      .poll(() => president.getByTestId('row-02700004').count(), { timeout: 5000 })
      .toBe(0);
    await expect.poll(() => examiner.getByTestId('passage-02700004').count()).toBe(0);
    expect(journey.app.output()).not.toMatch(/DA SILVA/);
  });
});
