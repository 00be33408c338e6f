import { describe, expect, it } from 'vitest';
import { createSession, writeCandidateFile } from './support/admin-steps.js';
import { newPerson, screenshot } from './support/browser.js';
import { useAppAndBrowser, useTemporaryFolder } from './support/journey.js';
import { signInToAdmin } from './support/sign-in-steps.js';

/**
 * Journey: the centre opens a BTS MCO session in the 2024 numbering (E1–E8) and imports a
 * candidate file whose bénéfices were obtained under the 2018 numbering: the preview shows
 * each one carried to its 2024 unit, and a code the table does not hold is refused by line.
 */
describe('the centre carries 2018 bénéfices into a 2024 session', () => {
  const journey = useAppAndBrowser();
  const directory = useTemporaryFolder('delib-benefices-e2e-');

  it('from the 2024 session form to bénéfices stored under U4 and U5', async () => {
    const context = await newPerson(journey.browser);
    const admin = await context.newPage();
    await signInToAdmin(admin, journey.app.url, 'admin');
    await createSession(admin, {
      regulation: 'bts-mco-2024',
      year: '2027',
      centre: 'Lycée Condorcet',
      academie: 'Paris',
    });
    expect(await admin.getByTestId('import-written-marks').textContent()).toMatch(
      /U1, U2, U4, U7, U8/,
    );

    // A 2018 code the table does not hold: refused by line, in French.
    await admin
      .getByTestId('import-candidates-file')
      .setInputFiles(
        writeCandidateFile(directory.path, 'faux.csv', [
          '02798001;Morel;Inès;01/03/2006;scolaire;anglais;;;U7=12@2024;',
        ]),
      );
    const problems = admin.getByTestId('import-candidates-problems');
    await expect.poll(() => problems.getByTestId('import-candidates-problems-row').count()).toBe(1);
    expect(await problems.textContent()).toMatch(
      /numérotation bts-mco-2018, où l’unité U7 n’a pas de correspondance/,
    );

    // 2018 codes of 2023: U41 → U5, U3 (CEJM) → U4, shown before anything is written.
    await admin
      .getByTestId('import-candidates-file')
      .setInputFiles(
        writeCandidateFile(directory.path, 'candidats.csv', [
          '02798001;Morel;Inès;01/03/2006;scolaire;anglais;;;U41=12@2023 U3=11,5@2023;',
        ]),
      );
    const carried = admin.getByTestId('import-candidates-carried');
    await expect.poll(() => carried.locator('tbody tr').count()).toBe(2);
    const rows = await carried.locator('tbody tr').allTextContents();
    expect(rows[0]?.replace(/\s+/g, ' ')).toMatch(/02798001 \(ligne 2\) ?U41 ?2023 ?U5/);
    expect(rows[1]?.replace(/\s+/g, ' ')).toMatch(/U3 ?2023 ?U4/);
    await screenshot(admin, 'benefices-carried');
    await admin.screenshot({ path: '/tmp/specialties-benefices-carried.png', fullPage: true });
    await admin.getByTestId('import-candidates-submit').click();
    await expect.poll(() => admin.getByTestId('session-candidates-count').textContent()).toBe('1');
    await context.close();
  });
});
