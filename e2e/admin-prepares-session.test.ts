import { describe, expect, it } from 'vitest';
import { openFirstJury, openFirstSession, writeCandidateFile } from './support/admin-steps.js';
import { newPerson, screenshot } from './support/browser.js';
import { useAppAndBrowser, useTemporaryFolder } from './support/journey.js';
import { typeMark } from './support/room-steps.js';
import { signInToAdmin } from './support/sign-in-steps.js';

/**
 * Journey: the exam centre's administrator imports two new candidates into the demo session,
 * opens a second E41/E42 room in the demo jury, schedules them there and invites a
 * professional; the professional opens the invitation link on a tablet, gives their name,
 * lands in the room and enters a mark that the server stores.
 */
describe('the centre prepares a session and invites a professional', () => {
  const journey = useAppAndBrowser();
  const directory = useTemporaryFolder('delib-admin-e2e-');

  it('from the candidate file to a mark entered by an invited examiner', async () => {
    const admin = await (await newPerson(journey.browser)).newPage();
    await signInToAdmin(admin, journey.app.url, 'admin');
    await openFirstSession(admin);
    await expect.poll(() => admin.getByTestId('session-candidates-count').textContent()).toBe('24');

    // A faulty file: every problem listed by line and column, nothing importable.
    await admin
      .getByTestId('import-candidates-file')
      .setInputFiles(
        writeCandidateFile(directory.path, 'faux.csv', [
          '02709001;Durand;Camille;31/02/2006;scolaire;anglais;;;;',
          '02709002;Petit;Noé;02/09/2005;stagiaire;anglais;;;;',
        ]),
      );
    const problems = admin.getByTestId('import-candidates-problems');
    await expect.poll(() => problems.getByTestId('import-candidates-problems-row').count()).toBe(2);
    expect(await problems.textContent()).toMatch(/date de naissance/);
    expect(await problems.textContent()).toMatch(/statut/);
    expect(await admin.getByTestId('import-candidates-submit').count()).toBe(0);

    // The corrected file: a preview, then the import.
    await admin
      .getByTestId('import-candidates-file')
      .setInputFiles(
        writeCandidateFile(directory.path, 'candidats.csv', [
          '02709001;Durand;Camille;28/02/2006;scolaire;anglais;;;;',
          '02709002;Petit;Noé;02/09/2005;apprenti;anglais;;;;',
        ]),
      );
    await expect
      .poll(() => admin.getByTestId('import-candidates-summary').textContent())
      .toMatch(/2 candidats créés/);
    await admin.getByTestId('import-candidates-submit').click();
    await expect
      .poll(() => admin.getByTestId('import-candidates-result').textContent())
      .toMatch(/2 candidats créés/);
    await expect.poll(() => admin.getByTestId('session-candidates-count').textContent()).toBe('26');
    await screenshot(admin, 'admin-session');

    // A second E41/E42 room in the demo jury, with the two new candidates scheduled.
    await openFirstJury(admin);
    await admin.getByTestId('commission-form-toggle').click();
    await admin.getByTestId('commission-name').fill('Commission E41/E42 – 2');
    await admin.getByTestId('commission-room').fill('Salle B210');
    await admin.getByTestId('commission-unit-U41').check();
    await admin.getByTestId('commission-unit-U42').check();
    await admin.getByTestId('commission-create').click();
    const room = admin.locator('[data-testid^="commission-card-"]', { hasText: 'Salle B210' });
    await expect.poll(() => room.count()).toBe(1);

    await room.getByTestId('passages-add-unscheduled').click();
    await expect.poll(() => room.getByTestId('passages-table').locator('tbody tr').count()).toBe(2);
    await room.getByTestId('passages-spread').click();
    await expect.poll(() => room.getByTestId('passage-time-02709002').inputValue()).toBe('08:30');
    await room.getByTestId('passages-save').click();
    await expect
      .poll(() => room.getByTestId('passages-saved').textContent())
      .toMatch(/2 passages ajoutés/);

    // The invitation: its code and link are shown once, ready to print.
    await room.getByTestId('invite-examiner').click();
    await room.getByTestId('invitation-label').fill('Professionnelle E4, Maison Durand');
    await room.getByTestId('invitation-create').click();
    await expect
      .poll(() => room.getByTestId('invitation-code').textContent())
      .toMatch(/^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);
    const link = (await room.getByTestId('invitation-link').textContent())?.trim() ?? '';
    expect(link).toMatch(/\/invitation\/[A-HJ-NP-Z2-9]{12}$/);
    await expect
      .poll(() => room.locator('[data-testid^="invitation-status-"]').textContent())
      .toMatch(/Active/);
    await screenshot(admin, 'admin-jury');

    // The professional, on a tablet of the centre: a mistyped code is refused in French…
    const guestContext = await newPerson(journey.browser, { tablet: true });
    const guest = await guestContext.newPage();
    await guest.goto(`${journey.app.url}/invitation`);
    await guest.getByTestId('redeem-code').fill('ABCD-EFGH-JKLM');
    await guest.getByTestId('redeem-name').fill('Anne Durand');
    await guest.getByTestId('redeem-submit').click();
    await expect.poll(() => guest.getByTestId('redeem-error').textContent()).toMatch(/inconnu/);

    // …the link of the convocation brings them into their room.
    await guest.goto(link);
    await expect.poll(() => guest.getByTestId('redeem-code-shown').isVisible()).toBe(true);
    await guest.getByTestId('redeem-name').fill('Anne Durand');
    await screenshot(guest, 'invitation');
    await guest.getByTestId('redeem-submit').click();
    await guest.waitForURL(/\/salle\/\d+$/);
    await expect.poll(() => guest.getByTestId('save-state').textContent()).toMatch(/Enregistré/);
    expect(await guest.getByTestId('current-user').textContent()).toMatch(/Anne Durand/);

    await typeMark(guest, 'mark-02709001-U41', '15,5');
    await expect.poll(() => guest.getByTestId('room-progress').textContent()).toMatch(/^1\//);
    await expect.poll(() => guest.getByTestId('save-state').textContent()).toMatch(/Enregistré/);
    await screenshot(guest, 'invited-examiner-room');

    // The administrator sees who used the invitation.
    await admin.reload();
    await expect
      .poll(() => room.locator('[data-testid^="invitation-status-"]').textContent())
      .toMatch(/Utilisée/);
    expect(await room.locator('[data-testid^="invitation-used-by-"]').textContent()).toMatch(
      /Anne Durand/,
    );
    expect(await room.locator('[data-testid^="room-examiner-"]').textContent()).toMatch(
      /Anne Durand/,
    );
  });
});
