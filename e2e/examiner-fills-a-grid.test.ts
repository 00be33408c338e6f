import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { newPerson, screenshot } from './support/browser.js';
import { lockConfirmingEveryone, useAppAndBrowser, useTemporaryFolder } from './support/journey.js';
import { signInToBoard, signInToRoom } from './support/sign-in-steps.js';

/** Where the journey leaves what a person should look at (screenshots, the fiche's page). */
const LOOK = process.env.DELIB_LOOK_DIR ?? os.tmpdir();

const isFocused = (page: Page, testId: string) =>
  page.getByTestId(testId).evaluate((element) => {
    const active = document.activeElement;
    return active === element || (active !== null && element.contains(active));
  });

/**
 * Journey: the examiner fills the evaluation grid of U41 with the keyboard on a tablet, sees
 * the proposed mark, takes it into the field, then types and validates another mark; the
 * president's board counts the validated mark; once locked, the president downloads the
 * candidate's fiche d'évaluation.
 */
describe('an examiner fills a grid; the validated mark counts; the fiche prints it', () => {
  const journey = useAppAndBrowser();
  const downloads = useTemporaryFolder('delib-e2e-fiche-');

  it('from the grid to the fiche d’évaluation', async () => {
    const tablet = await (await newPerson(journey.browser, { tablet: true })).newPage();
    await signInToRoom(tablet, journey.app.url, 'e4.enseignante');
    await expect.poll(() => tablet.getByTestId('save-state').textContent()).toMatch(/Enregistré/);
    await expect
      .poll(() => tablet.getByTestId('room-instructions').textContent())
      .toMatch(/Alt\s*\+\s*G/);

    // Keyboard first: from the mark field, Alt+G opens the grid on its first criterion.
    const field = tablet.getByTestId('mark-02700001-U41');
    await field.focus();
    await field.press('Alt+g');
    const grid = tablet.getByTestId('grid-mark-02700001-U41');
    await expect.poll(() => grid.isVisible()).toBe(true);
    await expect
      .poll(() => tablet.getByTestId('grid-example-mark-02700001-U41').textContent())
      .toMatch(/Grille d’exemple — à remplacer par la grille de la circulaire nationale/);
    await expect.poll(() => isFocused(tablet, 'level-mark-02700001-U41-cibler-ti')).toBe(true);

    // Arrows choose a level within a criterion; Tab moves to the next criterion.
    // cibler: Satisfaisant (3), vendre: Satisfaisant (6), fideliser: Insuffisant (1),
    // communication: Très satisfaisant (4) → 14 points of 20.
    const keys = [
      ['ArrowRight', 'ArrowRight'],
      ['ArrowRight', 'ArrowRight'],
      ['ArrowRight'],
      ['ArrowRight', 'ArrowRight', 'ArrowRight'],
    ];
    for (const [index, presses] of keys.entries()) {
      for (const key of presses) await tablet.keyboard.press(key);
      if (index < keys.length - 1) await tablet.keyboard.press('Tab');
    }
    const proposal = tablet.getByTestId('grid-proposal-mark-02700001-U41');
    await expect.poll(() => proposal.textContent()).toMatch(/Note proposée : 14 \/ 20/);
    await expect
      .poll(() => proposal.textContent())
      .toMatch(/arrondie au demi-point le plus proche \(un demi-pas exact vers le haut\)/);
    await expect
      .poll(() => tablet.getByTestId('level-mark-02700001-U41-vendre-s').isChecked())
      .toBe(true);
    // The grid proposes; it never writes the mark by itself.
    expect(await field.inputValue()).toBe('');
    await expect.poll(() => tablet.getByTestId('save-state').textContent()).toMatch(/Enregistré/);
    await screenshot(tablet, 'grid-tablet');
    await tablet.screenshot({ path: path.join(LOOK, 'grids-tablet.png'), fullPage: false });

    // Tab reaches « Reprendre la note proposée »; Enter puts 14 in the field, focused.
    await tablet.keyboard.press('Tab');
    await expect.poll(() => isFocused(tablet, 'use-proposal-mark-02700001-U41')).toBe(true);
    await tablet.keyboard.press('Enter');
    await expect.poll(() => field.inputValue()).toBe('14');
    await expect.poll(() => isFocused(tablet, 'mark-02700001-U41')).toBe(true);

    // The examiner keeps the last word: types 12 and validates it.
    await field.fill('12');
    await field.press('Enter');
    await expect.poll(() => tablet.getByTestId('save-state').textContent()).toMatch(/Enregistré/);

    // The room's other examiner, on a laptop, sees the grid and the mark live.
    const laptop = await (await newPerson(journey.browser)).newPage();
    await signInToRoom(laptop, journey.app.url, 'e4.professionnel');
    await expect.poll(() => laptop.getByTestId('mark-02700001-U41').inputValue()).toBe('12');
    await laptop.getByTestId('grid-toggle-mark-02700001-U41').click();
    await expect
      .poll(() => laptop.getByTestId('level-mark-02700001-U41-communication-ts').isChecked())
      .toBe(true);
    await expect
      .poll(() => laptop.getByTestId('grid-proposal-mark-02700001-U41').textContent())
      .toMatch(/Note proposée : 14 \/ 20/);
    await screenshot(laptop, 'grid-laptop');
    await laptop
      .getByTestId('passage-02700001')
      .screenshot({ path: path.join(LOOK, 'grids-laptop.png') });

    // The president's board counts the validated 12, not the proposed 14.
    const president = await (await newPerson(journey.browser)).newPage();
    const juryId = await signInToBoard(president, journey.app.url, 'presidente');
    await expect
      .poll(() => president.getByTestId('entry-02700001-U41').textContent(), { timeout: 5000 })
      .toMatch(/^\s*12\s*$/);

    // Locked, the fiche d'évaluation downloads from the candidate's panel.
    expect(await lockConfirmingEveryone(president, journey.app.url, juryId)).toEqual([409, 201]);
    await president.reload();
    await expect.poll(() => president.getByTestId('board-locked').isVisible()).toBe(true);
    await president.getByTestId('open-candidate-02700001').click();
    const sheetButton = president.getByTestId('download-evaluation-sheet');
    await sheetButton.scrollIntoViewIfNeeded();
    await president.screenshot({ path: path.join(LOOK, 'grids-panel.png') });
    const [download] = await Promise.all([
      president.waitForEvent('download'),
      president.getByTestId('download-evaluation-sheet').click(),
    ]);
    expect(download.suggestedFilename()).toBe('fiche-evaluation-02700001.pdf');
    const pdf = path.join(downloads.path, download.suggestedFilename());
    await download.saveAs(pdf);
    expect(fs.readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // One page: U41 is the candidate's only oral entry. Rendered to PNG to be looked at.
    if (fs.existsSync('/usr/bin/pdftoppm')) {
      execFileSync('/usr/bin/pdftoppm', [
        '-png',
        '-r',
        '80',
        '-singlefile',
        pdf,
        path.join(LOOK, 'grids-fiche'),
      ]);
    }
    if (fs.existsSync('/usr/bin/pdftotext')) {
      const text = execFileSync('/usr/bin/pdftotext', ['-layout', pdf, '-']).toString('utf8');
      expect(text).toMatch(/Note proposée par la grille : 14 \/ 20/);
      expect(text).toMatch(/Note attribuée par la commission : 12 \/ 20/);
      expect(text).toMatch(/Examinateurs : Julie Bernard, Marc Dubois/);
    }
  });
});
