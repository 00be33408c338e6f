import type { ExamSessionListing, NewExamSession } from '@delib/protocol';
import type { Regulation } from '@delib/rules';
import type { Db } from '../db/open-database.js';
import { notFound } from '../http/http-error.js';
import { idParam } from '../http/route-params.js';
import { sessionRegulation } from '../regulations/session-regulation.js';

/** An exam session with its regulation, as the admin routes need it. */
export interface ExamSessionContext {
  id: number;
  regulation: Regulation;
  year: number;
  centre: string;
  academie: string;
  startsOn: string | null;
  endsOn: string | null;
}

interface ExamSessionRow {
  id: number;
  regulationId: string;
  settings: string | null;
  year: number;
  centre: string;
  academie: string;
  startsOn: string | null;
  endsOn: string | null;
}

const SELECT = `SELECT id, regulation_id AS "regulationId", settings, year, centre, academie,
                       starts_on AS "startsOn", ends_on AS "endsOn" FROM exam_sessions`;

export function loadExamSession(db: Db, id: number): ExamSessionContext | null {
  const row = db.prepare(`${SELECT} WHERE id = ?`).get(id) as ExamSessionRow | undefined;
  if (!row) return null;
  const { regulationId, settings, ...rest } = row;
  return { ...rest, regulation: sessionRegulation(db, regulationId, settings) };
}

/** The session named by a route parameter, or a French 404 (a 400 for a malformed id). */
export function examSessionOrThrow(db: Db, value: unknown): ExamSessionContext {
  const session = loadExamSession(db, idParam(value));
  if (!session) throw notFound('Session d’examen');
  return session;
}

export function createExamSession(db: Db, session: NewExamSession): number {
  const { id } = db
    .prepare(
      `INSERT INTO exam_sessions (regulation_id, year, centre, academie, starts_on, ends_on)
       VALUES (?, ?, ?, ?, ?, ?) RETURNING id`,
    )
    .get(
      session.regulationId,
      session.year,
      session.centre,
      session.academie,
      session.startsOn,
      session.endsOn,
    ) as { id: number };
  return id;
}

export function listExamSessions(db: Db): ExamSessionListing[] {
  return db
    .prepare(
      `SELECT s.id, s.regulation_id AS "regulationId", s.year, s.centre, s.academie,
              s.starts_on AS "startsOn", s.ends_on AS "endsOn",
              (SELECT COUNT(*) FROM candidates c WHERE c.exam_session_id = s.id) AS candidates,
              (SELECT COUNT(*) FROM juries j WHERE j.exam_session_id = s.id) AS juries
       FROM exam_sessions s ORDER BY s.year DESC, s.id DESC`,
    )
    .all() as ExamSessionListing[];
}
