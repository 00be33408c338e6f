import { Router } from 'express';
import { requireSession, sessionFrom } from '../auth/guards.js';
import type { SessionStore } from '../auth/sessions.js';
import type { ExamRepository } from '../db/exam-repository.js';
import type { Db } from '../db/open-database.js';
import { readFinalRecord } from '../deliberation/lock-jury.js';
import { readAmendments } from '../deliberation/read-amendments.js';
import { forbidden, HttpError, notFound } from '../http/http-error.js';
import { idParam } from '../http/route-params.js';
import type { DocumentPolicy } from '../sync/document-policy.js';
import type { SyncEndpoint } from '../sync/sync-endpoint.js';
import { evaluationSheet } from './evaluation-sheet.js';
import { renderEvaluationSheetPdf } from './render-evaluation-sheet-pdf.js';

export interface EvaluationSheetRoutesOptions {
  db: Db;
  sessions: SessionStore;
  exams: ExamRepository;
  policy: DocumentPolicy;
  sync: SyncEndpoint;
}

/**
 * GET /api/juries/:id/fiches/:candidate.pdf: one candidate's fiche d'évaluation (the grids
 * filled in the rooms, the marks, the examiners). The jury's president and the centre's
 * administrators only, once the deliberation is locked (409 before): until then the grids and
 * marks may still change.
 */
export function evaluationSheetRoutes(options: EvaluationSheetRoutesOptions): Router {
  const { db, sessions, exams, policy, sync } = options;
  const router = Router();
  router.get(
    '/juries/:id/fiches/:candidate.pdf',
    requireSession(sessions),
    async (request, response) => {
      const { user } = sessionFrom(response);
      const jury = exams.jury(idParam(request.params.id));
      if (!jury) throw notFound('Jury');
      const president = exams.juryRole(jury.id, user.id) === 'president';
      if (!president && user.role !== 'admin') throw forbidden();
      const candidateId = idParam(request.params.candidate);
      const stored = readFinalRecord(db, jury.id);
      if (!stored) {
        throw new HttpError(
          409,
          'NOT_LOCKED',
          'La délibération de ce jury n’est pas encore verrouillée : les fiches d’évaluation sont disponibles après le verrouillage.',
        );
      }
      const sheet = evaluationSheet(
        db,
        exams,
        jury,
        stored.record,
        candidateId,
        (name) => {
          const target = policy.resolve(name);
          return target ? sync.documentState(target) : null;
        },
        // A rectification since the lock is printed under the mark it corrects.
        readAmendments(db, jury.id),
      );
      if (!sheet) throw notFound('Candidat de ce jury');
      const pdf = await renderEvaluationSheetPdf(sheet);
      response.setHeader('Content-Type', 'application/pdf');
      response.setHeader(
        'Content-Disposition',
        `attachment; filename="fiche-evaluation-${sheet.candidate.number}.pdf"`,
      );
      response.setHeader('Cache-Control', 'private, no-store');
      response.setHeader('X-Content-Type-Options', 'nosniff');
      response.send(pdf);
    },
  );
  return router;
}
