import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/db-handle.js';
import { openPostgresDatabase } from '../db/open-postgres-database.js';
import { openIntruderOn } from '../test-support/intruder-connection.js';
import { postgresForTests } from '../test-support/postgres-for-tests.js';
import type { TestPostgres } from '../test-support/postgres-for-tests.js';
import { AuditTrail, verifyAuditChain } from './audit-trail.js';
import type { AuditEvent } from './audit-trail.js';

const event = (action: string): AuditEvent => ({
  userId: 'u1',
  role: 'examiner',
  document: 'commission/1/g1',
  candidateId: 1,
  unit: 'U41',
  action,
  before: null,
  after: { mark: 12 },
  reason: null,
});

/**
 * PostgreSQL has no sqlite_sequence: the highest audit id ever written is kept by a trigger
 * (audit_log_high_water), so rows deleted at the end of the trail are seen there too.
 */
describe('the end of the audit trail on PostgreSQL', () => {
  let postgres: TestPostgres;
  let url: string;
  let db: Db;

  beforeAll(async () => {
    postgres = await postgresForTests();
    url = await postgres.createDatabase();
    db = await openPostgresDatabase(url);
    const audit = new AuditTrail(db);
    audit.append([event('saisie'), event('saisie')]);
    audit.append([event('saisie')]);
  });
  afterAll(async () => {
    db.close();
    await postgres.close();
  });

  it('is intact when nothing was touched, and a rolled-back append leaves no mark', () => {
    expect(() =>
      db.transaction(() => {
        new AuditTrail(db).append([event('saisie')]);
        throw new Error('abandon');
      })(),
    ).toThrow('abandon');
    expect(verifyAuditChain(db)).toEqual({ ok: true, rows: 3 });
  });

  it('sees the last rows deleted by someone with write access', () => {
    const intruder = openIntruderOn({ databasePath: '', databaseUrl: url });
    try {
      intruder.prepare('DELETE FROM audit_log WHERE id > ?').run(1);
    } finally {
      intruder.close();
    }
    expect(verifyAuditChain(db)).toMatchObject({
      ok: false,
      firstBadRowId: 2,
      problem: 'lignes 2 à 3 supprimées à la fin du journal',
    });
  });
});
