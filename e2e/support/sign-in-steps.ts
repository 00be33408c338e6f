import type { Page } from 'playwright-core';
import { signIn } from './browser.js';

/**
 * Where each person lands once signed in: the examiner in their room (/salle/<id>), the
 * president and the members on their jury's board (/jury/<id>), the centre on /admin. Each
 * step signs in with the sign-in page (`signIn`) and waits for that page.
 */

/** An examiner signs in and lands in their room. */
export async function signInToRoom(
  page: Page,
  url: string,
  login: string,
  password?: string,
): Promise<void> {
  await signIn(page, url, login, password);
  await page.waitForURL(/\/salle\/\d+/);
}

/** The president (or a member) signs in and lands on the jury's board; returns the jury's id. */
export async function signInToBoard(page: Page, url: string, login: string): Promise<string> {
  await signIn(page, url, login);
  await page.waitForURL(/\/jury\/\d+/);
  return /\/jury\/(\d+)/.exec(page.url())?.[1] as string;
}

/** The centre's administrator signs in and lands on the administration's home page. */
export async function signInToAdmin(page: Page, url: string, login: string): Promise<void> {
  await signIn(page, url, login);
  await page.waitForURL(/\/admin$/);
}
