import { cellKey } from '@delib/protocol';
import type { Db } from '../db/open-database.js';

/**
 * Who wrote the mark in force in each cell of a commission document, from the audit trail:
 * every accepted change of a cell has its `saisie` row (document, candidate, unit, user). The
 * writer is the user of the last row of that cell; a cell whose last row removed its value
 * has none. Keyed by cell (`<candidateId>:<unit>`).
 */
export function markWriters(db: Db, document: string): Map<string, string> {
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
  const writers = new Map<string, string>();
  for (const row of rows) {
    const key = cellKey(row.candidateId, row.unit);
    if (row.after === null || row.userId === null) writers.delete(key);
    else writers.set(key, row.userId);
  }
  return writers;
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
