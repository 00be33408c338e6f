import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { candidatesAwaitingOrals, boardCandidates, french } from './support/board-candidates.js';
import type { BoardCandidate } from './support/board-candidates.js';
import { newPerson, screenshot, signMinute } from './support/browser.js';
import { useAppAndBrowser, useTemporaryFolder } from './support/journey.js';
import { examinersEnterOralMarks } from './support/room-steps.js';
import { signInToBoard } from './support/sign-in-steps.js';

/**
 * A candidate with plain written marks and the three orals to come, and the oral mark that
 * gives them an average from 9,50 to 9,99: the borderline case a jury looks at first.
 */
function borderlineCase(candidates: BoardCandidate[]): { candidate: BoardCandidate; mark: number } {
  const cases: { candidate: BoardCandidate; mark: number }[] = [];
  for (const { candidate, written } of candidatesAwaitingOrals(candidates)) {
    for (let mark = 0; mark <= 19; mark += 0.5) {
      const average = (written + 7.5 * mark) / 21;
      if (average >= 9.5 && average < 10) cases.push({ candidate, mark });
    }
  }
  // The most ordinary oral mark: the closest to 10.
  cases.sort((a, b) => Math.abs(a.mark - 10) - Math.abs(b.mark - 10));
  const found = cases[0];
  if (!found) throw new Error('aucun candidat de la démonstration ne peut être un cas limite');
  return found;
}

/**
 * Journey: the examiners' marks make a candidate borderline; the president finds them first,
 * adjusts an oral mark with a reason, records the livret scolaire, locks the deliberation
 * (confirming each incomplete candidate by name), signs the minute and downloads it; anyone
 * can then check the PDF on /verifier without signing in.
 */
