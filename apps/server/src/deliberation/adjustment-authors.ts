import type * as Y from 'yjs';
import { adjustmentKey, juryMap } from '@delib/protocol';
import { writersOfValuesInForce } from '../audit/writers-of-values-in-force.js';
import type { Db } from '../db/open-database.js';

/**
 * Who set each adjustment of a jury document, from the audit trail and the document itself
 * (`juryDoc`, the copy the record is built from): the jury document holds an adjustment as
 * `{ mark, reason }`, and every accepted change to it has its audit row (`ajustement`, the
 * document, the candidate, the unit, the user, the value written). The author of the
 * adjustment in force is the user of the last row that wrote that value
 * (writers-of-values-in-force.ts); a cell that holds none has no author. Display names, keyed
 * by `<candidateId>:<unit>`.
 */
export function adjustmentAuthors(
  db: Db,
  juryDocument: string,
  juryDoc: Y.Doc,
): Map<string, string> {
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
  const adjustments = juryMap(juryDoc, 'adjustments');
  return writersOfValuesInForce(
    rows.map((row) => ({
      key: adjustmentKey(row.candidateId, row.unit),
      after: row.after,
      writer: row.name,
    })),
    (key) => adjustments.get(key),
  );
}
