import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CandidateChanges, ImportProblem, ImportReport } from '@delib/protocol';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';
import { CANDIDATE_HEADER, newExamSession, AdminClient } from '../test-support/admin-client.js';

type Report = ImportReport<CandidateChanges>;

const GOOD = [
  CANDIDATE_HEADER,
  '02701001;DUPONT;Marie-Ève;14/03/2006;scolaire;anglais;UF1 UF3;espagnol;U1=12,5@2024;',
  '02701002;"N’DIAYE";Moussa;02/11/2005;apprenti;anglais;;;;U1 U3',
  '',
  '02701003;LEFÈVRE;Zoé;30/06/2006;formation continue;allemand;UF2;;U22=14@2025;',
].join('\r\n');

describe('candidate import', () => {
  let server: TestServer;
  let admin: AdminClient;
  let sessionId: number;
  const count = (sql: string): number =>
    (server.app.db.prepare(sql).get(sessionId) as { n: number }).n;
  const candidates = () => count('SELECT COUNT(*) AS n FROM candidates WHERE exam_session_id = ?');
  const auditRows = () =>
    (server.app.db.prepare('SELECT COUNT(*) AS n FROM audit_log').get() as { n: number }).n;

  beforeAll(async () => {
    server = await startTestServer();
    admin = await AdminClient.signIn(server);
    sessionId = await newExamSession(admin);
  });
  afterAll(async () => {
    await server.stop();
  });

  const path = (what: string) => `/api/admin/exam-sessions/${sessionId}/candidates/${what}`;

  it('previews a file with problems by line and column, and imports nothing', async () => {
    const bad = [
      CANDIDATE_HEADER,
      '02701001;DUPONT;Marie;14/03/2006;scolaire;anglais;UF1 UF2 UF3;espagnol;;',
      '02701001;MARTIN;Paul;01/01/2006;scolaire;anglais;UF1;Anglais;U1=12@2020;U41',
      '02701003;LEROY;Jade;01/01/2006;scolaire;anglais;UF4;;U1=8@2025;',
    ].join('\n');
    const preview = await admin.csv<Report>(path('preview'), bad);
    expect(preview.status).toBe(200);
    expect(preview.body.rows).toBe(3);
    expect(
      preview.body.problems.map(({ line, column, code }) => `${line}:${column}:${code}`),
    ).toEqual([
      '2:options:TOO_MANY_OPTIONS',
      '3:numéro:DUPLICATE_NUMBER',
      '3:LV2:LV2_EQUALS_LV1',
      '3:bénéfices:EXPIRED_KEPT_MARK',
      '3:dispenses:NOT_EXEMPTABLE',
      '4:options:UNKNOWN_UNIT',
      '4:bénéfices:INVALID_KEPT_MARK',
    ]);
    const refused = await admin.csv<{ error: { code: string; message: string; details: Report } }>(
      path('import'),
      bad,
    );
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('IMPORT_INVALID');
    expect(refused.body.error.message).toBe(
      'Le fichier comporte 7 problèmes : rien n’a été importé.',
    );
    expect(refused.body.error.details.problems).toEqual(preview.body.problems);
    expect(candidates()).toBe(0);
  });

  it('refuses the whole file for one bad line among good ones', async () => {
    const oneBad = `${GOOD}\r\n02701004;ROUX;Léo;01/01/2006;scolaire;anglais;;;U5=25@2025;\r\n`;
    const refused = await admin.csv<{ error: { details: { problems: ImportProblem[] } } }>(
      path('import'),
      oneBad,
    );
    expect(refused.status).toBe(422);
    expect(refused.body.error.details.problems).toEqual([
      expect.objectContaining({ line: 6, column: 'bénéfices', code: 'INVALID_MARK' }),
    ]);
    expect(candidates()).toBe(0);
  });

  it('imports a valid file in one go, with bénéfices, dispenses and options', async () => {
    const preview = await admin.csv<Report>(path('preview'), GOOD);
    expect(preview.body.problems).toEqual([]);
    expect(preview.body.changes.created.map((item) => [item.line, item.number])).toEqual([
      [2, '02701001'],
      [3, '02701002'],
      [5, '02701003'],
    ]);
    const before = auditRows();
    const imported = await admin.csv<Report & { applied: boolean }>(path('import'), GOOD);
    expect(imported.status).toBe(200);
    expect(imported.body.applied).toBe(true);
    expect(candidates()).toBe(3);
    const db = server.app.db;
    expect(
      db
        .prepare(
          `SELECT c.number, e.unit, e.entry FROM candidate_entries e JOIN candidates c ON c.id = e.candidate_id
           WHERE c.exam_session_id = ? ORDER BY c.number, e.unit`,
        )
        .all(sessionId),
    ).toEqual([
      { number: '02701001', unit: 'U1', entry: '{"kept":{"mark":12.5,"session":2024}}' },
      { number: '02701002', unit: 'U1', entry: '{"exempt":true}' },
      { number: '02701002', unit: 'U3', entry: '{"exempt":true}' },
      { number: '02701003', unit: 'U22', entry: '{"kept":{"mark":14,"session":2025}}' },
    ]);
    expect(
      db
        .prepare(
          `SELECT number, last_name AS "lastName", birth_date AS "birthDate", status, lv1, lv2 FROM candidates
           WHERE exam_session_id = ? AND number = '02701001'`,
        )
        .get(sessionId),
    ).toEqual({
      number: '02701001',
      lastName: 'DUPONT',
      birthDate: '2006-03-14',
      status: 'scolaire',
      lv1: 'anglais',
      lv2: 'espagnol',
    });
    expect(auditRows() - before).toBe(4);
  });

  it('changes nothing when the same file is imported again', async () => {
    const before = auditRows();
    const again = await admin.csv<Report & { applied: boolean }>(path('import'), GOOD);
    expect(again.status).toBe(200);
    expect(again.body.changes).toEqual({ created: [], updated: [], unchanged: 3, notInFile: 0 });
    expect(auditRows()).toBe(before);
    expect(candidates()).toBe(3);
  });

  it('reads the same file saved by Excel in Windows-1252 with commas, and sees no change', async () => {
    const excel = iconv.encode(
      GOOD.replace(/;/g, ',').replace('U1=12,5@2024', '"U1=12,5@2024"'),
      'win1252',
    );
    const preview = await admin.csv<Report>(path('preview'), excel);
    expect(preview.body.encoding).toBe('windows-1252');
    expect(preview.body.separator).toBe(',');
    expect(preview.body.problems).toEqual([]);
    expect(preview.body.changes.unchanged).toBe(3);
  });

  it('shows and applies a change field by field, with the audit of the bénéfice', async () => {
    const changed = GOOD.replace('U1=12,5@2024;', 'U1=13@2024;').replace(
      'UF1 UF3;espagnol',
      'UF3;',
    );
    const preview = await admin.csv<Report>(path('preview'), changed);
    expect(preview.body.changes.updated).toEqual([
      {
        line: 2,
        number: '02701001',
        name: 'DUPONT Marie-Ève',
        fields: [
          { column: 'options', before: 'UF1 UF3', after: 'UF3' },
          { column: 'LV2', before: 'espagnol', after: '' },
          { column: 'bénéfices', before: 'U1=12,5@2024', after: 'U1=13@2024' },
        ],
      },
    ]);
    expect((await admin.csv(path('import'), changed)).status).toBe(200);
    const last = server.app.db
      .prepare(
        'SELECT unit, action, before, after, user_id AS "userId" FROM audit_log ORDER BY id DESC LIMIT 1',
      )
      .get() as { unit: string; action: string; before: string; after: string };
    expect(last).toMatchObject({
      unit: 'U1',
      action: 'import-candidats',
      before: '{"kept":{"mark":12.5,"session":2024}}',
      after: '{"kept":{"mark":13,"session":2024}}',
    });
    expect(
      server.app.db
        .prepare(
          "SELECT unit FROM candidate_options o JOIN candidates c ON c.id = o.candidate_id WHERE c.number = '02701001'",
        )
        .all(),
    ).toEqual([{ unit: 'UF3' }]);
  });

  it('refuses a body that is not a CSV upload', async () => {
    const answer = await admin.json<{ error: { message: string } }>('POST', path('preview'), {
      a: 1,
    });
    expect(answer.status).toBe(415);
    expect(answer.body.error.message).toMatch(/CSV/);
  });
});
