import { Router } from 'express';
import { z } from 'zod';
import { ErrorCode, MEMBER_CATEGORIES, ROLES } from '@delib/protocol';
import type {
  AdminUser,
  CandidateAssignment,
  CreatedCommission,
  ImportProblem,
  NewCommission,
  NewJury,
  NewMember,
  PassageInput as PassageBody,
  ScheduleReport,
} from '@delib/protocol';
import type { AuditTrail } from '../audit/audit-trail.js';
import { sessionFrom } from '../auth/guards.js';
import type { ExamRepository } from '../db/exam-repository.js';
import type { Db } from '../db/open-database.js';
import { examSessionOrThrow, loadExamSession } from '../exam-sessions/exam-sessions.js';
import type { ExamSessionContext } from '../exam-sessions/exam-sessions.js';
import { HttpError, notFound } from '../http/http-error.js';
import { parseBody, printableText } from '../http/route-input.js';
import { idParam } from '../http/route-params.js';
import { readTime } from '../import/csv/schedule-rows.js';
import type { PassageInput } from '../import/csv/schedule-rows.js';
import { problem, refuseSchedule, refuseUnconfirmedSchedule } from '../import/import-problem.js';
import { applySchedule, sessionCommissions } from '../import/import-schedule.js';
import { sessionCandidates } from '../import/session-candidates.js';
import { insertPreparedAccounts, PersonInput, preparePeople } from './accounts.js';
import { refuseUnconfirmedRemoval, removeCandidateFromJury } from './candidate-removal.js';
import type { PassageEffects } from './passage-effects.js';
import {
  addExaminer,
  addMember,
  checkCommissionUnits,
  createCommission,
  createJury,
  juryDetail,
  juryOrThrow,
  MAX_EXAMINERS,
  refuseIfLocked,
  removeExaminer,
  removeMember,
} from './jury-composition.js';

const MemberBody = z.strictObject({
  person: PersonInput,
  category: z.enum(MEMBER_CATEGORIES),
  president: z.boolean().default(false),
}) satisfies z.ZodType<NewMember>;

const NewJuryBody = z.strictObject({
  name: printableText(2, 200),
  appointmentRef: printableText(0, 200).nullable().default(null),
  members: z.array(MemberBody).min(1).max(30),
}) satisfies z.ZodType<NewJury>;

const NewCommissionBody = z.strictObject({
  name: printableText(2, 200),
  room: printableText(1, 100),
  units: z.array(z.string().trim().toUpperCase()).min(1).max(20),
  examiners: z.array(PersonInput).max(MAX_EXAMINERS).default([]),
}) satisfies z.ZodType<NewCommission>;

const ExaminerBody = z.strictObject({ person: PersonInput });

const AssignBody = z.strictObject({
  numbers: z.array(z.string().trim().min(1).max(30)).min(1).max(10_000),
});

const PassagesBody = z.strictObject({
  passages: z
    .array(
      z.strictObject({
        number: z.string().trim().min(1).max(30),
        position: z.number().int().min(1).max(9999),
        time: z.string().trim().max(10).nullable().default(null),
      }),
    )
    .max(10_000),
  /** The token of the entries shown leaving the board (409 `CONFIRMATION_REQUIRED`). */
  confirmation: z.string().trim().max(64).nullable().default(null),
}) satisfies z.ZodType<{ passages: PassageBody[]; confirmation: string | null }>;

function sessionOfJury(db: Db, examSessionId: number): ExamSessionContext {
  const session = loadExamSession(db, examSessionId);
  if (!session) throw notFound('Session d’examen');
  return session;
}

/**
 * Juries, members, commissions, examiners, candidates' jury and a room's order of passage,
 * under `/api/admin/...`; mounted behind `requireAdmin` (app.ts).
 */
