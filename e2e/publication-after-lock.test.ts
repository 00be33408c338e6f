import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openFirstSession } from './support/admin-steps.js';
import { newPerson, screenshot, signMinute } from './support/browser.js';
import { lockConfirmingEveryone, useAppAndBrowser, useTemporaryFolder } from './support/journey.js';
import { typeMark } from './support/room-steps.js';
import { signInToAdmin, signInToBoard, signInToRoom } from './support/sign-in-steps.js';

/** Demo candidates admitted below (every oral at 20); 02700004 never consented (demo seed). */
const ADMITTED = ['02700001', '02700003', '02700004'];

/**
 * Journey: the centre withdraws one candidate's consent to publication through the candidate
 * file, the examiners' marks admit three candidates, the president locks and signs; the admin
 * then opens the list of admitted candidates (names only with consent, by number), prints it,
 * downloads it as CSV and downloads one candidate's relevé alone.
 */
describe('publication after the lock', () => {
  const journey = useAppAndBrowser();
  const downloads = useTemporaryFolder('delib-e2e-publication-');

  it('from the consent column to the printed list, its CSV and one relevé', async () => {
    const url = journey.app.url;
    const admin = await (await newPerson(journey.browser)).newPage();
    await signInToAdmin(admin, url, 'admin');
    await openFirstSession(admin);
    const sessionPath = new URL(admin.url()).pathname;
    const sessionId = Number(/\/admin\/sessions\/(\d+)/.exec(sessionPath)?.[1]);

    // The candidate file, as exported, with 02700003's consent withdrawn ("non").
    const exported = await (
      await admin.request.get(`${url}/api/admin/exam-sessions/${sessionId}/candidates.csv`)
    ).text();
    expect(exported.split('\r\n')[0]).toMatch(/;consentement publication$/);
    const edited = exported.replace(/^(02700003;.*);oui\r$/m, '$1;non\r');
    expect(edited).not.toBe(exported);
    const file = path.join(downloads.path, 'candidats.csv');
    fs.writeFileSync(file, edited, 'utf8');
    await admin.getByTestId('import-candidates-file').setInputFiles(file);
    await expect
      .poll(() => admin.getByTestId('import-candidates-summary').textContent())
      .toMatch(/1 candidat mis à jour/);
    await admin.getByTestId('import-candidates-submit').click();
    await expect
      .poll(() => admin.getByTestId('import-candidates-result').textContent())
      .toMatch(/1 candidat mis à jour/);

    // Before any lock, the page publishes nothing and says why.
    await admin.getByTestId('publication-link').click();
    await admin.waitForURL(/\/publication$/);
    await expect
      .poll(() => admin.getByTestId('publication-empty').textContent())
      .toMatch(/Aucun jury n’a encore verrouillé/);
    expect(await admin.getByTestId('publication-juries').textContent()).toMatch(
      /non encore délibéré/,
    );
    expect(await admin.getByTestId('publication-csv').isDisabled()).toBe(true);
    await admin.screenshot({ path: '/tmp/publication-before-lock.png', fullPage: true });

    // The examiners' marks admit three candidates.
    const e4 = await (await newPerson(journey.browser, { tablet: true })).newPage();
    await signInToRoom(e4, url, 'e4.enseignante');
    const e22 = await (await newPerson(journey.browser, { tablet: true })).newPage();
    await signInToRoom(e22, url, 'e22.anglais');
    for (const number of ADMITTED) {
      await typeMark(e4, `mark-${number}-U41`, '20');
      await typeMark(e4, `mark-${number}-U42`, '20');
      await typeMark(e22, `mark-${number}-U22`, '20');
    }
    await expect.poll(() => e4.getByTestId('save-state').textContent()).toMatch(/Enregistré/);
    await expect.poll(() => e22.getByTestId('save-state').textContent()).toMatch(/Enregistré/);

    // The president locks (naming every incomplete candidate) and signs the minute.
    const president = await (await newPerson(journey.browser)).newPage();
    const juryId = await signInToBoard(president, url, 'presidente');
    await expect
      .poll(() => president.getByTestId(`average-${ADMITTED[0]}`).textContent(), {
        timeout: 10_000,
      })
      .toMatch(/\d+,\d\d/);
    expect(await lockConfirmingEveryone(president, url, juryId)).toEqual([409, 201]);
    await president.reload();
    await signMinute(president);
    await expect
      .poll(() => president.getByTestId('signature-info').textContent(), { timeout: 15_000 })
      .toMatch(/signé le/);
    // The president reads the jury's list from the board.
    await president.getByTestId('publication-link').click();
    await president.waitForURL(/\/jury\/\d+\/publication$/);
    await expect
      .poll(() => president.getByTestId('publication-table').locator('tbody tr').count())
      .toBe(3);
    await president.screenshot({ path: '/tmp/publication-president.png', fullPage: true });

    // The admin opens the session's list: by number, names only with consent.
    await admin.goto(`${url}${sessionPath}`);
    await admin.getByTestId('publication-link').click();
    await admin.waitForURL(/\/publication$/);
    await expect
      .poll(() => admin.getByTestId('publication-title').textContent())
      .toBe('Liste des candidats admis');
    const rows = admin.getByTestId('publication-table').locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(3);
    expect(
      await rows.evaluateAll((all) => all.map((row) => row.getAttribute('data-testid'))),
    ).toEqual(ADMITTED.map((number) => `admitted-${number}`));
    const named = await admin.getByTestId('admitted-02700001').textContent();
    expect(named).toMatch(/^02700001\s*[A-ZÀ-Ý' -]+\s+\S+/);
    for (const number of ['02700003', '02700004']) {
      expect(await admin.getByTestId(`admitted-${number}`).textContent()).toMatch(/nom non publié/);
    }
    expect(await admin.getByTestId('publication-table').locator('caption').textContent()).toMatch(
      /3 candidats admis, dont 2 sans consentement/,
    );
    expect(await admin.getByTestId(`publication-jury-${juryId}`).textContent()).toMatch(
      /délibération verrouillée le .* : 3 admis/,
    );
    await screenshot(admin, 'publication-screen');
    await admin.screenshot({ path: '/tmp/publication-screen.png', fullPage: true });

    // On paper: no navigation, no buttons, the header and the table.
    await admin.emulateMedia({ media: 'print' });
    expect(await admin.locator('.app-header').isVisible()).toBe(false);
    expect(await admin.getByTestId('publication-csv').isVisible()).toBe(false);
    expect(await admin.getByTestId('publication-title').isVisible()).toBe(true);
    // A candidate without consent: the number alone on paper.
    expect((await admin.getByTestId('admitted-02700003').innerText()).trim()).toBe('02700003');
    await admin.screenshot({ path: '/tmp/publication-print.png', fullPage: true });
    const pdf = await admin.pdf({ format: 'A4' });
    fs.writeFileSync('/tmp/publication-print.pdf', pdf);
    await admin.emulateMedia({ media: 'screen' });

    // The CSV: BOM, semicolons, the same three lines.
    const [csvDownload] = await Promise.all([
      admin.waitForEvent('download'),
      admin.getByTestId('publication-csv').click(),
    ]);
    expect(csvDownload.suggestedFilename()).toBe('admis-session-2027.csv');
    const csvPath = path.join(downloads.path, csvDownload.suggestedFilename());
    await csvDownload.saveAs(csvPath);
    const bytes = fs.readFileSync(csvPath);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe('Numéro;Nom;Prénom;Jury');
    expect(lines.slice(1).map((line) => line.split(';').slice(0, 3).join(';'))).toEqual([
      expect.stringMatching(/^02700001;[^;]+;[^;]+$/),
      '02700003;;',
      '02700004;;',
    ]);

    // One jury's list, chosen on the page.
    await admin.getByLabel('Liste à publier').selectOption(juryId);
    await admin.getByRole('button', { name: 'Afficher' }).click();
    await admin.waitForURL(new RegExp(`\\?jury=${juryId}$`));
    await expect.poll(() => rows.count()).toBe(3);

    // One candidate's relevé, alone, from the jury's candidates.
    await admin.goto(`${url}/admin/juries/${juryId}`);
    await expect.poll(() => admin.getByTestId('jury-locked').isVisible()).toBe(true);
    // No schedule can be imported on a locked jury's page: the picker gives way to the reason.
    const scheduleImport = admin.getByTestId('import-schedule');
    expect(await scheduleImport.textContent()).toMatch(/son planning ne s’importe plus/);
    expect(await scheduleImport.locator('input[type="file"]').count()).toBe(0);
    const [releve] = await Promise.all([
      admin.waitForEvent('download'),
      admin.getByTestId('candidate-transcript-02700003').click(),
    ]);
    expect(releve.suggestedFilename()).toMatch(/^releve-02700003-jury-\d+-session-2027\.pdf$/);
    const relevePath = path.join(downloads.path, releve.suggestedFilename());
    await releve.saveAs(relevePath);
    expect(fs.readFileSync(relevePath).subarray(0, 5).toString()).toBe('%PDF-');
    // Each candidate's decision in force; a candidate not deliberated has no relevé.
    expect(await admin.getByTestId('candidate-decision-02700003').textContent()).toMatch(/Admis/);
    expect(await admin.getByTestId('candidate-decision-02700002').textContent()).toMatch(
      /non délibéré/,
    );
    expect(await admin.getByTestId('candidate-transcript-02700002').count()).toBe(0);
    await screenshot(admin, 'publication-jury-candidates');
    await admin.screenshot({ path: '/tmp/publication-jury-candidates.png', fullPage: true });
  });
});
