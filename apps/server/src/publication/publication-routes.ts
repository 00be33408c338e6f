import { Router } from 'express';
import type { Response } from 'express';
import { ErrorCode } from '@delib/protocol';
import type { AdmittedList } from '@delib/protocol';
import { requireSession, sessionFrom } from '../auth/guards.js';
import type { SessionStore } from '../auth/sessions.js';
import type { ExamRepository } from '../db/exam-repository.js';
import type { Db } from '../db/open-database.js';
import { examSessionOrThrow, loadExamSession } from '../exam-sessions/exam-sessions.js';
import { HttpError, notFound } from '../http/http-error.js';
import { idParam } from '../http/route-params.js';
import { admittedCsv } from './admitted-csv.js';
import { admittedList } from './admitted-list.js';

/**
 * The list of admitted candidates after the lock, mounted under /api:
 *
 *   GET /admin/exam-sessions/:id/publication(.csv)   admin: every locked jury of the session
 *   GET /juries/:id/publication(.csv)                admin, the jury's president: that jury
 *
 * The JSON lists the juries not locked yet ("non encore délibéré") and publishes nothing of
 * them; the CSV of a jury not locked, or of a session without any locked jury, is a 409.
 */
export interface PublicationRoutesOptions {
  db: Db;
  sessions: SessionStore;
  exams: ExamRepository;
  now?: () => Date;
}

const FORBIDDEN_MESSAGE =
  'La liste des candidats admis est réservée au service des examens et au ou à la président·e du jury.';

function forbiddenList(): HttpError {
  return new HttpError(403, ErrorCode.FORBIDDEN, FORBIDDEN_MESSAGE);
}

function sendCsv(response: Response, name: string, body: string): void {
  response.setHeader('Content-Type', 'text/csv; charset=utf-8');
  response.setHeader('Content-Disposition', `attachment; filename="${name}"`);
  // Names of candidates: never kept by a shared cache.
  response.setHeader('Cache-Control', 'private, no-store');
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.send(body);
}

export function publicationRoutes(options: PublicationRoutesOptions): Router {
  const { db, exams } = options;
  const now = options.now ?? (() => new Date());
  const router = Router();
  const signedIn = requireSession(options.sessions);

  const sessionList = (response: Response, idText: unknown): AdmittedList => {
    if (sessionFrom(response).user.role !== 'admin') throw forbiddenList();
    const session = examSessionOrThrow(db, idText);
    const juries = exams.juries().filter((jury) => jury.examSessionId === session.id);
    return admittedList(db, session, juries, 'session', now());
  };

  const juryList = (response: Response, idText: unknown): AdmittedList => {
    const { user } = sessionFrom(response);
    const jury = exams.jury(idParam(idText));
    if (!jury) throw notFound('Jury');
    if (user.role !== 'admin' && exams.juryRole(jury.id, user.id) !== 'president') {
      throw forbiddenList();
    }
    const session = loadExamSession(db, jury.examSessionId);
    if (!session) throw notFound('Session d’examen');
    return admittedList(db, session, [jury], 'jury', now());
  };

  router.get('/admin/exam-sessions/:id/publication', signedIn, (request, response) => {
    response.setHeader('Cache-Control', 'private, no-store');
    response.json(sessionList(response, request.params.id));
  });

  router.get('/admin/exam-sessions/:id/publication.csv', signedIn, (request, response) => {
    const list = sessionList(response, request.params.id);
    if (!list.juries.some((jury) => jury.locked)) {
      throw new HttpError(
        409,
        'NOT_LOCKED',
        'Aucun jury de cette session n’a encore verrouillé sa délibération : rien n’est publié.',
      );
    }
    sendCsv(response, `admis-session-${list.session.year}.csv`, admittedCsv(list));
  });

  router.get('/juries/:id/publication', signedIn, (request, response) => {
    response.setHeader('Cache-Control', 'private, no-store');
    response.json(juryList(response, request.params.id));
  });

  router.get('/juries/:id/publication.csv', signedIn, (request, response) => {
    const list = juryList(response, request.params.id);
    const jury = list.juries[0];
    if (!jury?.locked) {
      throw new HttpError(
        409,
        'NOT_LOCKED',
        'Ce jury n’a pas encore délibéré (délibération non verrouillée) : rien n’est publié.',
      );
    }
    sendCsv(response, `admis-jury-${jury.id}-session-${list.session.year}.csv`, admittedCsv(list));
  });

  return router;
}