export function juryRoutes(
  db: Db,
  exams: ExamRepository,
  audit: AuditTrail,
  effects: PassageEffects,
): Router {
  const router = Router();

  const commissionOrThrow = (value: string | undefined) => {
    const commission = exams.commission(idParam(value));
    if (!commission) throw notFound('Commission');
    const jury = juryOrThrow(exams, commission.juryId);
    return { commission, jury, session: sessionOfJury(db, jury.examSessionId) };
  };

  router.get('/admin/users', (request, response) => {
    const role = request.query.role;
    if (role !== undefined && !(ROLES as readonly unknown[]).includes(role)) {
      throw new HttpError(
        400,
        ErrorCode.INVALID_REQUEST,
        `Rôle inconnu : attendu ${ROLES.join(', ')}.`,
      );
    }
    const rows = db
      .prepare(
        `SELECT id, login, display_name AS name, role, CASE WHEN password_hash IS NULL THEN 0 ELSE 1 END AS "hasPassword"
         FROM users ${role === undefined ? '' : 'WHERE role = ?'} ORDER BY display_name`,
      )
      .all(...(role === undefined ? [] : [role])) as (Omit<AdminUser, 'hasPassword'> & {
      hasPassword: number;
    })[];
    response.json(rows.map((row): AdminUser => ({ ...row, hasPassword: row.hasPassword === 1 })));
  });

  router.get('/admin/exam-sessions/:id/juries', (request, response) => {
    const session = examSessionOrThrow(db, request.params.id);
    response.json(
      exams
        .juries()
        .filter((jury) => jury.examSessionId === session.id)
        .map((jury) => juryDetail(db, exams, jury)),
    );
  });

  router.post('/admin/exam-sessions/:id/juries', async (request, response) => {
    const session = examSessionOrThrow(db, request.params.id);
    const body = parseBody(
      NewJuryBody,
      request.body,
      'Jury invalide : nom et membres (personne, catégorie) requis.',
    );
    const people = await preparePeople(
      db,
      body.members.map((member) => ({
        person: member.person,
        role: member.president ? 'president' : 'member',
      })),
    );
    if (new Set(people.map((person) => person.userId)).size !== people.length) {
      throw new HttpError(
        400,
        ErrorCode.INVALID_REQUEST,
        'Une même personne est nommée deux fois dans le jury.',
      );
    }
    const juryId = db.transaction(() => {
      insertPreparedAccounts(db, people);
      return createJury(
        db,
        session.id,
        { name: body.name, appointmentRef: body.appointmentRef },
        body.members.map((member, index) => ({
          userId: (people[index] as { userId: string }).userId,
          category: member.category,
          president: member.president,
        })),
      );
    })();
    const detail = juryDetail(db, exams, juryOrThrow(exams, juryId));
    response.status(201).json(detail);
  });

  router.get('/admin/juries/:id', (request, response) => {
    response.json(juryDetail(db, exams, juryOrThrow(exams, idParam(request.params.id))));
  });

  router.post('/admin/juries/:id/members', async (request, response) => {
    const jury = juryOrThrow(exams, idParam(request.params.id));
    refuseIfLocked(jury);
    const body = parseBody(
      MemberBody,
      request.body,
      'Membre invalide : personne et catégorie requises.',
    );
    const [person] = await preparePeople(db, [
      { person: body.person, role: body.president ? 'president' : 'member' },
    ]);
    if (!person) throw new Error('personne non préparée');
    db.transaction(() => {
      insertPreparedAccounts(db, [person]);
      addMember(db, jury.id, {
        userId: person.userId,
        category: body.category,
        president: body.president,
      });
    })();
    const detail = juryDetail(db, exams, jury);
    response.status(201).json(detail);
  });

  router.delete('/admin/juries/:id/members/:userId', (request, response) => {
    const jury = juryOrThrow(exams, idParam(request.params.id));
    refuseIfLocked(jury);
    db.transaction(() => removeMember(db, jury.id, request.params.userId))();
    effects.rightsChanged(request.params.userId);
    response.json(juryDetail(db, exams, jury));
  });

  router.post('/admin/juries/:id/commissions', async (request, response) => {
    const jury = juryOrThrow(exams, idParam(request.params.id));
    refuseIfLocked(jury);
    const session = sessionOfJury(db, jury.examSessionId);
    const body = parseBody(
      NewCommissionBody,
      request.body,
      `Commission invalide : nom, salle, unités entendues et au plus ${MAX_EXAMINERS} examinateurs.`,
    );
    const units = checkCommissionUnits(session.regulation, body.units);
    const people = await preparePeople(
      db,
      body.examiners.map((person) => ({ person, role: 'examiner' as const })),
    );
    const id = db.transaction(() => {
      insertPreparedAccounts(db, people);
      return createCommission(
        db,
        jury.id,
        { name: body.name, room: body.room, units },
        people.map((person) => person.userId),
      );
    })();
    response.status(201).json({
      // Created above, in this request.
      commission: exams.commission(id) as CreatedCommission['commission'],
      jury: juryDetail(db, exams, jury),
    } satisfies CreatedCommission);
  });

  router.post('/admin/commissions/:id/examiners', async (request, response) => {
    const { commission, jury } = commissionOrThrow(request.params.id);
    refuseIfLocked(jury);
    const body = parseBody(ExaminerBody, request.body, 'Examinateur invalide : personne requise.');
    const people = await preparePeople(db, [{ person: body.person, role: 'examiner' }]);
    db.transaction(() => {
      insertPreparedAccounts(db, people);
      for (const person of people) addExaminer(db, commission.id, person.userId);
    })();
    response.status(201).json(juryDetail(db, exams, jury));
  });

  router.delete('/admin/commissions/:id/examiners/:userId', (request, response) => {
    const { commission, jury } = commissionOrThrow(request.params.id);
    refuseIfLocked(jury);
    db.transaction(() => removeExaminer(db, commission.id, request.params.userId))();
    effects.rightsChanged(request.params.userId);
    response.json(juryDetail(db, exams, jury));
  });

  router.post('/admin/juries/:id/candidates', (request, response) => {
    const jury = juryOrThrow(exams, idParam(request.params.id));
    refuseIfLocked(jury);
    const body = parseBody(AssignBody, request.body, 'Liste de numéros de candidats attendue.');
    const result = db
      .transaction(() => {
        const candidates = sessionCandidates(db, jury.examSessionId);
        const problems: ImportProblem[] = [];
        const toAssign: number[] = [];
        let unchanged = 0;
        body.numbers.forEach((number, index) => {
          const candidate = candidates.get(number);
          if (!candidate) {
            problems.push(
              problem(
                index + 1,
                'numbers',
                'UNKNOWN_CANDIDATE',
                `Aucun candidat n° ${number} dans cette session.`,
              ),
            );
          } else if (candidate.juryId === jury.id) unchanged += 1;
          else if (candidate.juryId !== null) {
            problems.push(
              problem(
                index + 1,
                'numbers',
                'OTHER_JURY',
                `Le candidat ${number} relève déjà d’un autre jury.`,
              ),
            );
          } else toAssign.push(candidate.id);
        });
        if (problems.length > 0) return { problems, assigned: 0, unchanged };
        const assign = db.prepare('UPDATE candidates SET jury_id = ? WHERE id = ?');
        for (const id of toAssign) assign.run(jury.id, id);
        return { problems, assigned: toAssign.length, unchanged };
      })
      .immediate();
    if (result.problems.length > 0) refuseSchedule(body.numbers.length, result.problems, null);
    response.json(result satisfies CandidateAssignment);
  });

  // `?confirm=<token>`: the `confirmation` of the 409 that named the entries leaving the board.
  router.delete('/admin/juries/:id/candidates/:candidateId', (request, response) => {
    const juryId = idParam(request.params.id);
    const candidateId = idParam(request.params.candidateId);
    const confirmation = typeof request.query.confirm === 'string' ? request.query.confirm : null;
    const outcome = removeCandidateFromJury(
      { db, exams, audit, effects },
      juryId,
      candidateId,
      sessionFrom(response).user,
      confirmation,
    );
    if (!outcome.removed) refuseUnconfirmedRemoval(outcome.preview);
    response.json(juryDetail(db, exams, juryOrThrow(exams, juryId)));
  });

  router.put('/admin/commissions/:id/passages', (request, response) => {
    const { commission, session } = commissionOrThrow(request.params.id);
    const body = parseBody(
      PassagesBody,
      request.body,
      'Planning invalide : liste de { number, position, time } attendue.',
    );
    const problems: ImportProblem[] = [];
    const inputs: PassageInput[] = [];
    body.passages.forEach((item, index) => {
      const time = item.time === null || item.time === '' ? null : readTime(item.time);
      if (item.time !== null && item.time !== '' && time === null) {
        problems.push(
          problem(
            index + 1,
            'time',
            'INVALID_TIME',
            `Heure « ${item.time} » illisible : attendu HH:MM, par exemple 08:30.`,
          ),
        );
        return;
      }
      inputs.push({
        line: index + 1,
        number: item.number,
        commission: String(commission.id),
        position: item.position,
        time,
        columns: { number: 'number', commission: 'commission', position: 'position', time: 'time' },
      });
    });
    if (problems.length > 0) refuseSchedule(body.passages.length, problems, null);
    const target = sessionCommissions(db, session.id).find((item) => item.id === commission.id);
    if (!target) throw notFound('Commission');
    const { unconfirmed, ...result } = applySchedule(
      db,
      { audit, effects },
      session,
      inputs,
      target,
      { actor: sessionFrom(response).user, confirmation: body.confirmation },
    );
    if (unconfirmed) refuseUnconfirmedSchedule(body.passages.length, result.changes);
    if (!result.applied) refuseSchedule(body.passages.length, result.problems, result.changes);
    response.json({ rows: body.passages.length, ...result } satisfies ScheduleReport);
  });

  return router;
}
