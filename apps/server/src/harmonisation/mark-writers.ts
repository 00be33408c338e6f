import type * as Y from 'yjs';
import { cellKey, marksMap } from '@delib/protocol';
import { writersOfValuesInForce } from '../audit/writers-of-values-in-force.js';
import type { Db } from '../db/open-database.js';

/**
 * Who wrote the mark in force in each cell of a commission document, from the audit trail
 * and the document itself (`doc`, the server's copy): every accepted change of a cell has its
 * `saisie` row (document, candidate, unit, user, value written); the writer is that of the
 * last row that wrote the value the cell holds (writers-of-values-in-force.ts). An empty cell
 * has no writer. Keyed by cell (`<candidateId>:<unit>`).
 */
export function markWriters(db: Db, document: string, doc: Y.Doc): Map<string, string> {
  const rows = db
    .prepare(
      `SELECT candidate_id AS "candidateId", unit, user_id AS "userId", after FROM audit_log
        WHERE document = ? AND action = 'saisie' AND candidate_id IS NOT NULL AND unit IS NOT NULL
        ORDER BY id`,
    )
    .all(document) as {
    candidateId: number;
    unit: string;
    userId: string | null;
    after: string | null;
  }[];
  const marks = marksMap(doc);
  return writersOfValuesInForce(
    rows.map((row) => ({
      key: cellKey(row.candidateId, row.unit),
      after: row.after,
      writer: row.userId,
    })),
    (key) => marks.get(key),
  );
}

/** Display names of the given users (their account's name). */
export function peopleNamed(db: Db, userIds: Iterable<string>): { userId: string; name: string }[] {
  const select = db.prepare('SELECT display_name AS name FROM users WHERE id = ?');
  return [...new Set(userIds)]
    .map((userId) => ({
      userId,
      name: (select.get(userId) as { name: string } | undefined)?.name ?? userId,
    }))
    .sort((a, b) => a.name.localeCompare(b.name, 'fr'));
}
