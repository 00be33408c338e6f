import { Router } from 'express';
import { z } from 'zod';
import { ErrorCode } from '@delib/protocol';
import type {
  AmendedInput,
  AmendmentAnswer,
  HistoryRow,
  LockAnswer,
  LockedRecord,
} from '@delib/protocol';
import { isRulesError } from '@delib/rules';
import type { AuditTrail } from '../audit/audit-trail.js';
import type { ClusterEvents } from '../cluster/cluster-events.js';
import { requireSession, sessionFrom } from '../auth/guards.js';
import type { SessionStore } from '../auth/sessions.js';
import type { ExamRepository } from '../db/exam-repository.js';
import type { Db } from '../db/open-database.js';
import { forbidden, HttpError, notFound } from '../http/http-error.js';
import { idParam } from '../http/route-params.js';
import type { PresenceHub } from '../presence/presence-hub.js';
import type { DocumentPolicy } from '../sync/document-policy.js';
import type { SyncEndpoint } from '../sync/sync-endpoint.js';
import { checkAmendment } from './amend-record.js';
import type { CheckedAmendment, StoredAmendment } from './amend-record.js';
import { printableText } from '../http/route-input.js';
import { verificationCode } from '../minute/minute-signature.js';
import { readRectifiedMinutes } from '../minute/rectified-minutes.js';
import { readMinuteSignature } from '../minute/sign-minute.js';
import { lockJury, readFinalRecord } from './lock-jury.js';
import { readAmendments } from './read-amendments.js';

export interface DeliberationRoutesOptions {
  db: Db;
  sessions: SessionStore;
  exams: ExamRepository;
  policy: DocumentPolicy;
  sync: SyncEndpoint;
  audit: AuditTrail;
  presence: PresenceHub;
  /** The other processes, told of a lock at once (DELIB_REDIS_URL), or null alone. */
  cluster?: ClusterEvents | null;
}

const LockBody = z.object({
  confirmIncomplete: z.array(z.number().int().positive()).max(10_000).default([]),
  attendance: z
    .array(z.object({ userId: z.string().min(1).max(100), present: z.boolean() }))
    .max(200)
    .optional(),
});
/**
 * An amendment corrects an input (a unit's entry, the jury's adjustment or a contrôle mark,
 * `unit` then naming the épreuve de contrôle), never a decision: a body naming anything else
 * (a `decision`, a total…) is refused whole, not trimmed.
 */
const AmendmentBody = z.strictObject({
  candidateId: z.number().int().positive(),
  unit: z.string().regex(/^[A-Z][A-Z0-9]{0,9}$/),
  input: z.enum(['entry', 'adjustment', 'control']),
  after: z.unknown(),
  reason: printableText(1, 500),
});

