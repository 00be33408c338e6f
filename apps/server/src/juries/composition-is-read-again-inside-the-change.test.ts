import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpError } from '../http/http-error.js';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';
import {
  addExaminer,
  addMember,
  createCommission,
  removeExaminer,
  removeMember,
} from './jury-composition.js';

/**
 * The routes that change a jury's composition check the lock first, then hash the new
 * people's passwords (tens of milliseconds) before writing: a lock committed meanwhile let an
 * attacker test add a member after the lock, who could read the record and could no longer
 * be removed. Each change reads the lock again inside its own transaction.
 */
describe('a composition change that reaches storage after the lock', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  it('is refused with 409 and writes nothing', () => {
    const { db } = server.app;
    const count = (sql: string): number => (db.prepare(sql).get() as { n: number }).n;
    const members = () => count('SELECT COUNT(*) AS n FROM jury_members WHERE jury_id = 1');
    const examiners = () =>
      count(
        'SELECT COUNT(*) AS n FROM commission_examiners e JOIN commissions c ON c.id = e.commission_id WHERE c.jury_id = 1',
      );
    const commissions = () => count('SELECT COUNT(*) AS n FROM commissions WHERE jury_id = 1');
    const before = [members(), examiners(), commissions()];
    const someone = (
      db.prepare("SELECT id FROM users WHERE login = 'admin'").get() as { id: string }
    ).id;
    const member = db
      .prepare('SELECT user_id AS id FROM jury_members WHERE jury_id = 1 AND is_president = 0')
      .get() as { id: string };
    const room = db
      .prepare(
        'SELECT c.id, e.user_id AS examiner FROM commissions c JOIN commission_examiners e ON e.commission_id = c.id WHERE c.jury_id = 1',
      )
      .get() as { id: number; examiner: string };

    // The lock, committed after the route's first check (as by another request).
    db.prepare("UPDATE juries SET locked_at = '2027-06-04T18:00:00.000Z' WHERE id = 1").run();

    const refused = (change: () => unknown) => {
      try {
        db.transaction(change)();
      } catch (error) {
        return error instanceof HttpError ? [error.status, error.message] : error;
      }
      return 'accepté';
    };
    const locked = [409, expect.stringMatching(/a verrouillé sa délibération/)];
    expect(
      refused(() =>
        addMember(db, 1, { userId: someone, category: 'enseignant', president: false }),
      ),
    ).toEqual(locked);
    expect(refused(() => removeMember(db, 1, member.id))).toEqual(locked);
    expect(
      refused(() => createCommission(db, 1, { name: 'Salle X', room: 'X1', units: ['U41'] }, [])),
    ).toEqual(locked);
    expect(refused(() => addExaminer(db, room.id, someone))).toEqual(locked);
    expect(refused(() => removeExaminer(db, room.id, room.examiner))).toEqual(locked);
    expect([members(), examiners(), commissions()]).toEqual(before);
  });
});
