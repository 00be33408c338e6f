import canonicalize from 'canonicalize';
import type * as Y from 'yjs';
import { cellKey, marksMap } from '@delib/protocol';
import type { Db } from '../db/open-database.js';

/** A value as one text whatever the order of its keys, to compare a row's with the document's. */
function canonicalValue(value: unknown): string | undefined {
  return value === null || value === undefined ? undefined : canonicalize(value);
}

/**
 * Who wrote the mark in force in each cell of a commission document, from the audit trail
 * and the document itself (`doc`, the server's copy): every accepted change of a cell has its
 * `saisie` row (document, candidate, unit, user, value written). The writer is the user of
 * the last row that wrote the value the cell holds. Not merely the last row: two values typed
 * at the same instant through two server processes are each accepted and audited by their
 * own process, in either order, while Yjs keeps one of them on both; the last row may be the
 * value that lost. An empty cell has no writer. Keyed by cell (`<candidateId>:<unit>`).
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
  const inForce = new Map<string, string | undefined>();
  const writers = new Map<string, string>();
  for (const row of rows) {
    const key = cellKey(row.candidateId, row.unit);
    if (!inForce.has(key)) inForce.set(key, canonicalValue(marks.get(key)));
    const value = inForce.get(key);
    if (value === undefined || row.after === null || row.userId === null) continue;
    if (canonicalValue(JSON.parse(row.after)) === value) writers.set(key, row.userId);
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
