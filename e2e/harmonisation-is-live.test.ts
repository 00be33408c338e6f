import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { markPage, newPerson, screenshot, stillSamePage } from './support/browser.js';
import { useAppAndBrowser } from './support/journey.js';
import { signInToAdmin, signInToBoard, signInToRoom } from './support/sign-in-steps.js';

/**
 * Journey: the centre splits the E41/E42 room in two (B204 and B210). The examiners type
 * their U41 marks in their rooms' pages: B204 around 13, B210 around 7. The president's
 * board, open all along, shows the harmonisation alert without a reload once a room holds
 * 8 marks far from the jury's cohort, and not at 7. The centre's page shows the statistics of
 * the whole session with histograms that screen readers can read, and its gap setting
 * refuses a wrong value in French and, set wider, silences the alert.
 */
describe('harmonisation is live', () => {
  const journey = useAppAndBrowser();

  async function typeMarks(page: Page, numbers: string[], mark: string): Promise<void> {
    for (const number of numbers) {
      const field = page.getByTestId(`mark-${number}-U41`);
      await field.fill(mark);
      await field.press('Tab');
    }
    await expect
      .poll(() => page.getByTestId('save-state').textContent(), { timeout: 10_000 })
      .toMatch(/Enregistré/);
  }

  const numbers = (from: number, count: number): string[] =>
    Array.from({ length: count }, (_, index) => `0270${String(from + index).padStart(4, '0')}`);

  it('alerts the president live and shows the centre’s statistics', async () => {
    const url = journey.app.url;
    const admin = await (await newPerson(journey.browser)).newPage();
    await signInToAdmin(admin, url, 'admin');

    // The centre splits the E41/E42 room: B204 keeps 02700001–12, B210 hears 02700013–24.
    const headers = { origin: url };
    const juries = (await (await admin.request.get(`${url}/api/juries`)).json()) as {
      id: number;
      commissions: { id: number; room: string }[];
    }[];
    const jury = juries[0] as (typeof juries)[number];
    const b204 = jury.commissions.find((c) => c.room === 'Salle B204') as { id: number };
    const created = await admin.request.post(`${url}/api/admin/juries/${jury.id}/commissions`, {
      headers,
      data: {
        name: 'Commission E41/E42 bis',
        room: 'Salle B210',
        units: ['U41', 'U42'],
        examiners: [{ login: 'e4.bis', name: 'Anne Petit', password: 'examinatrice-bis' }],
      },
    });
    expect(created.status()).toBe(201);
    const b210 = ((await created.json()) as { commission: { id: number } }).commission.id;
    const passages = (
      (await (await admin.request.get(`${url}/api/commissions/${b204.id}`)).json()) as {
        passages: { number: string; position: number; time: string | null }[];
      }
    ).passages.map(({ number, position, time }) => ({ number, position, time }));
    const keep = await admin.request.put(`${url}/api/admin/commissions/${b204.id}/passages`, {
      headers,
      data: { passages: passages.slice(0, 12) },
    });
    expect(keep.status()).toBe(200);
    const move = await admin.request.put(`${url}/api/admin/commissions/${b210}/passages`, {
      headers,
      data: {
        passages: passages.slice(12).map((passage, index) => ({ ...passage, position: index + 1 })),
      },
    });
    expect(move.status()).toBe(200);

    // The president opens her board: no oral mark yet, no alert.
    const president = await (await newPerson(journey.browser)).newPage();
    await signInToBoard(president, url, 'presidente');
    const panel = president.getByTestId('harmonisation-panel');
    await expect.poll(() => panel.textContent()).toMatch(/Aucune alerte/);
    expect(await panel.textContent()).toMatch(
      /Délib ne modifie aucune note : le jury décide, par des ajustements motivés\./,
    );
    await markPage(president);

    // B204: eight marks of 13. One room alone is the cohort: no alert.
    const teacher = await (await newPerson(journey.browser, { tablet: true })).newPage();
    await signInToRoom(teacher, url, 'e4.enseignante');
    await typeMarks(teacher, numbers(1, 8), '13');

    // B210: seven marks of 7. B204 (8 marks, 2,80 above the cohort's 10,20) alerts; B210,
    // further away but on 7 marks, does not.
    const second = await (await newPerson(journey.browser, { tablet: true })).newPage();
    await signInToRoom(second, url, 'e4.bis', 'examinatrice-bis');
    await typeMarks(second, numbers(13, 7), '7');
    const b204Alert = president.getByTestId(`harmonisation-alert-U41-${b204.id}`);
    const b210Alert = president.getByTestId(`harmonisation-alert-U41-${b210}`);
    await expect.poll(() => b204Alert.isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await b204Alert.textContent()).toMatch(
      /Alerte d’harmonisation.*B204 \(U41\) : moyenne 13,00 sur 8 notes, 2,80 points au-dessus de la cohorte \(10,20\)/s,
    );
    expect(await b210Alert.count()).toBe(0);

    // The 8th mark of B210: its alert appears, live.
    await typeMarks(second, numbers(20, 1), '7');
    await expect.poll(() => b210Alert.isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await b210Alert.textContent()).toMatch(
      /B210 \(U41\) : moyenne 7,00 sur 8 notes, 3,00 points sous la cohorte \(10,00\) ; l’écart dépasse 2 points/,
    );
    expect(await stillSamePage(president)).toBe('same page');

    // The statistics: the jury's cohort, each room, each examiner, with readable histograms.
    await panel.getByText('Statistiques par épreuve, commission et examinateur').click();
    const u41 = panel.getByTestId('harmonisation-unit-U41');
    await expect
      .poll(() => u41.getByTestId('harmonisation-cohort-U41').textContent())
      .toMatch(/16\s*10,00\s*—\s*10,00\s*3,00\s*7,00 – 13,00/);
    // Who wrote each mark comes from the server's audit trail a moment after the mark.
    await expect.poll(() => u41.textContent(), { timeout: 10_000 }).toMatch(/Anne Petit/);
    expect(await u41.textContent()).toMatch(/Julie Bernard/);
    const histogram = u41.getByRole('img', { name: /Répartition des notes de .*B210/ });
    expect(await histogram.getAttribute('aria-label')).toMatch(
      /8 notes, moyenne 7,00, de 7,00 à 7,00 : 8 notes de 6 à 8\./,
    );
    await panel.screenshot({ path: '/tmp/harmonisation-board-panel.png' });
    await screenshot(president, 'harmonisation-board');

    // The centre's page: the whole session, the alerts, the pictures with their words.
    const sessionId = (
      (await (await admin.request.get(`${url}/api/admin/exam-sessions`)).json()) as { id: number }[]
    )[0]?.id as number;
    await admin.goto(`${url}/admin/sessions/${sessionId}`);
    await admin.getByTestId('session-harmonisation-link').click();
    await admin.waitForURL(/\/harmonisation$/);
    await expect.poll(() => admin.getByTestId('harmonisation-title').isVisible()).toBe(true);
    await expect
      .poll(() => admin.getByTestId(`harmonisation-alert-U41-${b210}`).textContent())
      .toMatch(/Jury 1 – BTS MCO · Commission E41\/E42 bis · Salle B210 \(U41\)/);
    expect(await admin.getByTestId('harmonisation-no-change').textContent()).toMatch(
      /Délib ne modifie aucune note/,
    );
    const pictures = admin.getByRole('img', { name: /^Répartition des notes de / });
    expect(await pictures.count()).toBeGreaterThanOrEqual(5);
    await admin.screenshot({ path: '/tmp/harmonisation-admin-page.png', fullPage: true });
    await screenshot(admin, 'harmonisation-admin');

    // The gap: a wrong value is refused in French; a wider one silences the alerts.
    const gap = admin.getByTestId('alert-gap-input');
    await gap.fill('deux');
    await gap.press('Enter');
    await expect
      .poll(() => admin.getByTestId('alert-gap-error').textContent())
      .toMatch(/Écart invalide : indiquer un nombre de points/);
    await gap.fill('3,5');
    await gap.press('Enter');
    await expect
      .poll(() => admin.getByTestId('alert-gap-saved').textContent())
      .toMatch(/Écart enregistré : 3,5 points/);
    await expect
      .poll(() => admin.getByTestId('harmonisation-alerts').textContent())
      .toMatch(/Aucune alerte/);

    // No mark changed: B204's and B210's marks are as typed.
    await expect.poll(() => president.getByTestId('entry-02700013-U41').textContent()).toMatch(/7/);
    expect(await president.getByTestId('entry-02700001-U41').textContent()).toMatch(/13/);
  });
});
