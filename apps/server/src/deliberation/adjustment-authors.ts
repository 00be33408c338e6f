import { adjustmentKey } from '@delib/protocol';
import type { Db } from '../db/open-database.js';

/**
 * Who set each adjustment of a jury document, from the audit trail: the jury document holds
 * an adjustment as `{ mark, reason }`, and every accepted change to it has its audit row
 * (`ajustement`, the document, the candidate, the unit, the user). The author of the
 * adjustment in force is the user of the last row that wrote a value to that cell; a cell
 * whose last row removed the value has none. Display names, keyed by `<candidateId>:<unit>`.
 */
export function adjustmentAuthors(db: Db, juryDocument: string): Map<string, string> {
  const rows = db
    .prepare(
      `SELECT a.candidate_id AS "candidateId", a.unit, a.after, COALESCE(u.display_name, a.user_id) AS name
         FROM audit_log a LEFT JOIN users u ON u.id = a.user_id
        WHERE a.action = 'ajustement' AND a.document = ? AND a.candidate_id IS NOT NULL
          AND a.unit IS NOT NULL
        ORDER BY a.id`,
    )
    .all(juryDocument) as {
    candidateId: number;
    unit: string;
    after: string | null;
    name: string | null;
  }[];
  const authors = new Map<string, string>();
  for (const row of rows) {
    const key = adjustmentKey(row.candidateId, row.unit);
    if (row.after === null || row.name === null) authors.delete(key);
    else authors.set(key, row.name);
  }
  return authors;
}
