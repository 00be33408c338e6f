import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { candidateKey, writeJuryValue } from '@delib/protocol';
import type { RecordCandidate } from '@delib/protocol';
import {
  candidateNumbered,
  enterOrals,
  lockNamingIncomplete,
  presidentBoard,
  writeJuryDocument,
} from '../test-support/deliberation-steps.js';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';
import { lockedRecord, signedPdf, signLockedJury } from './test-support/signed-demo-documents.js';

/**
 * The professional average only serves the épreuves de contrôle, closed to a candidate absent
 * without justification: the PV and the relevé show none for them, and still show it for the
 * others.
 */
describe('the professional average of an absent candidate', () => {
  let server: TestServer;
  let cookie: string;
  let juryId: number;
  let absent: RecordCandidate;
  let present: RecordCandidate;

  beforeAll(async () => {
    server = await startTestServer();
    const signedIn = await presidentBoard(server);
    const { board } = signedIn;
    juryId = signedIn.juryId;
    cookie = signedIn.president.cookie;
    // 02700009 is absent without justification at U5; 02700001 sat everything.
    const orals = { U22: { mark: 14 }, U41: { mark: 14 }, U42: { mark: 14 } };
    const ids = ['02700009', '02700001'].map((number) => candidateNumbered(board, number));
    for (const candidate of ids) await enterOrals(server, board, candidate, orals);
    expect(
      await writeJuryDocument(server, board, cookie, (doc) => {
        for (const candidate of ids) {
          writeJuryValue(doc, 'livret', candidateKey(candidate.id), { consulted: true });
        }
      }),
    ).toEqual({ accepted: true });
    expect((await lockNamingIncomplete(server, juryId, cookie)).status).toBe(201);
    await signLockedJury(server, juryId, cookie);
    const record = (await lockedRecord(server, juryId, cookie)).record;
    const find = (number: string) =>
      record.candidates.find((c) => c.number === number) as RecordCandidate;
    absent = find('02700009');
    present = find('02700001');
  });
  afterAll(async () => {
    await server.stop();
  });

  const rowOf = (text: string, number: string) => {
    const start = text.indexOf(`${number} `);
    return text.slice(start, text.indexOf('\n0270', start + 10)).replace(/\s+/g, ' ');
  };

  it('is not on the PV: a dash between the average and the decision', async () => {
    expect(absent.decision).toBe('absent');
    expect(absent.professionalAverageDisplay).not.toBe('—');
    const { text } = await signedPdf(server, `${juryId}/minute.pdf`, cookie);
    expect(rowOf(text, absent.number)).toContain(`${absent.averageDisplay} — Absent`);
    expect(rowOf(text, present.number)).toContain(
      `${present.averageDisplay} ${present.professionalAverageDisplay} `,
    );
  });

  it('is not on the relevé', async () => {
    const mine = await signedPdf(server, `${juryId}/releves/${absent.id}.pdf`, cookie);
    expect(mine.text).toContain('Décision du jury : Absent');
    expect(mine.text).not.toContain('Moyenne des unités professionnelles');
    const theirs = await signedPdf(server, `${juryId}/releves/${present.id}.pdf`, cookie);
    expect(theirs.text).toMatch(
      new RegExp(
        `Moyenne des unités professionnelles\\s+${present.professionalAverageDisplay} / 20`,
      ),
    );
  });
});
