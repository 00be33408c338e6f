import { Router } from 'express';
import type { AuditTrail } from '../audit/audit-trail.js';
import type { SessionStore } from '../auth/sessions.js';
import type { ExamRepository } from '../db/exam-repository.js';
import type { Db } from '../db/open-database.js';
import { examSessionRoutes } from '../exam-sessions/exam-session-routes.js';
import { invitationAdminRoutes } from '../invitations/invitation-admin-routes.js';
import { juryRoutes } from '../juries/jury-routes.js';
import { requireAdmin } from '../auth/guards.js';

export interface SetupRoutesOptions {
  db: Db;
  sessions: SessionStore;
  exams: ExamRepository;
  audit: AuditTrail;
}

/**
 * "Before the orals", admin side, under `/api/admin/...`: exam sessions, candidate and
 * written-marks imports and exports, juries, commissions, the schedule and examiner
 * invitations. Every route requires a session (401) of an admin (403). See README.md.
 */
export function setupRoutes(options: SetupRoutesOptions): Router {
  const { db, sessions, exams, audit } = options;
  const router = Router();
  router.use('/admin', ...requireAdmin(sessions));
  router.use(examSessionRoutes(db, audit));
  router.use(juryRoutes(db, exams));
  router.use(invitationAdminRoutes(db, exams));
  return router;
}
