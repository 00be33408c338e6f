import { Router } from 'express';
import { z } from 'zod';
import type { CreatedInvitation, InvitationView } from '@delib/protocol';
import { sessionFrom } from '../auth/guards.js';
import type { SessionStore } from '../auth/sessions.js';
import type { ExamRepository } from '../db/exam-repository.js';
import type { Db } from '../db/open-database.js';
import { examSessionOrThrow } from '../exam-sessions/exam-sessions.js';
import { notFound } from '../http/http-error.js';
import { parseBody, printableText } from '../http/route-input.js';
import { idParam } from '../http/route-params.js';
import { juryOrThrow, refuseIfLocked } from '../juries/jury-composition.js';
import {
  createInvitation,
  findInvitation,
  listInvitations,
  printableCode,
  recentAttempts,
  revokeInvitation,
} from './invitations.js';

const NewInvitationBody = z.strictObject({
  validUntil: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date attendue au format AAAA-MM-JJ'),
  label: printableText(0, 200).nullable().default(null),
});

/**
 * Examiner invitations seen from the admin side: create, list, revoke, attempts, under
 * `/api/admin/...`; mounted behind `requireAdmin` (app.ts).
 */
export function invitationAdminRoutes(
  db: Db,
  exams: ExamRepository,
  sessions: SessionStore,
): Router {
  const router = Router();

  router.post('/admin/commissions/:id/invitations', (request, response) => {
    const commission = exams.commission(idParam(request.params.id));
    if (!commission) throw notFound('Commission');
    refuseIfLocked(juryOrThrow(exams, commission.juryId));
    const body = parseBody(
      NewInvitationBody,
      request.body,
      'Invitation invalide : date de fin de validité (AAAA-MM-JJ) requise.',
    );
    const { id, code } = createInvitation(db, {
      commissionId: commission.id,
      validUntil: body.validUntil,
      label: body.label,
      createdBy: sessionFrom(response).user.id,
    });
    response.status(201).json({
      // Created above, in this request.
      invitation: findInvitation(db, id) as InvitationView,
      // Shown this once: only its SHA-256 is stored.
      code,
      printableCode: printableCode(code),
      link: `/invitation/${code}`,
    } satisfies CreatedInvitation);
  });

  router.get('/admin/exam-sessions/:id/invitations', (request, response) => {
    const session = examSessionOrThrow(db, request.params.id);
    response.json(listInvitations(db, session.id));
  });

  router.post('/admin/invitations/:id/revoke', (request, response) => {
    const id = idParam(request.params.id);
    // The holder's live connections close at once, as at a sign-out.
    sessions.announceRevoked(revokeInvitation(db, id, sessionFrom(response).user.id));
    response.json(findInvitation(db, id));
  });

  router.get('/admin/invitation-attempts', (_request, response) => {
    response.json(recentAttempts(db));
  });

  return router;
}
