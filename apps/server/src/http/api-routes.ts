import { Router } from 'express';
import type { Response } from 'express';
import { commissionDocumentName } from '@delib/protocol';
import type { AdminJuryListing, CommissionWriters } from '@delib/protocol';
import { requireSession, sessionFrom } from '../auth/guards.js';
import type { SessionStore } from '../auth/sessions.js';
import type { CommissionRow, ExamRepository } from '../db/exam-repository.js';
import { boardView } from '../deliberation/board-view.js';
import { commissionView } from '../commissions/commission-view.js';
import { forbidden, notFound } from './http-error.js';
import { idParam } from './route-params.js';

/** Read routes of the oral rooms and the jury board; every one checks the user's rights. */
export function apiRoutes(sessions: SessionStore, exams: ExamRepository): Router {
  const router = Router();
  router.use(requireSession(sessions));

  /** A room its examiners, its jury and the centre may read. */
  const readableCommission = (idText: string | undefined, response: Response): CommissionRow => {
    const { user } = sessionFrom(response);
    const commission = exams.commission(idParam(idText));
    if (!commission) throw notFound('Salle');
    const allowed =
      exams.isExaminerOf(commission.id, user.id) ||
      exams.juryRole(commission.juryId, user.id) !== null ||
      user.role === 'admin';
    if (!allowed) throw forbidden();
    return commission;
  };

  router.get('/commissions/:id', (request, response) => {
    response.json(commissionView(exams, readableCommission(request.params.id, response)));
  });

  router.get('/commissions/:id/writers', (request, response) => {
    const { user } = sessionFrom(response);
    const commission = readableCommission(request.params.id, response);
    const document = commissionDocumentName(commission.id, commission.generation);
    response.json({
      writers: exams
        .documentWriters(document)
        .map(({ client, userId, name }) => ({ client, name, own: userId === user.id })),
    } satisfies CommissionWriters);
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
