import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { candidatesAwaitingOrals, boardCandidates, french } from './support/board-candidates.js';
import type { BoardCandidate } from './support/board-candidates.js';
import { newPerson, screenshot } from './support/browser.js';
import { useAppAndBrowser } from './support/journey.js';
import { examinersEnterOralMarks } from './support/room-steps.js';
import { signInToBoard } from './support/sign-in-steps.js';

/**
 * A candidate with plain written marks and the three orals to come, and one oral mark for all
 * three that admits them (average from 10,5 to 12), so that a U41 brought down to 0 (3 points
 * of coefficient) takes the average below 10.
 */
function admittedCase(candidates: BoardCandidate[]): { candidate: BoardCandidate; mark: number } {
  for (const { candidate, written } of candidatesAwaitingOrals(candidates)) {
    for (let mark = 8; mark <= 16; mark += 0.5) {
      const average = (written + 7.5 * mark) / 21;
      const withoutU41 = (written + 4.5 * mark) / 21;
      if (average >= 10.5 && average < 12 && withoutU41 < 10) return { candidate, mark };
    }
  }
  throw new Error('aucun candidat de la démonstration ne convient');
}

const out = (name: string) => `/tmp/rectify-sign-e2e-${name}`;

async function downloadTo(page: Page, testId: string, file: string): Promise<string> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId(testId).click(),
  ]);
  await download.saveAs(file);
  return file;
}

async function verifyOnPage(visitor: Page, file: string): Promise<void> {
  await visitor.getByTestId('verify-file').setInputFiles(file);
  await expect
    .poll(() => visitor.getByTestId('verify-verdict').getAttribute('data-outcome'), {
      timeout: 20_000,
    })
    .toBe('authentic');
}

/**
 * Journey: the president locks with the émargement, signs the minute with her password (a
 * wrong one first: the dialog says so), rectifies a mark from the locked candidate panel with
 * a reason, sees the recomputed decision, signs the rectified minute; /verifier accepts both
 * minutes, the rectified one naming the original's code.
 */
