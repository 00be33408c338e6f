import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/open-database.js';
import { AuditTrail, verifyAuditChain } from './audit-trail.js';
import type { AuditEvent } from './audit-trail.js';

const DOCUMENT = 'commission/1/g1';
const MARKS = ['saisie', 'saisie écartée'];

function entered(userId: string, after: unknown, action = 'saisie'): AuditEvent {
  return {
    userId,
    role: 'examiner',
    document: DOCUMENT,
    candidateId: 7,
    unit: 'U41',
    action,
    before: null,
    after,
    reason: null,
  };
}

/** The row of a 9 that lost to a 15 typed at once on another process. */
const nineSetAside: Omit<AuditEvent, 'userId' | 'role'> = {
  document: DOCUMENT,
  candidateId: 7,
  unit: 'U41',
  action: 'saisie écartée',
  before: { mark: 9 },
  after: { mark: 15 },
  reason: 'Saisie simultanée',
};

function trail(...events: AuditEvent[]) {
  const db = openDatabase(':memory:');
  const audit = new AuditTrail(db);
  audit.append(events);
  const rows = () =>
    db.prepare('SELECT user_id AS "userId", action, after FROM audit_log ORDER BY id').all() as {
      userId: string;
      action: string;
      after: string;
    }[];
  return { db, audit, rows };
}

describe('a value set aside by a concurrent one', () => {
  it('is appended once, as written by the writer of the lost value', () => {
    const { db, audit, rows } = trail(
      entered('teacher', { mark: 15 }),
      entered('pro', { mark: 9 }),
    );
    expect(audit.appendSetAside(nineSetAside, MARKS)).toBe(true);
    // Found again by the other process: the trail already ends on the value kept.
    expect(audit.appendSetAside(nineSetAside, MARKS)).toBe(false);
    expect(rows().map(({ userId, action }) => `${userId} ${action}`)).toEqual([
      'teacher saisie',
      'pro saisie',
      'pro saisie écartée',
    ]);
    expect(verifyAuditChain(db)).toEqual({ ok: true, rows: 3 });
  });

  it('is not appended when the trail already ends on the value kept', () => {
    const { audit, rows } = trail(entered('pro', { mark: 9 }), entered('teacher', { mark: 15 }));
    expect(audit.appendSetAside(nineSetAside, MARKS)).toBe(false);
    expect(rows()).toHaveLength(2);
  });

  it('reads the lost value whatever the order of its keys', () => {
    const { audit } = trail(entered('pro', { comment: 'oral', mark: 9 }));
    const lost = { ...nineSetAside, before: { mark: 9, comment: 'oral' } };
    expect(audit.appendSetAside(lost, MARKS)).toBe(true);
  });

  it('reads only the rows of its own cell and kind', () => {
    const grid = entered('pro', { mark: 9 }, 'grille');
    const otherCell = { ...entered('pro', { mark: 9 }), candidateId: 8 };
    const { audit } = trail(entered('teacher', { mark: 15 }), grid, otherCell);
    expect(audit.appendSetAside(nineSetAside, MARKS)).toBe(false);
  });
});
