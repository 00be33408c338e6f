import type {
  CommissionSummary,
  ExamSessionInfo,
  MemberCategory,
  StoredEntry,
} from '@delib/protocol';
import type { SqlStatement } from './db-handle.js';
import { sessionRegulation } from '../regulations/session-regulation.js';
import type { Db } from './open-database.js';

/** Read access to the structure of an exam session: sessions, juries, commissions, candidates. */

export interface JuryRow {
  id: number;
  examSessionId: number;
  name: string;
  appointmentRef: string | null;
  generation: number;
  lockedAt: string | null;
}

export interface CommissionRow extends CommissionSummary {
  generation: number;
}

export interface CandidateRow {
  id: number;
  examSessionId: number;
  juryId: number | null;
  number: string;
  lastName: string;
  firstName: string;
  birthDate: string | null;
  status: string | null;
  lv1: string | null;
  lv2: string | null;
}

export interface MemberRow {
  userId: string;
  name: string;
  category: MemberCategory;
  president: boolean;
}

/** Ids per `IN (…)` of the queries over a list of candidates. */
const IN_GROUP = 32;

export class ExamRepository {
  /** Prepared statements, compiled once: these queries run on every sync message. */
  private readonly statements = new Map<string, SqlStatement>();

  constructor(private readonly db: Db) {}

  private prepare(sql: string): SqlStatement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /** Who owns each Yjs client id that wrote to `document`, with their display name. */
  documentWriters(document: string): { client: number; userId: string; name: string }[] {
    return this.prepare(
      `SELECT dc.client AS client, dc.user_id AS "userId", u.display_name AS name
         FROM document_clients dc JOIN users u ON u.id = dc.user_id
        WHERE dc.document = ? ORDER BY dc.client`,
    ).all(document) as { client: number; userId: string; name: string }[];
  }

  examSession(id: number): ExamSessionInfo | null {
    const row = this.prepare(
      `SELECT id, year, regulation_id AS "regulationId", centre, academie, settings
       FROM exam_sessions WHERE id = ?`,
    ).get(id) as (Omit<ExamSessionInfo, 'regulation'> & { settings: string | null }) | undefined;
    if (!row) return null;
    const { settings, ...session } = row;
    return { ...session, regulation: sessionRegulation(this.db, row.regulationId, settings) };
  }

  jury(id: number): JuryRow | null {
    const row = this.prepare(
      `SELECT id, exam_session_id AS "examSessionId", name, appointment_ref AS "appointmentRef",
                generation, locked_at AS "lockedAt" FROM juries WHERE id = ?`,
    ).get(id) as JuryRow | undefined;
    return row ?? null;
  }

  juries(): JuryRow[] {
    return this.prepare(
      `SELECT id, exam_session_id AS "examSessionId", name, appointment_ref AS "appointmentRef",
                generation, locked_at AS "lockedAt" FROM juries ORDER BY id`,
    ).all() as JuryRow[];
  }

  commission(id: number): CommissionRow | null {
    const row = this.prepare(
      'SELECT id, name, room, jury_id AS "juryId", units, generation FROM commissions WHERE id = ?',
    ).get(id) as (Omit<CommissionRow, 'units'> & { units: string }) | undefined;
    return row ? { ...row, units: JSON.parse(row.units) as string[] } : null;
  }

  commissionsOfJury(juryId: number): CommissionRow[] {
    const rows = this.prepare(
      'SELECT id, name, room, jury_id AS "juryId", units, generation FROM commissions WHERE jury_id = ? ORDER BY id',
    ).all(juryId) as (Omit<CommissionRow, 'units'> & { units: string })[];
    return rows.map((row) => ({ ...row, units: JSON.parse(row.units) as string[] }));
  }

  commissionsOfExaminer(userId: string): CommissionRow[] {
    const rows = this.prepare(
      `SELECT c.id, c.name, c.room, c.jury_id AS "juryId", c.units, c.generation
         FROM commissions c JOIN commission_examiners e ON e.commission_id = c.id
         WHERE e.user_id = ? ORDER BY c.id`,
    ).all(userId) as (Omit<CommissionRow, 'units'> & { units: string })[];
    return rows.map((row) => ({ ...row, units: JSON.parse(row.units) as string[] }));
  }

  isExaminerOf(commissionId: number, userId: string): boolean {
    return (
      this.prepare(
        'SELECT 1 FROM commission_examiners WHERE commission_id = ? AND user_id = ?',
      ).get(commissionId, userId) !== undefined
    );
  }

  /** The user's place in a jury, or null when they are not part of it. */
  juryRole(juryId: number, userId: string): 'president' | 'member' | null {
    const row = this.prepare(
      'SELECT is_president AS president FROM jury_members WHERE jury_id = ? AND user_id = ?',
    ).get(juryId, userId) as { president: number } | undefined;
    if (!row) return null;
    return row.president ? 'president' : 'member';
  }

