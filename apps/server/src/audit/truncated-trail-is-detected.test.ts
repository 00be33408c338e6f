import { execFile } from 'node:child_process';
import { DEMO_PASSWORD } from '../demo/seed-demo.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeOralEntry } from '@delib/protocol';
import type { FinalRecord } from '@delib/protocol';
import type { Db } from '../db/open-database.js';
import { lockDemoJury } from '../minute/test-support/minute-test-server.js';
import { openAsIntruder, postJson } from '../test-support/intruder-connection.js';
import { openRawSync } from '../test-support/raw-sync-client.js';
import { firstRoomOf, signIn } from '../test-support/sign-in.js';
import { waitFor } from '../test-support/sync-client.js';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';
import { AuditTrail, verifyAuditChain } from './audit-trail.js';
import type { AuditEvent } from './audit-trail.js';
import { testEngine } from '../test-support/test-database.js';

const serverRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

interface StoredAuditRow {
  id: number;
  user_id: string | null;
  role: string | null;
  document: string | null;
  candidate_id: number | null;
  unit: string | null;
  action: string;
  before: string | null;
  after: string | null;
  reason: string | null;
}

/** `delib audit:verify` itself, run from source on that database file. */
async function auditVerifyCommand(databasePath: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'src/cli.ts', 'audit:verify'],
      { cwd: serverRoot, env: { ...process.env, DELIB_DB: databasePath } },
    );
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

// On a copy of the SQLite file; on PostgreSQL: truncated-trail-is-detected-on-postgres.test.ts.
describe.skipIf(testEngine() === 'postgres')(
  'audit:verify after the audit trail lost its end',
  () => {
    let server: TestServer;
    let directory: string;
    let juryId: number;
    /** The lock's own row: the record pins the rows before it. */
    let lockRow: number;
    let copies = 0;

    /** A copy of the server's database, opened as an intruder would open it. */
    const copy = (): { db: Db; file: string } => {
      copies += 1;
      const file = path.join(directory, `copie-${copies}.sqlite`);
      server.app.db.exec(`VACUUM INTO '${file}'`);
      return { db: openAsIntruder(file), file };
    };

    beforeAll(async () => {
      server = await startTestServer();
      directory = fs.mkdtempSync(path.join(os.tmpdir(), 'delib-audit-'));
      // A mark before the lock, so the record pins a chain of some length.
      const examiner = await signIn(server.url, 'e4.enseignante');
      const room = await firstRoomOf(server.url, examiner);
      const writer = await openRawSync(server.url, room.document, {
        cookie: examiner.cookie,
        origin: server.origin,
      });
      writer.change((doc) =>
        writeOralEntry(doc, room.passages[0]?.candidateId as number, 'U41', { mark: 16 }),
      );
      await waitFor(
        () => server.app.db.prepare('SELECT 1 FROM audit_log').get() !== undefined,
        'la ligne d’audit de la note',
      );
      writer.close();
      juryId = await lockDemoJury(server);
      const president = await signIn(server.url, 'presidente');
      // Rows after the lock: the signature and an amendment.
      expect(
        (
          await postJson(server.url, `/api/juries/${juryId}/sign`, president.cookie, {
            password: DEMO_PASSWORD,
          })
        ).status,
      ).toBe(201);
      const record = JSON.parse(
        (
          server.app.db
            .prepare('SELECT record FROM final_records WHERE jury_id = ?')
            .get(juryId) as {
            record: string;
          }
        ).record,
      ) as FinalRecord;
      const amendment = await postJson(
        server.url,
        `/api/juries/${juryId}/amendments`,
        president.cookie,
        {
          candidateId: record.candidates[0]?.id,
          unit: 'U42',
          input: 'entry',
          after: { mark: 13 },
          reason: 'Erreur de report de la note sur la grille',
        },
      );
      expect(amendment.status).toBe(201);
      lockRow = record.audit.rows + 1;
      expect(lockRow).toBeGreaterThan(1);
    });
    afterAll(async () => {
      await server.stop();
      fs.rmSync(directory, { recursive: true, force: true });
    });

    it('says intact when nothing was touched', async () => {
      const { db, file } = copy();
      const rows = (db.prepare('SELECT COUNT(*) AS n FROM audit_log').get() as { n: number }).n;
      expect(rows).toBe(lockRow + 2);
      expect(verifyAuditChain(db)).toEqual({ ok: true, rows });
      db.close();
      const command = await auditVerifyCommand(file);
      expect(command).toMatchObject({ code: 0 });
      expect(command.output).toContain(`Journal d’audit intact : ${rows} ligne(s)`);
    });

    it('sees the last rows deleted', () => {
      const { db } = copy();
      db.prepare('DELETE FROM audit_log WHERE id > ?').run(lockRow);
      expect(verifyAuditChain(db)).toMatchObject({ ok: false, firstBadRowId: lockRow + 1 });
      db.close();
    });

    it('sees the trail cut from the lock on, though SQLite’s counter was rewritten to match', async () => {
      const { db, file } = copy();
      db.prepare('DELETE FROM audit_log WHERE id >= ?').run(lockRow);
      db.prepare("UPDATE sqlite_sequence SET seq = ? WHERE name = 'audit_log'").run(lockRow - 1);
      expect(verifyAuditChain(db)).toEqual({
        ok: false,
        rows: lockRow - 1,
        firstBadRowId: lockRow,
        problem: `journal tronqué : le procès-verbal du jury ${juryId} a été verrouillé à la ligne ${lockRow}, le journal s’arrête à la ligne ${lockRow - 1}`,
      });
      db.close();
      const command = await auditVerifyCommand(file);
      expect(command.code).toBe(2);
      expect(command.output).toContain('Journal d’audit ALTÉRÉ : journal tronqué');
    });

    it('sees the whole trail deleted, counter included', () => {
      const { db } = copy();
      db.prepare('DELETE FROM audit_log').run();
      db.prepare("DELETE FROM sqlite_sequence WHERE name = 'audit_log'").run();
      expect(verifyAuditChain(db)).toMatchObject({ ok: false, rows: 0, firstBadRowId: 1 });
      db.close();
    });

    it('sees a trail rewritten whole with a valid chain: it no longer leads to the pinned head', () => {
      const { db } = copy();
      const rows = db.prepare('SELECT * FROM audit_log ORDER BY id').all() as StoredAuditRow[];
      db.prepare('DELETE FROM audit_log').run();
      db.prepare("DELETE FROM sqlite_sequence WHERE name = 'audit_log'").run();
      const parse = (json: string | null): unknown => (json === null ? null : JSON.parse(json));
      new AuditTrail(db).append(
        rows.map((row): AuditEvent => ({
          userId: row.user_id,
          role: row.role,
          document: row.document,
          candidateId: row.candidate_id,
          unit: row.unit,
          action: row.action,
          before: parse(row.before),
          after: parse(row.after),
          reason: row.reason,
        })),
      );
      expect(verifyAuditChain(db)).toMatchObject({
        ok: false,
        rows: rows.length,
        firstBadRowId: lockRow,
        problem: `procès-verbal du jury ${juryId} : le journal d’audit jusqu’à la ligne ${lockRow - 1} n’est plus celui que le procès-verbal a scellé`,
      });
      db.close();
    });

    it('sees a lock whose record is gone', () => {
      const { db } = copy();
      db.exec('DROP TRIGGER final_records_immutable_delete');
      db.prepare('DELETE FROM final_records').run();
      expect(verifyAuditChain(db)).toMatchObject({ ok: false, firstBadRowId: lockRow });
      db.close();
    });
  },
);
