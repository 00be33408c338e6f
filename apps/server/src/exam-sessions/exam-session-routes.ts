import { Router } from 'express';
import { z } from 'zod';
import type {
  ExamSessionDetail,
  ExamSessionView,
  NewExamSession,
  SessionCandidate as SessionCandidateAnswer,
} from '@delib/protocol';
import type { Db } from '../db/open-database.js';
import { parseBody, printableText } from '../http/route-input.js';
import { sessionCandidates } from '../import/session-candidates.js';
import { findRegulation } from '../regulations/regulation-catalog.js';
import { sessionSettingsView } from '../regulations/regulation-routes.js';
import {
  createExamSession,
  examSessionOrThrow,
  listExamSessions,
  loadExamSession,
} from './exam-sessions.js';
import type { ExamSessionContext } from './exam-sessions.js';

const ISO_DAY = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date attendue au format AAAA-MM-JJ');

const newSessionBody = (db: Db) =>
  z
    .strictObject({
      regulationId: z.string().refine((id) => findRegulation(db, id) !== null, 'règlement inconnu'),
      year: z.number().int().min(2000).max(2100),
      centre: printableText(2, 200),
      academie: printableText(2, 100),
      startsOn: ISO_DAY.nullable().default(null),
      endsOn: ISO_DAY.nullable().default(null),
    })
    .refine(
      (body) => body.startsOn === null || body.endsOn === null || body.startsOn <= body.endsOn,
      { message: 'la fin précède le début', path: ['endsOn'] },
    );

function sessionView(session: ExamSessionContext): ExamSessionView {
  const { regulation, ...rest } = session;
  return { ...rest, regulationId: regulation.id, regulationLabel: regulation.label, regulation };
}

/**
 * Regulations, exam sessions and the candidates of a session, under `/api/admin/...`;
 * mounted behind `requireAdmin` (app.ts).
 */
export function examSessionRoutes(db: Db): Router {
  const router = Router();

  router.get('/admin/exam-sessions', (_request, response) => {
    response.json(listExamSessions(db));
  });

  router.post('/admin/exam-sessions', (request, response) => {
    const body: NewExamSession = parseBody(
      newSessionBody(db),
      request.body,
      'Session invalide : vérifier règlement, année, centre, académie et dates.',
    );
    const id = createExamSession(db, body);
    response.status(201).json(sessionView(loadExamSession(db, id) as ExamSessionContext));
  });

  router.get('/admin/exam-sessions/:id', (request, response) => {
    const session = examSessionOrThrow(db, request.params.id);
    const counts = db
      .prepare(
        `SELECT COUNT(*) AS candidates, COUNT(jury_id) AS assigned FROM candidates WHERE exam_session_id = ?`,
      )
      .get(session.id) as { candidates: number; assigned: number };
    const juries = db
      .prepare(
        `SELECT j.id, j.name, CASE WHEN j.locked_at IS NULL THEN 0 ELSE 1 END AS locked,
                (SELECT COUNT(*) FROM commissions c WHERE c.jury_id = j.id) AS commissions,
                (SELECT COUNT(*) FROM candidates c WHERE c.jury_id = j.id) AS candidates
         FROM juries j WHERE j.exam_session_id = ? ORDER BY j.id`,
      )
      .all(session.id) as (Omit<ExamSessionDetail['juries'][number], 'locked'> & {
      locked: number;
    })[];
    response.json({
      session: sessionView(session),
      candidates: counts.candidates,
      assignedToJury: counts.assigned,
      juries: juries.map((jury) => ({ ...jury, locked: jury.locked === 1 })),
      settings: sessionSettingsView(
        db,
        db
          .prepare(
            'SELECT id, regulation_id AS "regulationId", settings FROM exam_sessions WHERE id = ?',
          )
          .get(session.id) as { id: number; regulationId: string; settings: string | null },
      ),
    } satisfies ExamSessionDetail);
  });

  router.get('/admin/exam-sessions/:id/candidates', (request, response) => {
    const session = examSessionOrThrow(db, request.params.id);
    response.json(
      [...sessionCandidates(db, session.id).values()].map(
        ({ id, juryId, locked, record, entries }): SessionCandidateAnswer => ({
          id,
          juryId,
          locked,
          ...record,
          entries,
        }),
      ),
    );
  });

  return router;
}
