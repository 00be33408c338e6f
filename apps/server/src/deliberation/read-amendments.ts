import type { RecordAmendment } from '@delib/protocol';
import type { Decision } from '@delib/rules';
import type { Db } from '../db/open-database.js';

interface AmendmentRow extends Omit<RecordAmendment, 'before' | 'after' | 'decision'> {
  before: string | null;
  after: string;
  decisionBefore: Decision | null;
  decisionAfter: Decision | null;
}

/** The jury's amendments since the lock, oldest first, with their authors' names. */
export function readAmendments(db: Db, juryId: number): RecordAmendment[] {
  const rows = db
    .prepare(
      `SELECT a.id, a.candidate_id AS "candidateId", a.unit, a.input, a.before, a.after, a.reason,
              a.decision_before AS "decisionBefore", a.decision_after AS "decisionAfter",
              u.display_name AS author, a.created_at AS "createdAt"
       FROM amendments a JOIN users u ON u.id = a.author WHERE a.jury_id = ? ORDER BY a.id`,
    )
    .all(juryId) as AmendmentRow[];
  return rows.map(({ decisionBefore, decisionAfter, ...a }): RecordAmendment => ({
    ...a,
    before: a.before === null ? null : (JSON.parse(a.before) as unknown),
    after: JSON.parse(a.after) as unknown,
    decision:
      decisionBefore && decisionAfter ? { before: decisionBefore, after: decisionAfter } : null,
  }));
}
