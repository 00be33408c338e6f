import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/open-database.js';
import { AuditTrail, verifyAuditChain } from './audit-trail.js';

function trailWithRows(count: number) {
  const db = openDatabase(':memory:');
  const trail = new AuditTrail(db);
  trail.append(
    Array.from({ length: count }, (_, index) => ({
      userId: 'u1',
      role: 'examiner',
      document: 'commission/1/g1',
      candidateId: index + 1,
      unit: 'U41',
      action: 'saisie',
      before: null,
      after: { mark: 10 + index / 2 },
      reason: null,
    })),
  );
  return db;
}

describe('the audit hash chain', () => {
  it('verifies an untouched trail', () => {
    expect(verifyAuditChain(trailWithRows(5))).toEqual({ ok: true, rows: 5 });
  });

  it('names the row whose content was edited', () => {
    const db = trailWithRows(5);
    db.prepare(`UPDATE audit_log SET after = '{"mark":20}' WHERE id = 3`).run();
    expect(verifyAuditChain(db)).toMatchObject({
      ok: false,
      firstBadRowId: 3,
      problem: 'la ligne 3 a été modifiée',
    });
  });

  it('names the gap left by a deleted row', () => {
    const db = trailWithRows(5);
    db.prepare('DELETE FROM audit_log WHERE id = 2').run();
    expect(verifyAuditChain(db)).toMatchObject({ ok: false, firstBadRowId: 3 });
  });

  it('detects a row inserted with a recomputed id but a wrong link', () => {
    const db = trailWithRows(3);
    const last = db.prepare('SELECT * FROM audit_log WHERE id = 3').get() as Record<
      string,
      unknown
    >;
    db.prepare('UPDATE audit_log SET id = 4 WHERE id = 3').run();
    db.prepare(
      `INSERT INTO audit_log (id, at, user_id, role, document, candidate_id, unit, action, before, after, reason, prev_hash, hash)
       VALUES (3, @at, 'intrus', 'examiner', @document, 9, 'U41', 'saisie', NULL, '{"mark":20}', NULL, @prev_hash, @hash)`,
    ).run(last);
    expect(verifyAuditChain(db)).toMatchObject({ ok: false, firstBadRowId: 3 });
  });

  it('sees its tail cut off, through the counter SQLite keeps of the ids it gave', () => {
    const db = trailWithRows(3);
    db.prepare('DELETE FROM audit_log WHERE id = 3').run();
    expect(verifyAuditChain(db)).toEqual({
      ok: false,
      rows: 2,
      firstBadRowId: 3,
      problem: 'lignes 3 à 3 supprimées à la fin du journal',
    });
  });

  it('sees the whole trail deleted', () => {
    const db = trailWithRows(3);
    db.prepare('DELETE FROM audit_log').run();
    expect(verifyAuditChain(db)).toMatchObject({ ok: false, rows: 0, firstBadRowId: 1 });
  });

  it('cannot see its tail cut off when the counter is rewritten too and no locked record pins it', () => {
    // The limit the security notes state: the witnesses live in the same file.
    const db = trailWithRows(3);
    db.prepare('DELETE FROM audit_log WHERE id = 3').run();
    db.prepare("UPDATE sqlite_sequence SET seq = 2 WHERE name = 'audit_log'").run();
    expect(verifyAuditChain(db)).toEqual({ ok: true, rows: 2 });
  });
});
