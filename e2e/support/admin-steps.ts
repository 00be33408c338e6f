import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';

/** The first line of a candidate file, as the centre's software exports it. */
const CANDIDATE_FILE_HEADER =
  'numéro;nom;prénom;date de naissance;statut;LV1;options;LV2;bénéfices;dispenses';

/** Writes a candidate file (the header, then `lines`, CRLF) into `folder`; returns its path. */
export function writeCandidateFile(folder: string, name: string, lines: string[]): string {
  const file = path.join(folder, name);
  fs.writeFileSync(file, `${[CANDIDATE_FILE_HEADER, ...lines].join('\r\n')}\r\n`, 'utf8');
  return file;
}

/** From /admin, the administrator opens the first session listed (the demo's). */
export async function openFirstSession(admin: Page): Promise<void> {
  await admin.getByTestId('admin-sessions').getByRole('link').first().click();
  await admin.waitForURL(/\/admin\/sessions\/\d+$/);
}

/** From a session's page, the administrator opens its first jury. */
export async function openFirstJury(admin: Page): Promise<void> {
  await admin
    .getByTestId(/^admin-jury-link-/)
    .first()
    .click();
  await admin.waitForURL(/\/admin\/juries\/\d+$/);
}

/** What the session form on /admin asks. */
export interface NewSession {
  /** The regulation's id, e.g. `bts-mco-2024`. */
  regulation: string;
  year: string;
  centre: string;
  academie: string;
}

/** From /admin, the administrator fills the session form, creates it and lands on its page. */
export async function createSession(admin: Page, session: NewSession): Promise<void> {
  await admin.getByTestId('session-regulation').selectOption(session.regulation);
  await admin.getByTestId('session-year').fill(session.year);
  await admin.getByTestId('session-centre').fill(session.centre);
  await admin.getByTestId('session-academie').fill(session.academie);
  await admin.getByTestId('session-create').click();
  await admin.waitForURL(/\/admin\/sessions\/\d+$/);
}
