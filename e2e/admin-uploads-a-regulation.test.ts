import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createSession, writeCandidateFile } from './support/admin-steps.js';
import { newPerson, screenshot } from './support/browser.js';
import { useAppAndBrowser, useTemporaryFolder } from './support/journey.js';
import { signInToAdmin } from './support/sign-in-steps.js';

/** A specialty Délib does not ship, as a centre writes it (units G1, P1, P2, UF1). */
function regulation(): Record<string, unknown> {
  const unit = (
    code: string,
    epreuve: string,
    label: string,
    form: string,
    coefficient: number,
    domain: string,
    exemptable: boolean,
  ) => ({
    code,
    epreuve,
    label,
    form,
    optional: false,
    coefficient,
    domain,
    exemptable,
  });
  return {
    id: 'bts-essai-2027',
    label: 'BTS Essai des spécialités',
    specialty: 'ESSAI',
    reference: 'Arrêté fictif du 1er mars 2027',
    units: [
      unit('G1', 'E1', 'Culture générale', 'written', 2, 'general', true),
      unit('P1', 'E2', 'Projet professionnel', 'oral', 3, 'professional', false),
      unit('P2', 'E3', 'Étude de cas', 'written', 1, 'professional', false),
      {
        code: 'UF1',
        epreuve: 'EF1',
        label: 'Langue vivante 2',
        form: 'oral',
        optional: true,
        coefficient: null,
        domain: null,
        exemptable: false,
      },
    ],
    settings: {
      markStep: 0.5,
      passMark: 10,
      optionalMultiplier: 1,
      optionalThreshold: 10,
      maxOptionalUnits: 1,
      optionalKeptMarks: false,
      keptMarkMinimum: 10,
      keptMarkValidity: 5,
      keptMarkExpiryWarning: 1,
      control: {
        enabled: true,
        minAverage: 8,
        minProfessionalAverage: 10,
        maxChoices: 1,
        choices: { G1: ['G1'] },
      },
    },
  };
}

/**
 * Journey: the centre adds a specialty without a developer. The administrator uploads a
 * faulty regulation file and reads each fault by its place in the file, uploads the corrected
 * one, creates a session that follows it and chooses its settings (mark step, contrôle); once
 * the first written marks are imported, the settings are shown frozen, with the reason.
 */
describe('the centre uploads a regulation and sets a session’s settings', () => {
  const journey = useAppAndBrowser();
  const directory = useTemporaryFolder('delib-regulation-e2e-');

  function file(name: string, content: string): string {
    const written = path.join(directory.path, name);
    fs.writeFileSync(written, content, 'utf8');
    return written;
  }

  async function shot(page: Page, name: string): Promise<void> {
    await screenshot(page, name);
    await page.screenshot({ path: `/tmp/specialties-${name}.png`, fullPage: true });
  }

  it('from a faulty file to a session whose settings freeze at the first mark', async () => {
    const context = await newPerson(journey.browser);
    const admin = await context.newPage();
    await signInToAdmin(admin, journey.app.url, 'admin');
    await admin.getByTestId('admin-regulations-link').click();
    await admin.waitForURL(/\/admin\/reglements$/);
    expect(await admin.getByTestId('regulation-list').textContent()).toMatch(/bts-mco-2024/);

    // A faulty file: every fault named by its JSON path, in French, nothing stored.
    const faulty = regulation();
    const units = faulty.units as Record<string, unknown>[];
    (units[1] as Record<string, unknown>).coefficient = 0;
    (units[2] as Record<string, unknown>).form = 'pratique';
    (faulty.settings as Record<string, unknown>).markStep = 0.3;
    await admin
      .getByTestId('regulation-file')
      .setInputFiles(file('faux.json', JSON.stringify(faulty, null, 2)));
    const errors = admin.getByTestId('regulation-errors');
    await expect.poll(() => errors.getByTestId('regulation-error-row').count()).toBe(3);
    const text = (await errors.textContent()) ?? '';
    expect(text).toMatch(/Règlement refusé : 3 erreurs/);
    expect(text).toMatch(/\$\.units\[1\]\.coefficient/);
    expect(text).toMatch(/unité n° 2, champ « coefficient »/);
    expect(text).toMatch(/reçu « pratique »/);
    expect(text).toMatch(/le pas 0,3 ne divise pas 20/);
    await shot(admin, 'upload-errors');
    expect(await admin.getByTestId('regulation-row-bts-essai-2027').count()).toBe(0);

    // The corrected file: stored, listed with its origin.
    await admin
      .getByTestId('regulation-file')
      .setInputFiles(file('essai.json', JSON.stringify(regulation(), null, 2)));
    await expect
      .poll(() => admin.getByTestId('regulation-stored').textContent())
      .toMatch(/enregistré sous l’identifiant bts-essai-2027/);
    await expect.poll(() => admin.getByTestId('regulation-row-bts-essai-2027').count()).toBe(1);
    expect(await admin.getByTestId('regulation-row-bts-essai-2027').textContent()).toMatch(
      /Déposé le/,
    );
    await shot(admin, 'regulation-list');

    // A session that follows it.
    await admin.getByRole('link', { name: 'Administration' }).click();
    await admin.waitForURL(/\/admin$/);
    await createSession(admin, {
      regulation: 'bts-essai-2027',
      year: '2027',
      centre: 'Lycée Jean Moulin',
      academie: 'Lyon',
    });
    expect(await admin.getByTestId('admin-session-title').textContent()).toBe(
      'BTS ESSAI – session 2027',
    );

    // Its settings: a step of 0,25 and no épreuves de contrôle.
    const settings = admin.getByTestId('session-settings');
    await settings.getByTestId('settings-step-input').selectOption('0,25');
    await settings.getByTestId('settings-control').uncheck();
    await settings.getByTestId('settings-multiplier').fill('2');
    await settings.getByTestId('settings-save').click();
    await expect
      .poll(() => settings.getByTestId('settings-saved').textContent())
      .toMatch(/enregistrés/);
    await shot(admin, 'settings');

    // A candidate, then the first written marks, on the new step.
    await admin
      .getByTestId('import-candidates-file')
      .setInputFiles(
        writeCandidateFile(directory.path, 'candidats.csv', [
          '02797001;Roche;Maëlle;12/12/2006;scolaire;anglais;;;;',
        ]),
      );
    await admin.getByTestId('import-candidates-submit').click();
    await expect.poll(() => admin.getByTestId('session-candidates-count').textContent()).toBe('1');
    await admin
      .getByTestId('import-written-marks-file')
      .setInputFiles(file('ecrits.csv', 'numéro;G1;P2\r\n02797001;12,25;9,75\r\n'));
    await admin.getByTestId('import-written-marks-submit').click();
    await expect
      .poll(() => admin.getByTestId('import-written-marks-result').textContent())
      .toMatch(/2/);

    // From now on the settings are shown read-only, with the reason.
    await expect
      .poll(() => settings.getByTestId('settings-frozen').textContent())
      .toMatch(/Réglages figés : des notes écrites ont été importées/);
    expect(await settings.getByTestId('settings-form').count()).toBe(0);
    expect(await settings.getByTestId('settings-step').textContent()).toBe('0,25');
    await shot(admin, 'settings-frozen');
    await context.close();
  });
});
