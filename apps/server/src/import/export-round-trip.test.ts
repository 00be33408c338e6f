import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditTrail, verifyAuditChain } from '../audit/audit-trail.js';
import { createUser } from '../auth/users.js';
import { openDatabase } from '../db/open-database.js';
import type { Db } from '../db/open-database.js';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';
import { createExamSession, loadExamSession } from '../exam-sessions/exam-sessions.js';
import type { ExamSessionContext } from '../exam-sessions/exam-sessions.js';
import { candidatesCsv, writtenMarksCsv } from './export-session.js';
import { importCandidates } from './import-candidates.js';
import { importWrittenMarks } from './import-written-marks.js';
import { AdminClient } from '../test-support/admin-client.js';

/** What a session holds, without database ids: identities, options and every stored entry. */
function sessionContent(db: Db, sessionId: number): unknown {
  return {
    candidates: db
      .prepare(
        `SELECT number, last_name, first_name, birth_date, status, lv1, lv2, publication_consent FROM candidates
         WHERE exam_session_id = ? ORDER BY number`,
      )
      .all(sessionId),
    options: db
      .prepare(
        `SELECT c.number, o.unit FROM candidate_options o JOIN candidates c ON c.id = o.candidate_id
         WHERE c.exam_session_id = ? ORDER BY c.number, o.unit`,
      )
      .all(sessionId),
    entries: (
      db
        .prepare(
          `SELECT c.number, e.unit, e.entry FROM candidate_entries e JOIN candidates c ON c.id = e.candidate_id
           WHERE c.exam_session_id = ? ORDER BY c.number, e.unit`,
        )
        .all(sessionId) as { number: string; unit: string; entry: string }[]
    ).map((row) => ({ ...row, entry: JSON.parse(row.entry) as unknown })),
  };
}

describe('export, then import into a fresh database', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  it('gives the same session (the demo: bénéfices, dispenses, absences, options, LV2, consents)', async () => {
    const admin = await AdminClient.signIn(server);
    const candidates = await admin.get<string>('/api/admin/exam-sessions/1/candidates.csv');
    const marks = await admin.get<string>('/api/admin/exam-sessions/1/written-marks.csv');
    expect(candidates.status).toBe(200);
    expect(candidates.headers.get('content-disposition')).toBe(
      'attachment; filename="candidats-2027-lycee-jean-moulin-lyon.csv"',
    );
    expect(candidates.body.split('\r\n')[0]).toBe(
      'numéro;nom;prénom;date de naissance;statut;LV1;options;LV2;bénéfices;dispenses;consentement publication',
    );
    expect(candidates.body).toContain('U1=12,5@2024');
    // The demo's consents to publication, both answers, travel with the file.
    expect(candidates.body).toMatch(/^02700001;.*;oui$/m);
    expect(candidates.body).toMatch(/^02700004;.*;non$/m);
    const raw = await fetch(`${server.url}/api/admin/exam-sessions/1/candidates.csv`, {
      headers: { cookie: admin.cookie ?? '' },
    });
    expect([...new Uint8Array(await raw.arrayBuffer()).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(marks.body).toContain('ABS');

    const fresh = openDatabase(':memory:');
    const actorId = await createUser(fresh, {
      login: 'admin',
      name: 'Admin',
      role: 'admin',
      password: null,
    });
    const actor = { id: actorId, login: 'admin', name: 'Admin', role: 'admin' as const };
    const sessionId = createExamSession(fresh, {
      regulationId: 'bts-mco-2018',
      year: 2027,
      centre: 'Lycée Jean-Moulin, Lyon',
      academie: 'Lyon',
      startsOn: null,
      endsOn: null,
    });
    const session = loadExamSession(fresh, sessionId) as ExamSessionContext;
    const audit = new AuditTrail(fresh);
    const imported = importCandidates(
      fresh,
      audit,
      session,
      Buffer.from(candidates.body, 'utf8'),
      actor,
    );
    expect(imported.problems).toEqual([]);
    expect(imported.changes.created).toHaveLength(24);
    const written = importWrittenMarks(
      fresh,
      audit,
      session,
      Buffer.from(marks.body, 'utf8'),
      actor,
      null,
    );
    expect(written.problems).toEqual([]);
    expect(written.outcome).toBe('applied');

    const content = sessionContent(fresh, sessionId) as { entries: unknown[] };
    expect(content).toEqual(sessionContent(server.app.db, 1));
    // fetch's text() drops the BOM that the export writes (for Excel).
    const bom = '\uFEFF';
    expect(candidatesCsv(fresh, session).toString('utf8')).toBe(bom + candidates.body);
    expect(writtenMarksCsv(fresh, session).toString('utf8')).toBe(bom + marks.body);
    // One audit row per stored entry, chained.
    expect(verifyAuditChain(fresh)).toEqual({ ok: true, rows: content.entries.length });
    fresh.close();
  });
});
