import express, { Router } from 'express';
import type { NextFunction, Request, Response } from 'express';
import {
  RegulationErrorCode,
  type RegulationChoice,
  type RegulationIssues,
  type RegulationUploadAnswer,
  type SessionSettingsView,
} from '@delib/protocol';
import {
  applySessionSettings,
  checkSessionSettings,
  isRulesError,
  sessionSettingsOf,
  validateEntry,
  type Entry,
  type Regulation,
  type SessionSettings,
} from '@delib/rules';
import type { AuditTrail } from '../audit/audit-trail.js';
import { sessionFrom } from '../auth/guards.js';
import type { Db } from '../db/db-handle.js';
import { examSessionOrThrow } from '../exam-sessions/exam-sessions.js';
import { HttpError, notFound } from '../http/http-error.js';
import {
  listRegulations,
  regulationById,
  storeUploadedRegulation,
  findRegulation,
  type CatalogEntry,
} from './regulation-catalog.js';
import { settingsFrozenReason, storedSettings } from './session-regulation.js';

/** A regulation file is a few kilobytes (BTS MCO: 3 KB); anything this large is a mistake. */
export const MAX_REGULATION_BYTES = 256 * 1024;

const regulationText = express.text({
  type: ['text/plain', 'application/octet-stream'],
  limit: MAX_REGULATION_BYTES,
});

/**
 * The upload's text: raw text, or JSON already parsed by the API's JSON reader. Writing the
 * parsed value back out recurses once per level: a hostile file nested deeper than the stack
 * allows (100 000 `[`) is refused here as unreadable, never an internal error.
 */
function uploadedText(request: Request): string {
  const body: unknown = request.body;
  if (typeof body === 'string') return body;
  if (request.is('application/json')) {
    try {
      return JSON.stringify(body);
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      const message = 'le fichier est imbriqué trop profondément pour être lu';
      throw new HttpError(
        422,
        RegulationErrorCode.INVALID_REGULATION,
        'Règlement refusé : fichier illisible, imbriqué trop profondément.',
        { issues: [{ path: '$', message }] } satisfies RegulationIssues,
      );
    }
  }
  throw new HttpError(
    415,
    RegulationErrorCode.INVALID_REGULATION,
    'Envoyer le fichier JSON du règlement tel quel (Content-Type: application/json ou text/plain).',
  );
}

export function regulationChoice(entry: CatalogEntry): RegulationChoice {
  const { regulation, uploaded, sessions } = entry;
  return {
    id: regulation.id,
    label: regulation.label,
    specialty: regulation.specialty,
    reference: regulation.reference,
    units: regulation.units.map(({ code, epreuve, label, form, optional, exemptable }) => ({
      code,
      epreuve,
      label,
      form,
      optional,
      exemptable,
    })),
    maxOptionalUnits: regulation.settings.maxOptionalUnits,
    uploaded: uploaded
      ? {
          sha256: uploaded.sha256,
          uploadedAt: uploaded.uploadedAt,
          uploadedBy: uploaded.uploadedBy,
        }
      : null,
    sessions,
  };
}

export function sessionSettingsView(
  db: Db,
  session: { id: number; regulationId: string; settings: string | null },
): SessionSettingsView {
  const base = regulationById(db, session.regulationId);
  return {
    settings: storedSettings(base, session.settings),
    defaults: sessionSettingsOf(base),
    frozenReason: settingsFrozenReason(db, session.id),
  };
}

function sessionRow(
  db: Db,
  id: number,
): { id: number; regulationId: string; settings: string | null } {
  return db
    .prepare('SELECT id, regulation_id AS "regulationId", settings FROM exam_sessions WHERE id = ?')
    .get(id) as { id: number; regulationId: string; settings: string | null };
}

/**
 * What the session already holds that the new settings would refuse: a bénéfice off the new
 * mark step, more options than the new maximum. A French sentence naming the candidate, or null.
 */
function conflictWithStoredEntries(
  db: Db,
  sessionId: number,
  regulation: Regulation,
): string | null {
  const entries = db
    .prepare(
      `SELECT c.number, e.unit, e.entry FROM candidate_entries e
       JOIN candidates c ON c.id = e.candidate_id WHERE c.exam_session_id = ? ORDER BY c.number, e.unit`,
    )
    .all(sessionId) as { number: string; unit: string; entry: string }[];
  const year = (
    db.prepare('SELECT year FROM exam_sessions WHERE id = ?').get(sessionId) as { year: number }
  ).year;
  for (const row of entries) {
    try {
      validateEntry(regulation, row.unit, JSON.parse(row.entry) as Entry, year);
    } catch (error) {
      if (!isRulesError(error)) throw error;
      return `Le candidat ${row.number} a déjà, à l’unité ${row.unit}, une entrée que ces réglages refuseraient : ${error.message}`;
    }
  }
  const options = db
    .prepare(
      `SELECT c.number, COUNT(*) AS count FROM candidate_options o
       JOIN candidates c ON c.id = o.candidate_id WHERE c.exam_session_id = ?
       GROUP BY c.id HAVING COUNT(*) > ? ORDER BY c.number LIMIT 1`,
    )
    .get(sessionId, regulation.settings.maxOptionalUnits) as
    { number: string; count: number } | undefined;
  if (options) {
    return `Le candidat ${options.number} est inscrit à ${options.count} unités facultatives : le maximum ne peut pas descendre à ${regulation.settings.maxOptionalUnits}.`;
  }
  return null;
}