describe('from the deliberation to a verified minute', () => {
  const journey = useAppAndBrowser();
  const downloads = useTemporaryFolder('delib-e2e-pv-');

  it('the president adjusts, locks, signs; the PDF verifies as authentic', async () => {
    const president = await (await newPerson(journey.browser)).newPage();
    const juryId = await signInToBoard(president, journey.app.url, 'presidente');
    const { candidate, mark } = borderlineCase(await boardCandidates(president, juryId));
    const number = candidate.number;

    // The examiners of both rooms enter the candidate's oral marks.
    const { e4 } = await examinersEnterOralMarks(
      journey.browser,
      journey.app.url,
      number,
      french(mark),
    );

    // A member follows the same board, read-only but for their own notes.
    const member = await (await newPerson(journey.browser)).newPage();
    await signInToBoard(member, journey.app.url, 'membre.martin');
    await expect.poll(() => member.getByTestId('board-role').textContent()).toMatch(/membre/);

    // Borderline first: the candidate heads the board.
    await expect
      .poll(() => president.getByTestId(`average-${number}`).textContent(), { timeout: 10_000 })
      .toMatch(/^\s*9,[5-9]\d\s*$/);
    await president.getByTestId('sort-select').selectOption('borderline');
    await expect
      .poll(() =>
        president.locator('[data-testid="board"] tbody tr').first().getAttribute('data-testid'),
      )
      .toBe(`row-${number}`);

    // The panel: entries with their origin, an adjustment with its reason, the livret.
    await president.getByTestId(`open-candidate-${number}`).click();
    const panel = president.getByTestId('candidate-panel');
    await expect.poll(() => panel.isVisible()).toBe(true);
    await expect.poll(() => panel.textContent()).toMatch(/Session 2027 · Commission E41\/E42/);
    await president.getByTestId('adjust-U41').click();
    await president.getByTestId('adjust-mark-U41').fill(french(mark + 1));
    await president.getByTestId('adjust-save-U41').click();
    await expect
      .poll(() => president.getByTestId('adjust-reason-error-U41').textContent())
      .toMatch(/motif/i);
    await president
      .getByTestId('adjust-reason-U41')
      .fill('Erreur de report sur la grille d’évaluation');
    await president.getByTestId('adjust-save-U41').click();
    await expect
      .poll(() => president.getByTestId('panel-entry-U41').textContent())
      .toMatch(new RegExp(`${french(mark)}\\s*→\\s*ajustée à\\s*${french(mark + 1)}`));
    await president.getByTestId('livret-consulted').check();
    await expect
      .poll(() => president.getByTestId('save-state').textContent())
      .toMatch(/Enregistré/);
    await expect
      .poll(() => president.getByTestId('history-list').textContent(), { timeout: 10_000 })
      .toMatch(/Ajustement du jury/);
    await screenshot(president, 'candidate-panel');
    await president.keyboard.press('Escape');
    await expect.poll(() => panel.count()).toBe(0);
    await expect
      .poll(() => president.getByTestId(`entry-${number}-U41`).textContent())
      .toMatch(new RegExp(`→\\s*${french(mark + 1)}`));

    // Lock: the server names the incomplete candidates, the president confirms each one.
    await president.getByTestId('lock-open').click();
    await president.getByTestId('lock-submit').click();
    const confirmations = president.locator('[data-testid^="lock-confirm-"]');
    await expect.poll(() => confirmations.count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await expect
      .poll(() => president.getByTestId('lock-incomplete').textContent())
      .toMatch(/Je confirme que [A-ZÀ-Ý-]+ .+ sera porté·e « non délibéré·e »/);
    const submit = president.getByTestId('lock-submit-confirmed');
    const count = await confirmations.count();
    for (let index = 0; index < count; index++) {
      expect(await submit.isDisabled()).toBe(true);
      await confirmations.nth(index).check();
    }
    await submit.click();
    await expect
      .poll(() => president.getByTestId('board-locked').textContent(), { timeout: 10_000 })
      .toMatch(/Délibération verrouillée le .* à \d{1,2} h \d{2}\s— SHA-256 [0-9a-f]{64}/s);
    // Every open board switches to read-only.
    await expect
      .poll(() => member.getByTestId('board-locked').textContent(), { timeout: 10_000 })
      .toMatch(/Délibération verrouillée/);
    await expect.poll(() => e4.getByTestId('room-locked').isVisible()).toBe(true);

    // Before the signature the minute and the relevés cannot be downloaded, the results can.
    expect(await president.getByTestId('download-minute').isDisabled()).toBe(true);
    expect(await president.getByTestId('download-transcripts').isDisabled()).toBe(true);
    expect(await president.getByTestId('download-results').isDisabled()).toBe(false);

    // Sign, then download the minute.
    await signMinute(president);
    await expect
      .poll(() => president.getByTestId('signature-info').textContent(), { timeout: 15_000 })
      .toMatch(/signé le .+ par\s+Claire Fontaine/s);
    await screenshot(president, 'board-locked-signed');
    const [download] = await Promise.all([
      president.waitForEvent('download'),
      president.getByTestId('download-minute').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    const pdf = path.join(downloads.path, download.suggestedFilename());
    await download.saveAs(pdf);
    expect(fs.readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');

    // Anyone checks it on /verifier, linked from the sign-in page, without signing in.
    const visitor = await (await newPerson(journey.browser)).newPage();
    await visitor.goto(journey.app.url);
    await visitor.getByTestId('verify-link').click();
    await visitor.waitForURL(/\/verifier$/);
    await visitor.getByTestId('verify-file').setInputFiles(pdf);
    await expect
      .poll(() => visitor.getByTestId('verify-verdict').textContent(), { timeout: 20_000 })
      .toMatch(/Authentique/);
    expect(await visitor.getByTestId('verify-verdict').getAttribute('data-outcome')).toBe(
      'authentic',
    );
    await expect.poll(() => visitor.getByTestId('verify-record').textContent()).toContain(number);
    await screenshot(visitor, 'verify-authentic');

    // The relevés verify too: genuine, not « non authentique ».
    const [relevesDownload] = await Promise.all([
      president.waitForEvent('download'),
      president.getByTestId('download-transcripts').click(),
    ]);
    const releves = path.join(downloads.path, 'releves.pdf');
    await relevesDownload.saveAs(releves);
    await visitor.getByTestId('verify-file').setInputFiles(releves);
    await expect
      .poll(() => visitor.getByTestId('verify-verdict').getAttribute('data-outcome'), {
        timeout: 20_000,
      })
      .toBe('authentic');
    await expect
      .poll(() => visitor.getByTestId('verify-transcripts').textContent())
      .toContain(number);

    // The QR code of every page opens /verifier with the minute's code, the one the president
    // sees beside the signature.
    const code = /code de vérification ([0-9a-f]{4} [0-9a-f]{4} [0-9a-f]{4})/.exec(
      (await president.getByTestId('signature-info').textContent()) ?? '',
    )?.[1];
    expect(code).toBeDefined();
    await visitor.goto(`${journey.app.url}/verifier?code=${(code as string).replace(/ /g, '')}`);
    await expect
      .poll(() => visitor.getByTestId('verify-verdict').textContent(), { timeout: 20_000 })
      .toMatch(new RegExp(`Authentique.*Code vérifié : ${code as string}`, 's'));
    // By its code (which any relevé lets one work out), the minute shows its header, never its
    // candidates; its PDF, dropped right there, shows them.
    await expect
      .poll(() => visitor.getByTestId('verify-minute-header').textContent())
      .toMatch(/\d+ candidats/);
    expect(await visitor.getByTestId('verify-file-only').textContent()).toContain(
      'déposez ici le fichier PDF du procès-verbal',
    );
    expect(await visitor.getByTestId('verify-record').count()).toBe(0);
    expect(await visitor.locator('main').textContent()).not.toContain(number);
    await screenshot(visitor, 'verify-by-code');
    await visitor.getByTestId('verify-header-file').setInputFiles(pdf);
    await expect
      .poll(() => visitor.getByTestId('verify-record').textContent(), { timeout: 20_000 })
      .toContain(number);
  });
});
