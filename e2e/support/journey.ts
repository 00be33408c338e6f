import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startApp } from './app-process.js';
import type { AppProcess } from './app-process.js';
import { cspViolations, launchBrowser } from './browser.js';
import { startTwoProcessDeployment } from './two-process-deployment.js';
import type { TwoProcessDeployment } from './two-process-deployment.js';

/** After each test, fails it if a page reported a Content-Security-Policy violation. */
function failOnCspViolations(): void {
  afterEach(() => {
    expect(cspViolations.splice(0), 'violations de la politique de sécurité du contenu').toEqual(
      [],
    );
  });
}

export interface Journey {
  app: AppProcess;
  browser: Browser;
}

/** Starts the built app and Chromium before a journey file's tests, and stops both after. */
export function useAppAndBrowser(): Journey {
  const journey = {} as Journey;
  beforeAll(async () => {
    journey.app = await startApp();
    journey.browser = await launchBrowser();
  });
  failOnCspViolations();
  afterAll(async () => {
    await journey.browser?.close();
    await journey.app?.stop();
  });
  return journey;
}

/** A folder of the journey's own: its `path` is set before the file's tests, removed after. */
export interface TemporaryFolder {
  path: string;
}

/**
 * Makes a fresh temporary folder (`<tmp>/<prefix>XXXXXX`) before a journey file's tests, for
 * the files it writes or downloads, and removes it after.
 */
export function useTemporaryFolder(prefix: string): TemporaryFolder {
  const folder: TemporaryFolder = { path: '' };
  beforeAll(() => {
    folder.path = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  });
  afterAll(() => {
    if (folder.path) fs.rmSync(folder.path, { recursive: true, force: true });
  });
  return folder;
}

/**
 * The president locks the jury through the API with her page's session: the first attempt
 * names the incomplete candidates (409), the second confirms every one of them (the board's
 * dialog does the same by name). Returns the HTTP statuses of both attempts.
 */
export async function lockConfirmingEveryone(
  president: Page,
  url: string,
  juryId: string | number,
): Promise<[number, number]> {
  const lock = (data: object) =>
    president.request.post(`${url}/api/juries/${juryId}/lock`, { data, headers: { origin: url } });
  const first = await lock({});
  const body = (await first.json()) as {
    error?: { details?: { candidates?: { candidateId: number }[] } };
  };
  const incomplete = body.error?.details?.candidates ?? [];
  const second = await lock({ confirmIncomplete: incomplete.map((c) => c.candidateId) });
  return [first.status(), second.status()];
}

export interface DeploymentJourney {
  deployment: TwoProcessDeployment;
  browser: Browser;
}

/**
 * Starts two Délib processes on PostgreSQL and Redis behind nginx, and Chromium, before a
 * journey file's tests; stops all of them after.
 */
export function useTwoProcessDeploymentAndBrowser(): DeploymentJourney {
  const journey = {} as DeploymentJourney;
  beforeAll(async () => {
    journey.deployment = await startTwoProcessDeployment();
    journey.browser = await launchBrowser();
  });
  failOnCspViolations();
  afterAll(async () => {
    await journey.browser?.close();
    await journey.deployment?.stop();
  });
  return journey;
}
