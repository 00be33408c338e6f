import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CandidateImportReport, ImportProblem } from '@delib/protocol';
import { AdminClient, CANDIDATE_HEADER } from '../test-support/admin-client.js';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';

type Refusal = { error: { code: string; details: { problems: ImportProblem[] } } };

/**
 * A bénéfice obtained under the 2018 numbering, written with its 2018 code, is carried into a
 * 2024 session through the table regulations/bts-mco-2018-to-2024.json of @delib/rules.
 */
describe('a 2018 bénéfice carried into a 2024 session at the candidate import', () => {
  let server: TestServer;
  let admin: AdminClient;
  let base: string;
  let sessionId: number;

  beforeAll(async () => {
    server = await startTestServer();
    admin = await AdminClient.signIn(server);
    const created = await admin.json<{ id: number }>('POST', '/api/admin/exam-sessions', {
      regulationId: 'bts-mco-2024',
      year: 2027,
      centre: 'Lycée Condorcet',
      academie: 'Paris',
      startsOn: null,
      endsOn: null,
    });
    sessionId = created.body.id;
    base = `/api/admin/exam-sessions/${sessionId}/candidates`;
  });
  afterAll(async () => {
    await server.stop();
  });

  it('previews each mapping, then stores the bénéfice under the 2024 unit', async () => {
    const file = [
      CANDIDATE_HEADER,
      // U41 (2018, E41) → U5 (2024, E5); U3 of 2023 is the 2018 CEJM → U4, not the 2024 U3.
      '02795001;HAMON;Léo;09/09/2006;scolaire;anglais;;;U41=12@2023 U3=11,5@2023;',
      // A 2026 bénéfice is already in the 2024 numbering: U3 is the LV1 oral.
      '02795002;IMBERT;Lina;10/10/2006;scolaire;anglais;;;U3=14@2026;',
    ].join('\n');
    const preview = await admin.csv<CandidateImportReport>(`${base}/preview`, file);
    expect(preview.status).toBe(200);
    expect(preview.body.problems).toEqual([]);
    expect(preview.body.changes.carried).toEqual([
      { line: 2, number: '02795001', from: 'U41', to: 'U5', session: 2023 },
      { line: 2, number: '02795001', from: 'U3', to: 'U4', session: 2023 },
    ]);
    expect((await admin.csv(`${base}/import`, file)).status).toBe(200);
    const rows = server.app.db
      .prepare(
        `SELECT c.number, e.unit, e.entry FROM candidate_entries e JOIN candidates c ON c.id = e.candidate_id
         WHERE c.exam_session_id = ? ORDER BY c.number, e.unit`,
      )
      .all(sessionId);
    expect(rows).toEqual([
      { number: '02795001', unit: 'U4', entry: '{"kept":{"mark":11.5,"session":2023}}' },
      { number: '02795001', unit: 'U5', entry: '{"kept":{"mark":12,"session":2023}}' },
      { number: '02795002', unit: 'U3', entry: '{"kept":{"mark":14,"session":2026}}' },
    ]);
  });

  it('refuses a code the table does not hold, by line and column, in French', async () => {
    const file = [
      CANDIDATE_HEADER,
      '02795003;JOLY;Noé;11/11/2006;scolaire;anglais;;;U7=12@2024;',
    ].join('\n');
    const answer = await admin.csv<Refusal>(`${base}/import`, file);
    expect(answer.status).toBe(422);
    expect(answer.body.error.details.problems).toEqual([
      {
        line: 2,
        column: 'bénéfices',
        code: 'UNKNOWN_UNIT',
        message:
          'Bénéfice U7 de la session 2024 : obtenu avant 2026, il est lu dans la numérotation bts-mco-2018, où l’unité U7 n’a pas de correspondance dans bts-mco-2024. Codes acceptés : U1, U21, U22, U3, U41, U42, U5, U6, UF1, UF2, UF3.',
      },
    ]);
  });
});
