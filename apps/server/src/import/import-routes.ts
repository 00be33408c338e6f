import { Router } from 'express';
import type { Response } from 'express';
import type { ScheduleReport } from '@delib/protocol';
import type { AuditTrail } from '../audit/audit-trail.js';
import { sessionFrom } from '../auth/guards.js';
import type { Db } from '../db/open-database.js';
import { examSessionOrThrow } from '../exam-sessions/exam-sessions.js';
import { HttpError } from '../http/http-error.js';
import { csvBody, csvBytes, sendCsv } from '../http/route-input.js';
import { readCsv } from './csv/read-csv.js';
import { scheduleRows } from './csv/schedule-rows.js';
import { candidatesCsv, exportFileName, writtenMarksCsv } from './export-session.js';
import { importCandidates, previewCandidates } from './import-candidates.js';
import type { PassageEffects } from '../juries/passage-effects.js';
import {
  plural,
  refuseInvalid,
  refuseSchedule,
  refuseUnconfirmedSchedule,
} from './import-problem.js';
import { applySchedule } from './import-schedule.js';
import type { ScheduleWriter } from './import-schedule.js';
import { importWrittenMarks, previewWrittenMarks } from './import-written-marks.js';

/**
 * The CSV files of an exam session, under `/api/admin/exam-sessions/:id/...`: candidates and
 * written marks (preview, import, export) and the schedule (preview, import). Mounted
 * behind `requireAdmin` (app.ts).
 */
export function importRoutes(db: Db, audit: AuditTrail, effects: PassageEffects): Router {
  const router = Router();

  router.post('/admin/exam-sessions/:id/candidates/preview', csvBody, (request, response) => {
    const session = examSessionOrThrow(db, request.params.id);
    response.json(previewCandidates(db, session, csvBytes(request)));
  });

  router.post('/admin/exam-sessions/:id/candidates/import', csvBody, (request, response) => {
    const session = examSessionOrThrow(db, request.params.id);
    const result = importCandidates(
      db,
      audit,
      session,
      csvBytes(request),
      sessionFrom(response).user,
    );
    if (!result.applied) refuseInvalid(result);
    response.json(result);
  });

  router.get('/admin/exam-sessions/:id/candidates.csv', (request, response) => {
    const session = examSessionOrThrow(db, request.params.id);
    sendCsv(response, exportFileName('candidats', session), candidatesCsv(db, session));
  });

  router.post('/admin/exam-sessions/:id/written-marks/preview', csvBody, (request, response) => {
    const session = examSessionOrThrow(db, request.params.id);
    response.json(previewWrittenMarks(db, session, csvBytes(request)));
  });

  router.post(
    '/admin/exam-sessions/:id/written-marks/import',
    csvBody,
    (request, response: Response) => {
      const session = examSessionOrThrow(db, request.params.id);
      const confirm = typeof request.query.confirm === 'string' ? request.query.confirm : null;
      const result = importWrittenMarks(
        db,
        audit,
        session,
        csvBytes(request),
        sessionFrom(response).user,
        confirm,
      );
      if (result.outcome === 'invalid') refuseInvalid(result);
      if (result.outcome === 'unconfirmed') {
        const count = result.changes.modified.length;
        throw new HttpError(
          409,
          'CONFIRMATION_REQUIRED',
          `${plural(count, 'note')} déjà enregistrée${count > 1 ? 's' : ''} changerai${count > 1 ? 'en' : ''}t : vérifier les modifications et confirmer.`,
          result,
        );
      }
      response.json(result);
    },
  );

  router.get('/admin/exam-sessions/:id/written-marks.csv', (request, response) => {
    const session = examSessionOrThrow(db, request.params.id);
    sendCsv(response, exportFileName('notes-ecrit', session), writtenMarksCsv(db, session));
  });

  const scheduleFromCsv = (
    sessionId: unknown,
    bytes: Buffer,
    writer: ScheduleWriter | null,
  ): ScheduleReport & { unconfirmed: boolean } => {
    const session = examSessionOrThrow(db, sessionId);
    const reading = readCsv(bytes);
    if (!reading.ok)
      return {
        rows: 0,
        problems: [reading.problem],
        changes: null,
        applied: false,
        ignoredColumns: [],
        unconfirmed: false,
      };
    const parsed = scheduleRows(reading.table);
    const rows = reading.table.rows.length;
    if (parsed.problems.length > 0) {
      return {
        rows,
        problems: parsed.problems,
        changes: null,
        applied: false,
        ignoredColumns: parsed.ignoredColumns,
        unconfirmed: false,
      };
    }
    return {
      rows,
      ...applySchedule(db, { audit, effects }, session, parsed.passages, null, writer),
      ignoredColumns: parsed.ignoredColumns,
    };
  };

  router.post('/admin/exam-sessions/:id/schedule/preview', csvBody, (request, response) => {
    const { unconfirmed: _preview, ...report } = scheduleFromCsv(
      request.params.id,
      csvBytes(request),
      null,
    );
    response.json(report satisfies ScheduleReport);
  });

  // `?confirm=<token>`: the preview's `changes.confirmation`, when entries leave the board.
  router.post('/admin/exam-sessions/:id/schedule/import', csvBody, (request, response) => {
    const confirmation = typeof request.query.confirm === 'string' ? request.query.confirm : null;
    const { unconfirmed, ...result } = scheduleFromCsv(request.params.id, csvBytes(request), {
      actor: sessionFrom(response).user,
      confirmation,
    });
    if (unconfirmed && result.changes)
      refuseUnconfirmedSchedule(result.rows, result.changes, result.ignoredColumns);
    if (!result.applied) refuseSchedule(result.rows, result.problems, result.changes);
    response.json(result satisfies ScheduleReport);
  });

  return router;
}
