import { Router } from 'express';
import { ErrorCode } from '@delib/protocol';
import type { HarmonisationSettings } from '@delib/protocol';
import { MAX_ALERT_GAP_HUNDREDTHS, parseAlertGap } from '@delib/rules';
import type { AuditTrail } from '../audit/audit-trail.js';
import { requireSession, sessionFrom } from '../auth/guards.js';
import type { SessionStore } from '../auth/sessions.js';
import { examSessionOrThrow } from '../exam-sessions/exam-sessions.js';
import { forbidden, HttpError, notFound } from '../http/http-error.js';
import { idParam } from '../http/route-params.js';
import { setAlertGap } from './harmonisation-settings.js';
import { juryHarmonisationContext, sessionHarmonisation } from './session-harmonisation.js';
import type { HarmonisationSources } from './session-harmonisation.js';

export interface HarmonisationRoutesOptions extends HarmonisationSources {
  sessions: SessionStore;
  audit: AuditTrail;
}

const GAP_MESSAGE = `Écart invalide : indiquer un nombre de points supérieur à 0 et au plus ${
  MAX_ALERT_GAP_HUNDREDTHS / 100
}, avec au plus deux décimales (par exemple 2 ou 1,5).`;

/**
 * The centre's statistics and the alert gap (`/api/admin/...`, mounted behind `requireAdmin`
 * in app.ts), and a jury's harmonisation context for its board (president, members, admin).
 * Reading only: nothing here changes a mark.
 */
export function harmonisationRoutes(options: HarmonisationRoutesOptions): Router {
  const { db, exams, audit, sessions } = options;
  const router = Router();

  router.get('/admin/exam-sessions/:id/harmonisation', (request, response) => {
    const session = examSessionOrThrow(db, request.params.id);
    response.json(
      sessionHarmonisation(options, { id: session.id, regulation: session.regulation }),
    );
  });

  router.put('/admin/exam-sessions/:id/harmonisation', (request, response) => {
    const { user } = sessionFrom(response);
    const session = examSessionOrThrow(db, request.params.id);
    const body: unknown = request.body;
    const value =
      typeof body === 'object' && body !== null && !Array.isArray(body)
        ? (body as Record<string, unknown>).alertGap
        : undefined;
    const gap = parseAlertGap(value);
    if (gap === null) {
      throw new HttpError(400, ErrorCode.INVALID_REQUEST, GAP_MESSAGE, {
        fields: [{ path: 'alertGap', message: GAP_MESSAGE }],
      });
    }
    setAlertGap(db, audit, session.id, gap, user);
    response.json({ alertGapHundredths: gap } satisfies HarmonisationSettings);
  });

  router.get('/juries/:id/harmonisation', requireSession(sessions), (request, response) => {
    const { user } = sessionFrom(response);
    const jury = exams.jury(idParam(request.params.id));
    if (!jury) throw notFound('Jury');
    if (exams.juryRole(jury.id, user.id) === null && user.role !== 'admin') throw forbidden();
    response.json(juryHarmonisationContext(options, jury));
  });

  return router;
}
