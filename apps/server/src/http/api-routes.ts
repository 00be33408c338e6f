import { Router } from 'express';
import type { AdminJuryListing } from '@delib/protocol';
import { requireSession, sessionFrom } from '../auth/guards.js';
import type { SessionStore } from '../auth/sessions.js';
import type { ExamRepository } from '../db/exam-repository.js';
import { boardView } from '../deliberation/board-view.js';
import { commissionView } from '../commissions/commission-view.js';
import { forbidden, notFound } from './http-error.js';
import { idParam } from './route-params.js';

/** Read routes of the oral rooms and the jury board; every one checks the user's rights. */
export function apiRoutes(sessions: SessionStore, exams: ExamRepository): Router {
  const router = Router();
  router.use(requireSession(sessions));

  router.get('/commissions/:id', (request, response) => {
    const { user } = sessionFrom(response);
    const commission = exams.commission(idParam(request.params.id));
    if (!commission) throw notFound('Salle');
    const allowed =
      exams.isExaminerOf(commission.id, user.id) ||
      exams.juryRole(commission.juryId, user.id) !== null ||
      user.role === 'admin';
    if (!allowed) throw forbidden();
    response.json(commissionView(exams, commission));
  });

  router.get('/juries/:id/board', (request, response) => {
    const { user } = sessionFrom(response);
    const jury = exams.jury(idParam(request.params.id));
    if (!jury) throw notFound('Jury');
    if (exams.juryRole(jury.id, user.id) === null && user.role !== 'admin') throw forbidden();
    response.json(boardView(exams, jury));
  });

  router.get('/juries', (_request, response) => {
    const { user } = sessionFrom(response);
    if (user.role !== 'admin') throw forbidden();
    response.json(
      exams.juries().map((jury): AdminJuryListing => ({
        id: jury.id,
        name: jury.name,
        locked: jury.lockedAt !== null,
        commissions: exams
          .commissionsOfJury(jury.id)
          .map(({ id, name, room, units }) => ({ id, name, room, units })),
      })),
    );
  });

  return router;
}
