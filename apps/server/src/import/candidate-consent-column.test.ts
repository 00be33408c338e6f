import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CandidateChanges, ImportReport } from '@delib/protocol';
import { AdminClient, CANDIDATE_HEADER, newExamSession } from '../test-support/admin-client.js';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';

type Report = ImportReport<CandidateChanges> & { applied?: boolean };

/**
 * The candidate file's optional column "consentement publication": the candidate consents
 * to their name on the published list of admitted candidates. French answers are read, a
 * value that is no answer is refused by line and column, the export writes it back, and a
 * file without the column takes no stored consent away.
 */
describe('the consent column of the candidate file', () => {
  let server: TestServer;
  let admin: AdminClient;
  let sessionId: number;
  const path = (what: string) => `/api/admin/exam-sessions/${sessionId}/candidates/${what}`;
  const consents = () =>
    Object.fromEntries(
      (
        server.app.db
          .prepare(
            'SELECT number, publication_consent AS consent FROM candidates WHERE exam_session_id = ? ORDER BY number',
          )
          .all(sessionId) as { number: string; consent: number }[]
      ).map((row) => [row.number, row.consent]),
    );

  beforeAll(async () => {
    server = await startTestServer();
    admin = await AdminClient.signIn(server);
    sessionId = await newExamSession(admin);
  });
  afterAll(async () => {
    await server.stop();
  });

  it('refuses a value it cannot read, by line, and imports nothing', async () => {
    const file = [
      `${CANDIDATE_HEADER};Consentement publication`,
      '02701001;DUPONT;Marie;14/03/2006;scolaire;anglais;;;;;oui',
      '02701002;MARTIN;Paul;01/01/2006;scolaire;anglais;;;;;peut-être',
    ].join('\r\n');
    const imported = await admin.csv<{ error: { code: string; details: Report } }>(
      path('import'),
      file,
    );
    expect(imported.status).toBe(422);
    expect(imported.body.error.details.problems).toEqual([
      {
        line: 3,
        column: 'Consentement publication',
        code: 'INVALID_CONSENT',
        message:
          'Consentement à la publication « peut-être » illisible : attendu oui ou non (ou 1 / 0) ; une case vide vaut non.',
      },
    ]);
    expect(consents()).toEqual({});
  });

  it('reads oui/non, 1/0 and an empty cell, and the export writes them back', async () => {
    const file = [
      `${CANDIDATE_HEADER};consentement`,
      '02701001;DUPONT;Marie;14/03/2006;scolaire;anglais;;;;;OUI',
      '02701002;MARTIN;Paul;01/01/2006;scolaire;anglais;;;;;non',
      '02701003;LEROY;Jade;01/01/2006;scolaire;anglais;;;;;1',
      '02701004;NGUYEN;Linh;01/01/2006;scolaire;anglais;;;;;0',
      '02701005;PETIT;Hugo;01/01/2006;scolaire;anglais;;;;;',
    ].join('\r\n');
    const imported = await admin.csv<Report>(path('import'), file);
    expect(imported.status).toBe(200);
    expect(imported.body.applied).toBe(true);
    expect(consents()).toEqual({
      '02701001': 1,
      '02701002': 0,
      '02701003': 1,
      '02701004': 0,
      '02701005': 0,
    });
    const exported = await admin.get<string>(
      `/api/admin/exam-sessions/${sessionId}/candidates.csv`,
    );
    const lines = exported.body
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe(`${CANDIDATE_HEADER};consentement publication`);
    expect(lines.slice(1).map((line) => line.split(';').at(-1))).toEqual([
      'oui',
      'non',
      'oui',
      'non',
      'non',
    ]);
    // Round trip: the exported file, imported again, changes nothing.
    const again = await admin.csv<Report>(path('preview'), exported.body);
    expect(again.body.problems).toEqual([]);
    expect(again.body.changes).toMatchObject({ created: [], updated: [], unchanged: 5 });
  });

  it('shows a change of consent in the preview, before and after', async () => {
    const file = [
      `${CANDIDATE_HEADER};consentement publication`,
      '02701002;MARTIN;Paul;01/01/2006;scolaire;anglais;;;;;oui',
    ].join('\r\n');
    const preview = await admin.csv<Report>(path('preview'), file);
    expect(preview.body.changes.updated).toEqual([
      {
        line: 2,
        number: '02701002',
        name: 'MARTIN Paul',
        fields: [{ column: 'consentement publication', before: 'non', after: 'oui' }],
      },
    ]);
  });

  it('without the column: new candidates without consent, stored ones keep theirs', async () => {
    const file = [
      CANDIDATE_HEADER,
      '02701001;DUPONT;Marie;14/03/2006;scolaire;anglais;;;;',
      '02701006;SIMON;Inès;01/01/2006;scolaire;anglais;;;;',
    ].join('\r\n');
    const imported = await admin.csv<Report>(path('import'), file);
    expect(imported.body.applied).toBe(true);
    expect(imported.body.changes).toMatchObject({ updated: [], unchanged: 1 });
    expect(consents()).toMatchObject({ '02701001': 1, '02701006': 0 });
  });
});