describe('rectify after the lock, and sign', () => {
  const journey = useAppAndBrowser();
  beforeAll(() => {
    for (const file of fs.readdirSync('/tmp')) {
      if (file.startsWith('rectify-sign-e2e-')) fs.rmSync(path.join('/tmp', file));
    }
  });
  afterAll(() => undefined);

  it('locks with the émargement, signs, rectifies, signs the rectified minute; both verify', async () => {
    const president = await (await newPerson(journey.browser)).newPage();
    const juryId = await signInToBoard(president, journey.app.url, 'presidente');
    const { candidate, mark } = admittedCase(await boardCandidates(president, juryId));
    const number = candidate.number;

    await examinersEnterOralMarks(journey.browser, journey.app.url, number, french(mark));
    await expect
      .poll(() => president.getByTestId(`row-${number}`).textContent(), { timeout: 10_000 })
      .toMatch(/Admis/);

    // One member is absent today: the president unticks him before locking.
    await president.getByRole('checkbox', { name: /Éric Girard/ }).uncheck();
    await expect
      .poll(() => president.getByTestId('save-state').textContent())
      .toMatch(/Enregistré/);

    // The lock dialog shows the émargement that the lock records.
    await president.getByTestId('lock-open').click();
    const emargement = president.getByTestId('lock-attendance');
    await expect.poll(() => emargement.textContent()).toMatch(/Éric Girard.+absent·e/s);
    await expect.poll(() => emargement.textContent()).toMatch(/Claire Fontaine.+présent·e/s);
    await screenshot(president, 'rectify-sign-lock-emargement');
    await president.getByTestId('lock-submit').click();
    const confirmations = president.locator('[data-testid^="lock-confirm-"]');
    await expect.poll(() => confirmations.count(), { timeout: 10_000 }).toBeGreaterThan(0);
    const count = await confirmations.count();
    for (let index = 0; index < count; index++) await confirmations.nth(index).check();
    await president.getByTestId('lock-submit-confirmed').click();
    await expect
      .poll(() => president.getByTestId('board-locked').textContent(), { timeout: 10_000 })
      .toMatch(/Délibération verrouillée/);

    // Signing asks the password again; a wrong one signs nothing and says so.
    await president.getByTestId('sign-minute-open').click();
    const password = president.getByTestId('sign-minute-password');
    await expect.poll(() => password.evaluate((el) => el === document.activeElement)).toBe(true);
    await password.fill('pas le bon');
    await password.press('Enter');
    await expect
      .poll(() => president.getByTestId('sign-minute-problem').textContent())
      .toMatch(/Mot de passe incorrect : le procès-verbal n’est pas signé\./);
    await screenshot(president, 'rectify-sign-signature-dialog-wrong-password');
    expect(await president.getByTestId('signature-info').count()).toBe(0);
    await password.fill('demo-2027');
    await president.getByTestId('sign-minute-submit').click();
    await expect
      .poll(() => president.getByTestId('signature-info').textContent(), { timeout: 15_000 })
      .toMatch(/signé le .+ par Claire Fontaine/s);
    const originalCode = /code de vérification ([0-9a-f]{4} [0-9a-f]{4} [0-9a-f]{4})/.exec(
      (await president.getByTestId('signature-info').textContent()) ?? '',
    )?.[1];
    expect(originalCode).toBeDefined();
    const original = await downloadTo(president, 'download-minute', out('original.pdf'));

    // The locked candidate panel: rectify U41 with a reason; the decision is recomputed.
    await president.getByTestId(`open-candidate-${number}`).click();
    await president.getByTestId('rectify-open').click();
    await expect
      .poll(() =>
        president.getByTestId('rectify-unit').evaluate((el) => el === document.activeElement),
      )
      .toBe(true);
    await president.getByTestId('rectify-unit').selectOption('U41');
    await president.getByTestId('rectify-value').fill('0');
    await president.getByTestId('rectify-save').click();
    await expect
      .poll(() => president.getByTestId('rectify-reason-error').textContent())
      .toMatch(/motif de la rectification est obligatoire/);
    await president
      .getByTestId('rectify-reason')
      .fill('Note de U41 reportée depuis la grille d’un autre candidat');
    await president.getByTestId('rectification').screenshot({ path: out('form.png') });
    await screenshot(president, 'rectify-sign-rectification-form');
    await president.getByTestId('rectify-save').click();
    await expect
      .poll(() => president.getByTestId('rectification-done').textContent(), { timeout: 10_000 })
      .toMatch(/Rectification enregistrée le .+ : décision Admis → (Refusé|Contrôle)/);
    const decided = /décision Admis → (\S+)\./.exec(
      (await president.getByTestId('rectification-done').textContent()) ?? '',
    )?.[1] as string;
    await expect
      .poll(() => president.getByTestId('rectified-decision').textContent())
      .toMatch(
        new RegExp(`Décision après rectification : ${decided}\\s*\\(au verrouillage : Admis\\)`),
      );
    await president.getByTestId('rectification').screenshot({ path: out('done.png') });
    await president.keyboard.press('Escape');
    // The locked board follows: the row shows the recomputed decision.
    await expect
      .poll(() => president.getByTestId(`row-${number}`).textContent())
      .toContain(decided);

    // The minute panel lists it, and the rectified minute is signed with the password.
    await expect
      .poll(() => president.getByTestId('rectifications').textContent())
      .toMatch(new RegExp(`${number}.+U41 : ${french(mark)} → 0.+Admis → ${decided}`, 's'));
    await president.getByTestId('sign-rectified-open').click();
    await president.getByTestId('sign-rectified-password').fill('demo-2027');
    await screenshot(president, 'rectify-sign-rectified-dialog');
    await president
      .getByTestId('sign-rectified-dialog')
      .screenshot({ path: out('rectified-dialog.png') });
    await president.getByTestId('sign-rectified-submit').click();
    await expect
      .poll(() => president.getByTestId('rectified-info-1').textContent(), { timeout: 15_000 })
      .toContain(`se réfère au procès-verbal d’origine ${originalCode as string}`);
    await screenshot(president, 'rectify-sign-board-rectified');
    await president.getByTestId('minute-panel').screenshot({ path: out('minute-panel.png') });
    const rectified = await downloadTo(president, 'download-rectified', out('rectified.pdf'));

    // /verifier accepts both; the rectified one names the original's code.
    const visitor = await (await newPerson(journey.browser)).newPage();
    await visitor.goto(`${journey.app.url}/verifier`);
    await verifyOnPage(visitor, original);
    await expect.poll(() => visitor.getByTestId('verify-record').textContent()).toContain(number);
    await verifyOnPage(visitor, rectified);
    await expect
      .poll(() => visitor.getByTestId('verify-rectifies').textContent())
      .toContain(originalCode as string);
    await expect
      .poll(() => visitor.getByTestId('verify-rectifications').textContent())
      .toMatch(/Note de U41 reportée/);
    await screenshot(visitor, 'rectify-sign-verify-rectified');

    // The relevés handed out now are those of the rectified minute: they verify too, and the
    // candidate's names the correction.
    const releves = await downloadTo(president, 'download-transcripts', out('releves.pdf'));
    await verifyOnPage(visitor, releves);
    await expect
      .poll(() => visitor.getByTestId('verify-transcripts').textContent())
      .toContain(number);
    await visitor.getByTestId('verify-verdict').screenshot({ path: out('verdict.png') });

    // The pages of both minutes, as images, to look at the signature block.
    try {
      execFileSync('pdftoppm', ['-r', '60', '-png', original, out('original')]);
      execFileSync('pdftoppm', ['-r', '60', '-png', rectified, out('rectified')]);
      execFileSync('pdftoppm', ['-r', '60', '-png', releves, out('releves')]);
    } catch {
      // pdftoppm (poppler-utils) is only for a person to look at the pages.
    }
  });
});