export function deliberationRoutes(options: DeliberationRoutesOptions): Router {
  const { db, sessions, exams, audit } = options;
  const router = Router();
  router.use(requireSession(sessions));

  const readableJury = (juryIdText: string | undefined, userId: string, role: string) => {
    const jury = exams.jury(idParam(juryIdText));
    if (!jury) throw notFound('Jury');
    if (exams.juryRole(jury.id, userId) === null && role !== 'admin') throw forbidden();
    return jury;
  };

  router.post('/juries/:id/lock', (request, response) => {
    const { user } = sessionFrom(response);
    const body = LockBody.safeParse(request.body ?? {});
    if (!body.success)
      throw new HttpError(400, ErrorCode.INVALID_REQUEST, 'Requête de verrouillage invalide.');
    const juryId = idParam(request.params.id);
    const stored = lockJury(
      options,
      user,
      juryId,
      body.data.confirmIncomplete,
      body.data.attendance,
    );
    // Committed: this process and the others refuse the jury's writes from now on, and every
    // open page hears of it (socket.io's rooms span the processes with Redis).
    options.sync.juryLocked(juryId);
    options.cluster?.announce({ kind: 'jury-locked', juryId });
    options.presence.announceLock({ juryId, lockedAt: stored.record.lockedAt });
    response
      .status(201)
      .json({ sha256: stored.sha256, record: stored.record } satisfies LockAnswer);
  });

  router.get('/juries/:id/record', (request, response) => {
    const { user } = sessionFrom(response);
    const jury = readableJury(request.params.id, user.id, user.role);
    const stored = readFinalRecord(db, jury.id);
    if (!stored)
      throw new HttpError(404, ErrorCode.NOT_FOUND, 'Ce jury n’est pas encore verrouillé.');
    const signature = readMinuteSignature(db, jury.id)?.signature ?? null;
    const summary = (s: { recordSha256: string; signedAt: string; signer: string }) => ({
      verificationCode: verificationCode(s.recordSha256),
      signedAt: s.signedAt,
      signer: s.signer,
    });
    response.json({
      sha256: stored.sha256,
      record: stored.record,
      amendments: readAmendments(db, jury.id),
      signature: signature ? summary(signature) : null,
      rectifiedMinutes: readRectifiedMinutes(db, jury.id).map((m) => ({
        ...summary(m.signature),
        sequence: m.sequence,
        rectifications: m.record.rectifications.length,
      })),
    } satisfies LockedRecord);
  });

  router.post('/juries/:id/amendments', (request, response) => {
    const { user } = sessionFrom(response);
    const juryId = idParam(request.params.id);
    if (exams.juryRole(juryId, user.id) !== 'president') {
      throw new HttpError(
        403,
        ErrorCode.FORBIDDEN,
        'Seul·e le ou la président·e du jury peut rectifier.',
      );
    }
    const stored = readFinalRecord(db, juryId);
    if (!stored) {
      throw new HttpError(
        409,
        ErrorCode.INVALID_REQUEST,
        'Avant le verrouillage, modifiez directement la délibération.',
      );
    }
    const body = AmendmentBody.safeParse(request.body);
    if (!body.success)
      throw new HttpError(
        400,
        ErrorCode.INVALID_REQUEST,
        'Rectificatif invalide : candidat, unité, note, ajustement ou note de contrôle corrigé et motif requis. ' +
          'Une décision ne se rectifie pas : elle suit les notes.',
      );
    const amendment = body.data;
    const { candidateId, unit, reason } = amendment;
    const earlier = (
      db
        .prepare(
          'SELECT unit, input, after, reason FROM amendments WHERE jury_id = ? AND candidate_id = ? ORDER BY id',
        )
        .all(juryId, candidateId) as {
        unit: string | null;
        input: AmendedInput | null;
        after: string;
        reason: string;
      }[]
    ).map((row): StoredAmendment => ({ ...row, after: JSON.parse(row.after) as unknown }));
    let checked: CheckedAmendment | null;
    try {
      const jury = exams.jury(juryId);
      const session = jury ? exams.examSession(jury.examSessionId) : null;
      if (!session) throw notFound('Session d’examen');
      const options = exams.options([candidateId]).get(candidateId) ?? [];
      checked = checkAmendment(session.regulation, stored.record, earlier, amendment, options);
    } catch (error) {
      if (isRulesError(error)) throw new HttpError(400, error.code, error.message);
      throw error;
    }
    if (!checked) throw notFound('Candidat');
    if (checked.before === null && checked.after === null) {
      throw new HttpError(
        400,
        ErrorCode.INVALID_REQUEST,
        amendment.input === 'control'
          ? `Aucune note de l’épreuve de contrôle ${unit} à retirer.`
          : `Aucun ajustement du jury à retirer en ${unit}.`,
      );
    }
    const { before, after, decision } = checked;
    const createdAt = new Date().toISOString();
    db.transaction(() => {
      db.prepare(
        `INSERT INTO amendments (jury_id, candidate_id, unit, input, before, after, reason, author, created_at, decision_before, decision_after)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        juryId,
        candidateId,
        unit,
        amendment.input,
        JSON.stringify(before),
        JSON.stringify(after),
        reason,
        user.id,
        createdAt,
        decision.before,
        decision.after,
      );
      audit.append([
        {
          userId: user.id,
          role: 'president',
          document: null,
          candidateId,
          unit,
          action: 'rectificatif',
          // The value corrected and the decision the rules compute, before and after.
          before: { [amendment.input]: before, decision: decision.before },
          after: { [amendment.input]: after, decision: decision.after },
          reason,
        },
      ]);
    })();
    response.status(201).json({ createdAt, decision } satisfies AmendmentAnswer);
  });

  router.get('/juries/:id/candidates/:candidateId/history', (request, response) => {
    const { user } = sessionFrom(response);
    const jury = readableJury(request.params.id, user.id, user.role);
    const candidateId = idParam(request.params.candidateId);
    const candidate = exams.candidates([candidateId]).get(candidateId);
    if (!candidate || candidate.juryId !== jury.id) throw notFound('Candidat');
    const names = new Map(
      (
        db.prepare('SELECT id, display_name AS name FROM users').all() as {
          id: string;
          name: string;
        }[]
      ).map((u) => [u.id, u.name]),
    );
    response.json(
      audit.historyOfCandidate(candidateId).map((row): HistoryRow => ({
        id: row.id,
        at: row.at,
        who: row.userId ? (names.get(row.userId) ?? row.userId) : null,
        role: row.role,
        unit: row.unit,
        action: row.action,
        before: row.before,
        after: row.after,
        reason: row.reason,
      })),
    );
  });

  return router;
}