  juriesOfUser(userId: string): (JuryRow & { as: 'president' | 'member' })[] {
    return (
      this.prepare(
        `SELECT j.id, j.exam_session_id AS "examSessionId", j.name, j.appointment_ref AS "appointmentRef",
                  j.generation, j.locked_at AS "lockedAt", m.is_president AS president
           FROM juries j JOIN jury_members m ON m.jury_id = j.id WHERE m.user_id = ? ORDER BY j.id`,
      ).all(userId) as (JuryRow & { president: number })[]
    ).map(({ president, ...jury }) => ({ ...jury, as: president ? 'president' : 'member' }));
  }

  members(juryId: number): MemberRow[] {
    return (
      this.prepare(
        `SELECT m.user_id AS "userId", u.display_name AS name, m.category, m.is_president AS president
           FROM jury_members m JOIN users u ON u.id = m.user_id WHERE m.jury_id = ?
           ORDER BY m.is_president DESC, u.display_name`,
      ).all(juryId) as (Omit<MemberRow, 'president'> & { president: number })[]
    ).map((row) => ({ ...row, president: row.president === 1 }));
  }

  candidatesOfJury(juryId: number): CandidateRow[] {
    return this.prepare(
      `SELECT id, exam_session_id AS "examSessionId", jury_id AS "juryId", number,
                last_name AS "lastName", first_name AS "firstName", birth_date AS "birthDate",
                status, lv1, lv2
         FROM candidates WHERE jury_id = ? ORDER BY number`,
    ).all(juryId) as CandidateRow[];
  }

  /**
   * The rows of a query over a list of ids, `IN` groups of IN_GROUP (the last one padded
   * with its first id: one prepared statement for any list): one round trip per group
   * instead of one per id, which matters on PostgreSQL.
   */
  private rowsForIds<T>(sql: (placeholders: string) => string, ids: readonly number[]): T[] {
    if (ids.length === 0) return [];
    const statement = this.prepare(sql(Array.from({ length: IN_GROUP }, () => '?').join(', ')));
    const rows: T[] = [];
    for (let start = 0; start < ids.length; start += IN_GROUP) {
      const group = ids.slice(start, start + IN_GROUP);
      while (group.length < IN_GROUP) group.push(group[0] as number);
      rows.push(...(statement.all(...group) as T[]));
    }
    return rows;
  }

  /** Stored entries (written marks, bénéfices, dispenses) of the given candidates. */
  storedEntries(candidateIds: number[]): Map<number, Record<string, StoredEntry>> {
    const byCandidate = new Map<number, Record<string, StoredEntry>>(
      candidateIds.map((id) => [id, {}]),
    );
    const rows = this.rowsForIds<{ candidateId: number; unit: string; entry: string }>(
      (ids) =>
        `SELECT candidate_id AS "candidateId", unit, entry FROM candidate_entries
         WHERE candidate_id IN (${ids})`,
      candidateIds,
    );
    for (const row of rows) {
      const entries = byCandidate.get(row.candidateId);
      if (entries) entries[row.unit] = JSON.parse(row.entry) as StoredEntry;
    }
    return byCandidate;
  }

  options(candidateIds: number[]): Map<number, string[]> {
    const byCandidate = new Map<number, string[]>(candidateIds.map((id) => [id, []]));
    const rows = this.rowsForIds<{ candidateId: number; unit: string }>(
      (ids) =>
        `SELECT candidate_id AS "candidateId", unit FROM candidate_options
         WHERE candidate_id IN (${ids}) ORDER BY unit`,
      candidateIds,
    );
    for (const row of rows) byCandidate.get(row.candidateId)?.push(row.unit);
    return byCandidate;
  }

  passages(
    commissionId: number,
  ): { candidateId: number; position: number; scheduledAt: string | null }[] {
    return this.prepare(
      `SELECT candidate_id AS "candidateId", position, scheduled_at AS "scheduledAt"
         FROM passages WHERE commission_id = ? ORDER BY position`,
    ).all(commissionId) as { candidateId: number; position: number; scheduledAt: string | null }[];
  }

  candidates(ids: number[]): Map<number, CandidateRow> {
    const statement = this.prepare(
      `SELECT id, exam_session_id AS "examSessionId", jury_id AS "juryId", number,
              last_name AS "lastName", first_name AS "firstName", birth_date AS "birthDate", status, lv1, lv2
       FROM candidates WHERE id = ?`,
    );
    const map = new Map<number, CandidateRow>();
    for (const id of ids) {
      const row = statement.get(id) as CandidateRow | undefined;
      if (row) map.set(id, row);
    }
    return map;
  }
}
