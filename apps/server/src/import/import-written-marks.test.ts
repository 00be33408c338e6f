import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportReport, WrittenMarksChanges } from '@delib/protocol';
import { verifyAuditChain } from '../audit/audit-trail.js';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';
import { AdminClient } from '../test-support/admin-client.js';

type Report = ImportReport<WrittenMarksChanges>;
type Refusal = { error: { code: string; message: string; details: Report } };

/** On the demo session (id 1): 24 candidates whose written marks are already imported. */
describe('written-marks import', () => {
  let server: TestServer;
  let admin: AdminClient;
  const path = (what: string) => `/api/admin/exam-sessions/1/written-marks/${what}`;
  const entry = (number: string, unit: string): unknown => {
    const row = server.app.db
      .prepare(
        'SELECT e.entry FROM candidate_entries e JOIN candidates c ON c.id = e.candidate_id WHERE c.number = ? AND e.unit = ?',
      )
      .get(number, unit) as { entry: string } | undefined;
    return row ? (JSON.parse(row.entry) as unknown) : null;
  };

  beforeAll(async () => {
    server = await startTestServer();
    admin = await AdminClient.signIn(server);
  });
  afterAll(async () => {
    await server.stop();
  });

  it('exports the marks and finds nothing to change when they are imported back', async () => {
    const exported = await admin.get<string>('/api/admin/exam-sessions/1/written-marks.csv');
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-type')).toMatch(/^text\/csv/);
    const preview = await admin.csv<Report>(path('preview'), exported.body);
    expect(preview.body.problems).toEqual([]);
    expect(preview.body.changes).toMatchObject({ added: 0, modified: [], confirmation: null });
    expect(preview.body.rows).toBe(24);
  });

  it('refuses by line and column: unknown candidate, wrong name, bénéfice or dispense held, bad mark', async () => {
    const file = [
      'numéro;nom;U1;U3;U5',
      '09999999;X;12;;',
      '02700001;MARTIN;12;;',
      '02700003;;14;;',
      '02700006;;;15;',
      '02700007;;22;;',
    ].join('\n');
    const preview = await admin.csv<Report>(path('preview'), file);
    expect(
      preview.body.problems.map(({ line, column, code }) => `${line}:${column}:${code}`),
    ).toEqual([
      '2:numéro:UNKNOWN_CANDIDATE',
      '3:nom:NAME_MISMATCH',
      '4:U1:ENTRY_CONFLICT',
      '5:U3:ENTRY_CONFLICT',
      '6:U1:INVALID_MARK',
    ]);
    expect(preview.body.problems[1]?.message).toBe(
      'Le n° 02700001 est celui de ARNAUD Léa, pas de « MARTIN » : vérifier le numéro.',
    );
    expect((await admin.csv(path('import'), file)).status).toBe(422);
  });

  it('shows a diff of stored marks and applies it only once confirmed, with audit rows', async () => {
    const before = { U1: entry('02700001', 'U1'), U5: entry('02700009', 'U5') };
    const file = 'numéro;U1;U5\r\n02700001;19,5;\r\n02700009;;ABJ\r\n02700002;;\r\n';
    const preview = await admin.csv<Report>(path('preview'), file);
    expect(preview.body.problems).toEqual([]);
    expect(preview.body.changes.modified).toEqual([
      expect.objectContaining({
        line: 2,
        number: '02700001',
        unit: 'U1',
        before: before.U1,
        after: { mark: 19.5 },
        afterText: '19,5',
      }),
      expect.objectContaining({
        line: 3,
        number: '02700009',
        unit: 'U5',
        before: { absent: 'unjustified' },
        after: { absent: 'justified' },
        beforeText: 'ABS',
        afterText: 'ABJ',
      }),
    ]);
    const token = preview.body.changes.confirmation as string;
    expect(token).toMatch(/^[0-9a-f]{32}$/);

    const unconfirmed = await admin.csv<Refusal>(path('import'), file);
    expect(unconfirmed.status).toBe(409);
    expect(unconfirmed.body.error.code).toBe('CONFIRMATION_REQUIRED');
    expect(unconfirmed.body.error.message).toBe(
      '2 notes déjà enregistrées changeraient : vérifier les modifications et confirmer.',
    );
    expect(entry('02700001', 'U1')).toEqual(before.U1);
    const wrongToken = await admin.csv(`${path('import')}?confirm=${'0'.repeat(32)}`, file);
    expect(wrongToken.status).toBe(409);

    const audit = server.app.db.prepare('SELECT COUNT(*) AS n FROM audit_log').get() as {
      n: number;
    };
    const applied = await admin.csv<Report & { outcome: string }>(
      `${path('import')}?confirm=${token}`,
      file,
    );
    expect(applied.status).toBe(200);
    expect(applied.body.outcome).toBe('applied');
    expect(entry('02700001', 'U1')).toEqual({ mark: 19.5 });
    expect(entry('02700009', 'U5')).toEqual({ absent: 'justified' });
    const rows = server.app.db
      .prepare('SELECT unit, action, before, after, role FROM audit_log WHERE id > ? ORDER BY id')
      .all(audit.n);
    expect(rows).toEqual([
      {
        unit: 'U1',
        action: 'import-notes',
        before: JSON.stringify(before.U1),
        after: '{"mark":19.5}',
        role: 'admin',
      },
      {
        unit: 'U5',
        action: 'import-notes',
        before: '{"absent":"unjustified"}',
        after: '{"absent":"justified"}',
        role: 'admin',
      },
    ]);
    expect(verifyAuditChain(server.app.db).ok).toBe(true);

    const again = await admin.csv<Report>(path('import'), file);
    expect(again.status).toBe(200);
    expect(again.body.changes).toMatchObject({ added: 0, modified: [], unchanged: 2 });
  });

  it('adds marks where there were none without asking, in a new session', async () => {
    const session = await admin.json<{ id: number }>('POST', '/api/admin/exam-sessions', {
      regulationId: 'bts-mco-2018',
      year: 2027,
      centre: 'Annexe',
      academie: 'Lyon',
    });
    const id = session.body.id;
    const imported = await admin.csv(
      `/api/admin/exam-sessions/${id}/candidates/import`,
      'numéro;nom;prénom;date de naissance;statut;LV1;options;LV2;bénéfices;dispenses\n1;A;B;01/01/2006;scolaire;anglais;;;;\n',
    );
    expect(imported.status).toBe(200);
    const marks = await admin.csv<Report>(
      `/api/admin/exam-sessions/${id}/written-marks/import`,
      'numéro;U1;U21\n1;12;ABS\n',
    );
    expect(marks.status).toBe(200);
    expect(marks.body.changes).toMatchObject({ added: 2, modified: [], confirmation: null });
  });

  it('refuses any change once the jury has locked', async () => {
    server.app.db
      .prepare("UPDATE juries SET locked_at = '2027-06-04T18:00:00.000Z' WHERE id = 1")
      .run();
    const refused = await admin.csv<Refusal>(path('import'), 'numéro;U1\n02700002;20\n');
    expect(refused.status).toBe(422);
    expect(refused.body.error.details.problems).toEqual([
      expect.objectContaining({ line: 2, column: 'U1', code: 'JURY_LOCKED' }),
    ]);
    const candidates = await admin.csv<Refusal>(
      '/api/admin/exam-sessions/1/candidates/preview',
      (await admin.get<string>('/api/admin/exam-sessions/1/candidates.csv')).body.replace(
        'U1=12,5@2024',
        'U1=13@2024',
      ),
    );
    expect(candidates.body).toMatchObject({
      problems: [expect.objectContaining({ line: 4, column: 'bénéfices', code: 'JURY_LOCKED' })],
    });
  });
});
