import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../demo/seed-demo.js';
import { signIn } from '../test-support/sign-in.js';
import { lockDemoJury, startMinuteTestServer } from './test-support/minute-test-server.js';
import type { MinuteTestServer } from './test-support/minute-test-server.js';
import { pdfPageTexts } from './test-support/pdf-text.js';

/**
 * A candidate whose file is incomplete at the lock gets no decision: the minute lists them
 * apart, "non délibéré", with the units that have no entry; the results file says so and no
 * transcript is printed for them. The demo jury has no oral mark at all: 23 candidates are
 * not deliberated, 02700009 (absent without justification) is decided.
 */
describe('candidates not deliberated', () => {
  let running: MinuteTestServer;
  let juryId: number;
  let cookie: string;
  const get = (path: string) =>
    fetch(`${running.url}/api/juries/${juryId}/${path}`, { headers: { cookie } });
  beforeAll(async () => {
    running = await startMinuteTestServer();
    const president = await signIn(running.server.url, 'presidente');
    cookie = president.cookie;
    juryId = await lockDemoJury(running.server);
    const signed = await fetch(`${running.url}/api/juries/${juryId}/sign`, {
      method: 'POST',
      headers: { cookie, origin: running.url, 'content-type': 'application/json' },
      body: JSON.stringify({ password: DEMO_PASSWORD }),
    });
    expect(signed.status).toBe(201);
  });
  afterAll(async () => {
    await running.stop();
  });

  it('are listed apart on the signed minute, with their missing units, and never "Incomplet"', async () => {
    const pdf = new Uint8Array(await (await get('minute.pdf')).arrayBuffer());
    const text = (await pdfPageTexts(pdf)).join('\n');
    // The decision label of an incomplete file appears nowhere.
    expect(text).not.toMatch(/\bIncomplet\b/);
    expect(text).toContain('Résultats (1 candidat·e·s)');
    const section = text.slice(text.indexOf('Candidats non délibérés'));
    expect(text.indexOf('Candidats non délibérés')).toBeGreaterThan(0);
    expect(section).toMatch(/02700001\s+ARNAUD Léa\s+U22, U41, U42/);
    expect(section).toMatch(/02700018\s+\S+ \S+\s+U41, U42/);
    expect(text).toMatch(/Bilan : 1 candidat·e·s délibéré·e·s : Absent 1 ; 23 non délibéré·e·s\./);
    // The minute stays verifiable from the file alone.
    const verdict = (await (
      await fetch(`${running.url}/api/verify`, {
        method: 'POST',
        headers: { 'content-type': 'application/pdf' },
        body: pdf,
      })
    ).json()) as { authentic: boolean };
    expect(verdict.authentic).toBe(true);
  });

  it('are not presented as decided in the results file', async () => {
    const csv = (await (await get('results.csv')).text()).replace(/^\uFEFF/, '');
    const [header, ...rows] = csv.trimEnd().split('\r\n');
    expect(header).toMatch(/;Décision;/);
    expect(rows).toHaveLength(24);
    expect(csv).not.toMatch(/\bIncomplet\b/);
    const arnaud = rows.find((row) => row.startsWith('02700001;')) as string;
    expect(arnaud).toContain(';Non délibéré;');
    expect(arnaud).toContain('U22, U41, U42');
    expect(rows.filter((row) => row.includes(';Non délibéré;'))).toHaveLength(23);
  });

  it('get no transcript', async () => {
    const pages = await pdfPageTexts(
      new Uint8Array(await (await get('releves.pdf')).arrayBuffer()),
    );
    expect(pages).toHaveLength(1);
    expect(pages[0]).toContain('02700009');
  });
});
