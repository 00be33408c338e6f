import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoardView } from '@delib/protocol';
import {
  candidateNumbered,
  lockNamingIncomplete,
  presidentAfterOrals,
} from '../test-support/deliberation-steps.js';
import {
  download,
  rectify,
  signMinuteWith,
  signRectifiedMinuteWith,
  verifyPdf,
} from '../test-support/minute-steps.js';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';
import { pdfPageTexts } from './test-support/pdf-text.js';

/**
 * A relevé is one page, unless what it must say does not fit: a candidate rectified many times
 * with long reasons (each up to 500 characters). The relevé then goes on over the next page;
 * each of its pages carries its footer and its verification code, each page after the first
 * names the candidate at its top (a centre separates the printed pages), and the file still
 * verifies as authentic. (It used to end the download with a 500: the footers assumed one page
 * each.)
 */
describe('a relevé longer than a page', () => {
  let server: TestServer;
  let board: BoardView;
  let cookie: string;
  let juryId: number;

  beforeAll(async () => {
    server = await startTestServer();
    const marked = await presidentAfterOrals(server, '02700001', { U22: 14, U41: 12, U42: 15 });
    ({ board, cookie, juryId } = marked);
    const candidate = marked.candidate;
    expect((await lockNamingIncomplete(server, juryId, cookie)).status).toBe(201);
    expect((await signMinuteWith(server, juryId, cookie)).status).toBe(201);
    const reason = (n: number) =>
      `Rectification ${n} : ${'la grille d’évaluation a été reportée avec une erreur de calcul, vérifiée avec les deux examinateurs et le responsable du centre. '.repeat(4)}`.slice(
        0,
        500,
      );
    for (let n = 1; n <= 12; n++) {
      const rectified = await rectify(server, juryId, cookie, {
        candidateId: candidate.id,
        unit: n % 2 === 0 ? 'U41' : 'U42',
        input: 'entry',
        after: { mark: 10 + (n % 7) },
        reason: reason(n),
      });
      expect(rectified.status).toBe(201);
    }
    expect((await signRectifiedMinuteWith(server, juryId, cookie)).status).toBe(201);
  });
  afterAll(async () => {
    await server.stop();
  });

  it('goes on over the next page, each page with its footer, and verifies', async () => {
    const candidates = board.candidates.filter((c) => c.number === '02700001');
    const { lastName, firstName } = candidateNumbered(board, '02700001');
    // The heading of a page after the first, as pdf.js reads it (its spaces vary); the first
    // page gives the name and the number apart, in its identity box.
    const identity = `Candidat·e : ${lastName} ${firstName} · Numéro : 02700001`;
    const namesTheCandidate = (page: string) => page.replace(/\s+/g, ' ').includes(identity);
    const one = await download(
      server,
      `/api/juries/${juryId}/releves/${candidates[0]?.id}.pdf`,
      cookie,
    );
    expect(one.status).toBe(200);
    const pages = await pdfPageTexts(one.bytes);
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) expect(page).toMatch(/Relevé 1 \/ 1/);
    expect(namesTheCandidate(pages[0] as string)).toBe(false);
    for (const page of pages.slice(1)) {
      expect(page).toContain('Relevé 1 / 1 (suite)');
      expect(namesTheCandidate(page)).toBe(true);
    }
    expect(pages.join('\n')).toContain('Rectification 12');
    expect(await verifyPdf(server, one.bytes)).toMatchObject({ authentic: true });

    const all = await download(server, `/api/juries/${juryId}/releves.pdf`, cookie);
    expect(all.status).toBe(200);
    const allPages = await pdfPageTexts(all.bytes);
    expect(allPages.length).toBeGreaterThan(pages.length);
    const continued = allPages.filter((page) => page.includes('(suite)'));
    expect(continued).toHaveLength(pages.length - 1);
    for (const page of continued) expect(namesTheCandidate(page)).toBe(true);
    expect(await verifyPdf(server, all.bytes)).toMatchObject({ authentic: true });

    // The rectified minute lists the same twelve rectifications over its own pages.
    const minute = await download(server, `/api/juries/${juryId}/rectified-minute.pdf`, cookie);
    expect(minute.status).toBe(200);
    expect((await pdfPageTexts(minute.bytes)).join('\n')).toContain('Rectification 12');
    expect(await verifyPdf(server, minute.bytes)).toMatchObject({ authentic: true });
  });
});
