import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { candidateKey, writeJuryValue } from '@delib/protocol';
import type { TranscriptExtract } from '@delib/protocol';
import {
  candidateNumbered,
  enterOrals,
  lockNamingIncomplete,
  presidentBoard,
  writeJuryDocument,
} from '../test-support/deliberation-steps.js';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';
import { signedSyntheticTranscripts } from './test-support/minute-fixtures.js';
import { pdfPageTexts } from './test-support/pdf-text.js';
import { signedPdf, signLockedJury } from './test-support/signed-demo-documents.js';
import { renderTranscriptsPdf } from './render-transcripts-pdf.js';

/**
 * A relevé identifies its candidate as a rectorat expects, with the date of birth, and lists
 * the units the candidate took: an optional unit never taken is no line of it (no « non
 * présentée »); one taken, even as an absence, is.
 */
describe('the signed relevé of a candidate of the demo jury', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  it('gives the date of birth the centre imported, and no optional unit never taken', async () => {
    const { president, juryId, board } = await presidentBoard(server);
    // 02700005 registered for UF1 and UF3 and sat neither.
    const candidate = candidateNumbered(board, '02700005');
    expect(candidate.options).toEqual(['UF1', 'UF3']);
    await enterOrals(server, board, candidate, {
      U22: { mark: 11 },
      U41: { mark: 12 },
      U42: { mark: 13 },
    });
    expect(
      await writeJuryDocument(server, board, president.cookie, (doc) =>
        writeJuryValue(doc, 'livret', candidateKey(candidate.id), { consulted: true }),
      ),
    ).toEqual({ accepted: true });
    expect((await lockNamingIncomplete(server, juryId, president.cookie)).status).toBe(201);
    await signLockedJury(server, juryId, president.cookie);

    const { birth_date: birthDate } = server.app.db
      .prepare('SELECT birth_date FROM candidates WHERE id = ?')
      .get(candidate.id) as { birth_date: string };
    const [year, month, day] = birthDate.split('-');
    const releve = await signedPdf(
      server,
      `${juryId}/releves/${candidate.id}.pdf`,
      president.cookie,
    );
    expect(releve.text).toMatch(new RegExp(`Né·e le :\\s*${day}/${month}/${year}`));
    expect(releve.text).not.toContain('non présentée');
    for (const unit of ['UF1', 'UF2', 'UF3']) expect(releve.text).not.toContain(unit);
    for (const unit of ['U1', 'U21', 'U22', 'U3', 'U41', 'U42', 'U5', 'U6']) {
      expect(releve.text).toContain(`${unit} `);
    }

    const minute = await signedPdf(server, `${juryId}/minute.pdf`, president.cookie);
    expect(minute.text).toContain(`né·e le ${day}/${month}/${year}`);
  });
});

describe('relevés of candidates who took optional units', () => {
  it('list each optional unit taken, an absence included, and only those', async () => {
    const transcripts = signedSyntheticTranscripts(12);
    const pages = await pdfPageTexts(await renderTranscriptsPdf(transcripts));
    transcripts.forEach((transcript, index) => {
      const { candidate } = JSON.parse(transcript.canonical) as TranscriptExtract;
      const page = pages[index] ?? '';
      for (const line of candidate.lines.filter((l) => l.optional)) {
        if (line.entry === null) expect(page).not.toContain(line.unit);
        else expect(page).toContain(line.unit);
      }
      expect(page).not.toContain('non présentée');
      const born = candidate.birthDate
        ? candidate.birthDate.split('-').reverse().join('/')
        : 'non renseigné';
      expect(page).toMatch(new RegExp(`Né·e le :\\s*${born}`));
    });
    // The fixture has both cases: a mark (UF1) and an absence (UF3 ABJ).
    expect(pages.some((page) => page.includes('UF1'))).toBe(true);
    expect(pages.some((page) => /UF3[\s\S]*ABJ/.test(page))).toBe(true);
  });
});
