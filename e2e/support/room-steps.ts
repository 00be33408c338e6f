import { expect } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { newPerson } from './browser.js';
import { signInToRoom } from './sign-in-steps.js';

/** An examiner types a mark in a field of their room and validates it with Enter. */
export async function typeMark(page: Page, testId: string, mark: string): Promise<void> {
  const field = page.getByTestId(testId);
  await field.fill(mark);
  await field.press('Enter');
}

/** The demo's two oral rooms, each an examiner on a tablet. */
export interface OralRooms {
  /** The E41/E42 room (U41, U42), e4.enseignante. */
  e4: Page;
  /** The E22 room (U22), e22.anglais. */
  e22: Page;
}

/**
 * The examiners of both oral rooms of the demo jury, each on their tablet, enter one
 * candidate's three orals with the same mark (U41 and U42 in E41/E42, U22 in E22), and wait
 * until each room's page says « Enregistré ».
 */
export async function examinersEnterOralMarks(
  browser: Browser,
  url: string,
  number: string,
  mark: string,
): Promise<OralRooms> {
  const e4 = await (await newPerson(browser, { tablet: true })).newPage();
  await signInToRoom(e4, url, 'e4.enseignante');
  await typeMark(e4, `mark-${number}-U41`, mark);
  await typeMark(e4, `mark-${number}-U42`, mark);
  await expect.poll(() => e4.getByTestId('save-state').textContent()).toMatch(/Enregistré/);
  const e22 = await (await newPerson(browser, { tablet: true })).newPage();
  await signInToRoom(e22, url, 'e22.anglais');
  await typeMark(e22, `mark-${number}-U22`, mark);
  await expect.poll(() => e22.getByTestId('save-state').textContent()).toMatch(/Enregistré/);
  return { e4, e22 };
}
