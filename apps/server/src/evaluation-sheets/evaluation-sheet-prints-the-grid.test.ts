import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  candidateNumbered,
  enterOrals,
  lockNamingIncomplete,
  presidentBoard,
} from '../test-support/deliberation-steps.js';
import { fillGridAndMark, U41_GRID_PROPOSING_14 } from '../test-support/grid-steps.js';
import { rectify } from '../test-support/minute-steps.js';
import { signIn } from '../test-support/sign-in.js';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';
import { pdfPageTexts } from '../minute/test-support/pdf-text.js';

/**
 * After the lock, a candidate's fiche d'évaluation prints, for each oral unit, the grid
 * (criteria, weights, the level chosen), the proposal, the mark that counts and the examiners.
 */
describe('the fiche d’évaluation after the lock', () => {
  let server: TestServer;
  let pdf: Uint8Array;
  let pages: string[];
  let candidateId: number;
  let juryId: number;
  let presidentCookie: string;

  beforeAll(async () => {
    server = await startTestServer();
    const steps = await presidentBoard(server);
    juryId = steps.juryId;
    presidentCookie = steps.president.cookie;
    const candidate = candidateNumbered(steps.board, '02700001');
    candidateId = candidate.id;
    await enterOrals(server, steps.board, candidate, { U22: { mark: 10 }, U42: { mark: 11.5 } });
    await fillGridAndMark(server, steps.board, candidate, 'U41', U41_GRID_PROPOSING_14, {
      mark: 12,
    });
    expect((await lockNamingIncomplete(server, juryId, steps.president.cookie)).status).toBe(201);
    const response = await fetch(`${server.url}/api/juries/${juryId}/fiches/${candidateId}.pdf`, {
      headers: { cookie: steps.president.cookie },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="fiche-evaluation-02700001.pdf"',
    );
    pdf = new Uint8Array(await response.arrayBuffer());
    pages = await pdfPageTexts(pdf);
    if (process.env.DELIB_KEEP_FICHE) fs.writeFileSync(process.env.DELIB_KEEP_FICHE, pdf);
  });
  afterAll(async () => {
    await server.stop();
  });

  it('gives a page per oral unit, in the regulation’s order', () => {
    expect(pages).toHaveLength(3);
    expect(pages[0]).toContain('Fiche d’évaluation — U22 (E22)');
    expect(pages[1]).toContain('Fiche d’évaluation — U41 (E41)');
    expect(pages[2]).toContain('Fiche d’évaluation — U42 (E42)');
  });

  it('prints the grid, the levels chosen, the proposal, the mark and the examiners', () => {
    const u41 = (pages[1] ?? '').replace(/\s+/g, ' ');
    expect(u41).toContain('ARNAUD Léa — n° 02700001');
    expect(u41).toContain(
      'Grille d’exemple — à remplacer par la grille de la circulaire nationale',
    );
    for (const criterion of [
      'Cibler et prospecter la clientèle',
      'Accueillir, conseiller et vendre',
      'Développer et entretenir la relation client',
      'Communication et posture professionnelle',
    ]) {
      expect(u41).toContain(criterion);
    }
    // Weights (4, 8, 4, 4), the level retained and its points for « vendre » (8 → 6).
    expect(u41).toMatch(
      /Accueillir, conseiller et vendre 8 .*☑ Satisfaisant \(6\).* Satisfaisant 6/,
    );
    expect(u41).toContain('Note proposée par la grille : 14 / 20');
    expect(u41).toContain('arrondie au demi-point le plus proche (un demi-pas exact vers le haut)');
    expect(u41).toContain('Note attribuée par la commission : 12 / 20');
    expect(u41).toContain('Examinateurs : Julie Bernard, Marc Dubois');
  });

  it('says when the mark was typed without the grid', () => {
    const u42 = (pages[2] ?? '').replace(/\s+/g, ' ');
    expect(u42).toContain('Grille non remplie');
    expect(u42).toContain('Note attribuée par la commission : 11,5 / 20');
  });

  it('is a PDF/A-3b document, tagged', () => {
    const text = Buffer.from(pdf).toString('latin1');
    expect(text).toContain('/StructTreeRoot');
    expect(text).toContain('pdfaid:part');
  });

  it('renders to an image a person can look at', () => {
    const pdftoppm = ['/usr/bin/pdftoppm'].find((p) => fs.existsSync(p));
    if (!pdftoppm) return;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fiche-'));
    const file = path.join(dir, 'fiche.pdf');
    fs.writeFileSync(file, pdf);
    execFileSync(pdftoppm, [
      '-png',
      '-r',
      '60',
      '-f',
      '2',
      '-l',
      '2',
      file,
      path.join(dir, 'page'),
    ]);
    expect(fs.readdirSync(dir).some((name) => name.endsWith('.png'))).toBe(true);
    fs.rmSync(dir, { recursive: true });
  });

  it('prints a rectification since the lock under the mark it corrects', async () => {
    const answer = await rectify(server, juryId, presidentCookie, {
      candidateId,
      unit: 'U41',
      input: 'entry',
      after: { mark: 13 },
      reason: 'Erreur de report de la note',
    });
    expect(answer.status).toBe(201);
    const response = await fetch(`${server.url}/api/juries/${juryId}/fiches/${candidateId}.pdf`, {
      headers: { cookie: presidentCookie },
    });
    expect(response.status).toBe(200);
    const after = await pdfPageTexts(new Uint8Array(await response.arrayBuffer()));
    const u41 = (after[1] ?? '').replace(/\s+/g, ' ');
    expect(u41).toContain('Note attribuée par la commission : 12 / 20');
    expect(u41).toMatch(
      /Rectification de la note après le verrouillage, le .+ : 12 → 13 \(motif : Erreur de report de la note ; par [^)]+\)\./,
    );
    expect((after[2] ?? '').replace(/\s+/g, ' ')).not.toContain('Rectification');
  });

  it('refuses a candidate of another jury or unknown', async () => {
    const admin = await signIn(server.url, 'admin');
    const response = await fetch(`${server.url}/api/juries/${juryId}/fiches/99999.pdf`, {
      headers: { cookie: admin.cookie },
    });
    expect(response.status).toBe(404);
  });
});