/**
 * Regulations (shipped and uploaded) and the settings of a session, under `/api/admin/...`;
 * mounted behind `requireAdmin` (app.ts).
 */
export function regulationRoutes(
  db: Db,
  audit: AuditTrail,
  /**
   * Writes the marks the sync endpoint accepted but has not stored yet (SyncEndpoint
   * commitPending), so that the freeze sees every mark accepted before the change.
   */
  commitPendingMarks: () => void,
): Router {
  const router = Router();

  router.get('/admin/regulations', (_request, response) => {
    response.json(listRegulations(db).map(regulationChoice));
  });

  router.get('/admin/regulations/:id', (request, response) => {
    const regulation = findRegulation(db, String(request.params.id));
    if (!regulation) throw notFound('Règlement');
    response.setHeader('Cache-Control', 'no-store');
    // Ids are `[a-z0-9-]` (loadRegulation): safe in the header as they are.
    response.setHeader('Content-Disposition', `attachment; filename="${regulation.id}.json"`);
    response.json(regulation);
  });

  router.post(
    '/admin/regulations',
    (request: Request, response: Response, next: NextFunction) => {
      regulationText(request, response, (error?: unknown) => {
        const tooLarge =
          typeof error === 'object' &&
          error !== null &&
          (error as { type?: unknown }).type === 'entity.too.large';
        if (tooLarge) {
          next(
            new HttpError(
              413,
              RegulationErrorCode.REGULATION_TOO_LARGE,
              `Fichier trop volumineux : un règlement fait au plus ${MAX_REGULATION_BYTES / 1024} Ko.`,
            ),
          );
          return;
        }
        next(error);
      });
    },
    (request, response) => {
      const user = sessionFrom(response).user;
      const outcome = storeUploadedRegulation(db, uploadedText(request), user.id);
      if (!outcome.stored && outcome.reason === 'invalid') {
        const count = outcome.issues.length;
        throw new HttpError(
          422,
          RegulationErrorCode.INVALID_REGULATION,
          `Règlement refusé : ${count} erreur${count > 1 ? 's' : ''} à corriger dans le fichier.`,
          { issues: outcome.issues } satisfies RegulationIssues,
        );
      }
      if (!outcome.stored) {
        throw new HttpError(
          409,
          RegulationErrorCode.REGULATION_EXISTS,
          `Un règlement « ${outcome.regulation.id} » existe déjà. Un règlement déposé ne se remplace pas (des sessions peuvent le suivre) : donnez un autre id à la nouvelle version, par exemple « ${outcome.regulation.id}-v2 ».`,
        );
      }
      audit.append([
        {
          userId: user.id,
          role: user.role,
          document: null,
          candidateId: null,
          unit: null,
          action: 'depot-reglement',
          before: null,
          after: { id: outcome.regulation.id, sha256: outcome.sha256 },
          reason: null,
        },
      ]);
      response.status(201).json({
        id: outcome.regulation.id,
        label: outcome.regulation.label,
        sha256: outcome.sha256,
        created: true,
      } satisfies RegulationUploadAnswer);
    },
  );

  router.get('/admin/exam-sessions/:id/settings', (request, response) => {
    const session = examSessionOrThrow(db, request.params.id);
    response.json(sessionSettingsView(db, sessionRow(db, session.id)));
  });

  router.put('/admin/exam-sessions/:id/settings', (request, response) => {
    const user = sessionFrom(response).user;
    const session = examSessionOrThrow(db, request.params.id);
    commitPendingMarks();
    const view = db.transaction((): SessionSettingsView => {
      const row = sessionRow(db, session.id);
      const base = regulationById(db, row.regulationId);
      const frozenReason = settingsFrozenReason(db, session.id);
      if (frozenReason) {
        throw new HttpError(
          409,
          RegulationErrorCode.SETTINGS_FROZEN,
          `${frozenReason} Les réglages ne changent plus pour cette session.`,
        );
      }
      const issues = checkSessionSettings(request.body, base);
      if (issues.length > 0) {
        throw new HttpError(
          422,
          RegulationErrorCode.INVALID_SETTINGS,
          `Réglages refusés — ${issues.map((issue) => `${issue.path} : ${issue.message}`).join(' ; ')}.`,
          { issues } satisfies RegulationIssues,
        );
      }
      const settings = request.body as SessionSettings;
      const chosen: SessionSettings = {
        controlEnabled: settings.controlEnabled,
        optionalMultiplier: settings.optionalMultiplier,
        maxOptionalUnits: settings.maxOptionalUnits,
        markStep: settings.markStep,
      };
      const text = JSON.stringify(chosen);
      const conflict = conflictWithStoredEntries(
        db,
        session.id,
        applySessionSettings(base, chosen),
      );
      if (conflict) {
        throw new HttpError(422, RegulationErrorCode.INVALID_SETTINGS, conflict, {
          issues: [{ path: '$', message: conflict }],
        } satisfies RegulationIssues);
      }
      const before = storedSettings(base, row.settings);
      db.prepare('UPDATE exam_sessions SET settings = ? WHERE id = ?').run(text, session.id);
      audit.append([
        {
          userId: user.id,
          role: user.role,
          document: null,
          candidateId: null,
          unit: null,
          action: 'reglages-session',
          before,
          after: chosen,
          reason: null,
        },
      ]);
      return sessionSettingsView(db, { ...row, settings: text });
    })();
    response.json(view);
  });

  return router;
}
