import { describe, expect, it } from 'vitest';
import { markPage, newPerson, stillSamePage } from './support/browser.js';
import { useAppAndBrowser } from './support/journey.js';
import { typeMark } from './support/room-steps.js';
import { signInToAdmin, signInToBoard, signInToRoom } from './support/sign-in-steps.js';

/**
 * Journey: an examiner enters a mark; the centre's administrator removes that candidate's
 * passage from the room, is shown the entry the removal takes off the board (candidate, unit,
 * value) and confirms. The president's open board and the room's page follow without a
 * reload: the candidate becomes incomplete. The administrator restores the passage, and the
 * same mark is back.
 */
describe('removing a passage that holds a mark is confirmed, and undone', () => {
  const journey = useAppAndBrowser();

  it('names the entry, updates the open pages live, and gives the mark back', async () => {
    const president = await (await newPerson(journey.browser)).newPage();
    const juryId = await signInToBoard(president, journey.app.url, 'presidente');

    // The examiners enter 02700001's oral marks; the board computes a decision.
    const e4 = await (await newPerson(journey.browser, { tablet: true })).newPage();
    await signInToRoom(e4, journey.app.url, 'e4.enseignante');
    await e4.getByTestId('mark-02700001-U41').fill('14');
    await e4.getByTestId('mark-02700001-U41').press('Tab');
    await e4.getByTestId('mark-02700001-U42').fill('12');
    await e4.getByTestId('mark-02700001-U42').press('Enter');
    const e22 = await (await newPerson(journey.browser, { tablet: true })).newPage();
    await signInToRoom(e22, journey.app.url, 'e22.anglais');
    const e22Url = e22.url();
    await typeMark(e22, 'mark-02700001-U22', '13');
    await expect.poll(() => e22.getByTestId('save-state').textContent()).toMatch(/Enregistré/);
    await expect
      .poll(() => president.getByTestId('entry-02700001-U22').textContent(), { timeout: 5000 })
      .toMatch(/13/);
    await expect
      .poll(() => president.getByTestId('decision-02700001').textContent())
      .toMatch(/Admis|Refusé|contrôle/i);
    const decisionBefore = (await president.getByTestId('decision-02700001').textContent())?.trim();
    await markPage(president);
    await markPage(e22);

    // The administrator removes 02700001 from the E22 room and saves.
    const admin = await (await newPerson(journey.browser)).newPage();
    await signInToAdmin(admin, journey.app.url, 'admin');
    await admin.goto(`${journey.app.url}/admin/juries/${juryId}`);
    const room = admin.locator('[data-testid^="commission-card-"]', { hasText: 'C101' });
    await room.getByTestId('passages-toggle').click();
    await room
      .getByTestId('passage-row-02700001')
      .getByRole('button', { name: /Retirer .* de cette salle/ })
      .click();
    await room.getByTestId('passages-save').click();

    // The server refuses until the admin confirms: the entry is named.
    const confirmation = room.getByTestId('passages-confirm');
    await expect.poll(() => confirmation.isVisible()).toBe(true);
    expect(await confirmation.evaluate((element) => element === document.activeElement)).toBe(true);
    const leaving = room.getByTestId('passages-leaving-02700001-U22');
    await expect.poll(() => leaving.textContent()).toMatch(/02700001 – ARNAUD Léa/);
    expect(await leaving.textContent()).toMatch(/U22.*Saisie en salle.*13/s);
    expect(await confirmation.textContent()).toMatch(/1 passage retiré ôterait 1 saisie/);
    // Nothing changed yet: the board still reads the mark.
    expect(await president.getByTestId('entry-02700001-U22').textContent()).toMatch(/13/);
    await confirmation.scrollIntoViewIfNeeded();
    await admin.screenshot({ path: '/tmp/passages-confirmation.png' });

    // Keyboard: Tab from the confirmation to its button, Enter.
    await admin.keyboard.press('Tab');
    expect(
      await admin.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null),
    ).toBe('passages-confirm-removal');
    await admin.keyboard.press('Enter');
    await expect
      .poll(() => room.getByTestId('passages-saved').textContent())
      .toMatch(/1 passage retiré.*1 saisie quitte le tableau du jury/);

    // The open board follows without a reload: 02700001 is now incomplete.
    await expect
      .poll(() => president.getByTestId('decision-02700001').textContent(), { timeout: 5000 })
      .toMatch(/Incomplet/i);
    expect(await president.getByTestId('entry-02700001-U22').textContent()).toMatch(/—/);
    expect(await president.getByTestId('board-passages-changed').textContent()).toMatch(
      /ordre de passage/,
    );
    expect(await stillSamePage(president)).toBe('same page');
    await president.screenshot({ path: '/tmp/passages-board-incomplete.png', fullPage: true });
    await president
      .getByTestId('row-02700001')
      .screenshot({ path: '/tmp/passages-board-incomplete-row.png' });
    // So does the room: 02700001 is no longer on the examiner's list.
    await expect.poll(() => e22.getByTestId('passage-02700001').count()).toBe(0);
    expect(await e22.getByTestId('room-passages-changed').textContent()).toMatch(
      /ordre de passage/,
    );
    expect(await stillSamePage(e22)).toBe('same page');
    expect(e22.url()).toBe(e22Url);

    // The administrator restores the passage: no confirmation, nothing leaves.
    await room.getByTestId('passages-add-select').selectOption('02700001');
    await room.getByTestId('passages-add').click();
    await room.getByTestId('passages-save').click();
    await expect
      .poll(() => room.getByTestId('passages-saved').textContent())
      .toMatch(/1 passage ajouté/);
    expect(await room.getByTestId('passages-confirm').count()).toBe(0);

    // The same mark is back on the open board, with the same decision, and in the room.
    await expect
      .poll(() => president.getByTestId('entry-02700001-U22').textContent(), { timeout: 5000 })
      .toMatch(/13/);
    await expect
      .poll(() => president.getByTestId('decision-02700001').textContent())
      .toContain(decisionBefore ?? '');
    expect(await stillSamePage(president)).toBe('same page');
    await expect
      .poll(() => e22.getByTestId('mark-02700001-U22').inputValue(), { timeout: 5000 })
      .toMatch(/13/);
    await president
      .getByTestId('row-02700001')
      .screenshot({ path: '/tmp/passages-board-restored-row.png' });
    await e22.screenshot({ path: '/tmp/passages-room-restored.png' });

    // The server's logs carry no candidate's name or mark.
    expect(journey.app.output()).not.toMatch(/ARNAUD|Léa/);
  });
});
