import { describe, expect, it } from 'vitest';
import { newPerson, screenshot } from './support/browser.js';
import { useAppAndBrowser } from './support/journey.js';
import { signInToBoard, signInToRoom } from './support/sign-in-steps.js';

/**
 * Journey: the two examiners of room B204 mark the same candidate. The professional's tablet
 * is offline when the teacher's 9 is saved; the professional types 14 and comes back. Yjs
 * keeps one of the two values (by its own order of client ids, so either may win): the
 * examiner whose value was replaced is told who replaced it and by what, and the cell's
 * history on the president's board shows both values.
 */
const TEACHER = 'Julie Bernard';
const PROFESSIONAL = 'Marc Dubois';

describe('two examiners on one cell', () => {
  const journey = useAppAndBrowser();

  it('tells the examiner whose value was replaced, and the history keeps both', async () => {
    const teacher = await (await newPerson(journey.browser, { tablet: true })).newPage();
    await signInToRoom(teacher, journey.app.url, 'e4.enseignante');
    const professionalContext = await newPerson(journey.browser, { tablet: true });
    const professional = await professionalContext.newPage();
    await signInToRoom(professional, journey.app.url, 'e4.professionnel');
    for (const page of [teacher, professional]) {
      await expect.poll(() => page.getByTestId('save-state').textContent()).toMatch(/Enregistré/);
    }

    await professionalContext.setOffline(true);
    const teacherField = teacher.getByTestId('mark-02700004-U41');
    await teacherField.fill('9');
    await teacherField.press('Enter');
    await expect.poll(() => teacher.getByTestId('save-state').textContent()).toMatch(/Enregistré/);

    const professionalField = professional.getByTestId('mark-02700004-U41');
    await professionalField.fill('14');
    await professionalField.press('Enter');
    await expect
      .poll(() => professional.getByTestId('save-state').textContent(), { timeout: 30_000 })
      .toMatch(/Hors ligne – 1 saisie en attente/);
    await professionalContext.setOffline(false);
    await expect
      .poll(() => professional.getByTestId('save-state').textContent(), { timeout: 30_000 })
      .toMatch(/Enregistré/);

    // Both rooms end on one value.
    await expect
      .poll(async () => [await teacherField.inputValue(), await professionalField.inputValue()], {
        timeout: 10_000,
      })
      .toSatisfy(([a, b]) => a === b && (a === '9' || a === '14'));
    const kept = await teacherField.inputValue();
    // Whoever's value went is told who replaced it, and by what.
    const [replaced, standing, writer, before, after] =
      kept === '14'
        ? [teacher, professional, PROFESSIONAL, '9', '14']
        : [professional, teacher, TEACHER, '14', '9'];
    const notice = replaced.getByTestId('replacement-notice');
    await expect.poll(() => notice.count(), { timeout: 10_000 }).toBe(1);
    expect(await notice.textContent()).toContain(
      `${writer} a remplacé votre note ${before} par ${after} (U41, 02700004 – DA SILVA Lucas)`,
    );
    // The examiner whose value stands is told nothing.
    expect(await standing.getByTestId('replacement-notice').count()).toBe(0);
    // The notice lives in an aria-live region of the sticky header.
    expect(await replaced.getByTestId('replacement-notices').getAttribute('aria-live')).toBe(
      'polite',
    );
    await replaced.screenshot({ path: '/tmp/board-room-overwrite-notice.png' });
    await screenshot(replaced, 'room-overwrite-notice');

    // « Voir la note » leads to the field; « J’ai vu » dismisses the notice.
    await notice.getByRole('link', { name: 'Voir la note' }).click();
    await expect
      .poll(() =>
        replaced
          .getByTestId('mark-02700004-U41')
          .evaluate((field) => field === document.activeElement),
      )
      .toBe(true);
    await notice.getByRole('button', { name: 'J’ai vu' }).click();
    await expect.poll(() => replaced.getByTestId('replacement-notice').count()).toBe(0);

    // The president's history of the cell shows both values.
    const president = await (await newPerson(journey.browser)).newPage();
    await signInToBoard(president, journey.app.url, 'presidente');
    await president.getByTestId('open-candidate-02700004').click();
    const history = president.getByTestId('history-list');
    await expect
      .poll(() => history.textContent(), { timeout: 10_000 })
      .toMatch(new RegExp(`${before} → ${after}`));
    const rows = await history.locator('tbody tr').allTextContents();
    const u41 = rows.filter((row) => row.includes('U41'));
    expect(u41.some((row) => /— → 9/.test(row))).toBe(true);
    expect(u41.some((row) => row.includes('14'))).toBe(true);
    expect(u41.some((row) => /Saisie simultanée/.test(row))).toBe(true);
    await history.scrollIntoViewIfNeeded();
    await president.screenshot({ path: '/tmp/board-room-overwrite-history.png' });
  });
});
