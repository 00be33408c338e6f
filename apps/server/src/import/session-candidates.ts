import type { StoredEntry } from '@delib/protocol';
import type { Db } from '../db/open-database.js';
import { candidateFileEntries } from './csv/candidate-format.js';
import type { CandidateRecord, CandidateStatus } from './csv/candidate-format.js';

/**
 * Every candidate of one exam session with what the server stores for them, read in three
 * queries (a session has a few thousand candidates at most).
 */
export interface SessionCandidate {
  id: number;
  juryId: number | null;
  /** The candidate's jury has locked its deliberation: nothing of theirs may change. */
  locked: boolean;
  /** The candidate as the candidate file describes them (entries: bénéfices, dispenses). */
  record: CandidateRecord;
  /** Every stored entry: written marks and absences too. */
  entries: Record<string, StoredEntry>;
}

interface CandidateRow {
  id: number;
  juryId: number | null;
  lockedAt: string | null;
  number: string;
  lastName: string;
  firstName: string;
  birthDate: string | null;
  status: string | null;
  lv1: string | null;
  lv2: string | null;
  publicationConsent: number;
}

export function sessionCandidates(db: Db, sessionId: number): Map<string, SessionCandidate> {
  const rows = db
    .prepare(
      `SELECT c.id, c.jury_id AS "juryId", j.locked_at AS "lockedAt", c.number,
              c.last_name AS "lastName", c.first_name AS "firstName", c.birth_date AS "birthDate",
              c.status, c.lv1, c.lv2, c.publication_consent AS "publicationConsent"
       FROM candidates c LEFT JOIN juries j ON j.id = c.jury_id
       WHERE c.exam_session_id = ? ORDER BY c.number`,
    )
    .all(sessionId) as CandidateRow[];
  const entries = new Map<number, Record<string, StoredEntry>>();
  for (const row of db
    .prepare(
      `SELECT e.candidate_id AS "candidateId", e.unit, e.entry FROM candidate_entries e
       JOIN candidates c ON c.id = e.candidate_id WHERE c.exam_session_id = ?`,
    )
    .iterate(sessionId) as IterableIterator<{ candidateId: number; unit: string; entry: string }>) {
    const byUnit = entries.get(row.candidateId) ?? {};
    byUnit[row.unit] = JSON.parse(row.entry) as StoredEntry;
    entries.set(row.candidateId, byUnit);
  }
  const options = new Map<number, string[]>();
  for (const row of db
    .prepare(
      `SELECT o.candidate_id AS "candidateId", o.unit FROM candidate_options o
       JOIN candidates c ON c.id = o.candidate_id WHERE c.exam_session_id = ?`,
    )
    .iterate(sessionId) as IterableIterator<{ candidateId: number; unit: string }>) {
    options.set(row.candidateId, [...(options.get(row.candidateId) ?? []), row.unit]);
  }
  const candidates = new Map<string, SessionCandidate>();
  for (const row of rows) {
    const stored = entries.get(row.id) ?? {};
    candidates.set(row.number, {
      id: row.id,
      juryId: row.juryId,
      locked: row.lockedAt !== null,
      entries: stored,
      record: {
        number: row.number,
        lastName: row.lastName,
        firstName: row.firstName,
        birthDate: row.birthDate ?? '',
        // Rows written before the import existed may hold any text here.
        status: (row.status ?? '') as CandidateStatus,
        lv1: row.lv1 ?? '',
        lv2: row.lv2,
        options: options.get(row.id) ?? [],
        entries: candidateFileEntries(stored),
        publicationConsent: row.publicationConsent === 1,
      },
    });
  }
  return candidates;
}

/** Same entry (compared field by field: this runs for every cell of an import). */
export function sameEntry(a: StoredEntry | undefined, b: StoredEntry | undefined): boolean {
  if (!a || !b) return a === b;
  if ('mark' in a) return 'mark' in b && a.mark === b.mark;
  if ('absent' in a) return 'absent' in b && a.absent === b.absent;
  if ('exempt' in a) return 'exempt' in b;
  return 'kept' in b && a.kept.mark === b.kept.mark && a.kept.session === b.kept.session;
}
