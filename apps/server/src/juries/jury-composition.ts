import { ErrorCode, juryParity, MEMBER_CATEGORY_LABELS } from '@delib/protocol';
import type { JuryCommission, JuryDetail, MemberCategory } from '@delib/protocol';
import { oralUnits } from '@delib/rules';
import type { Regulation } from '@delib/rules';
import type { ExamRepository, JuryRow } from '../db/exam-repository.js';
import type { Db } from '../db/open-database.js';
import { HttpError, notFound } from '../http/http-error.js';

/**
 * Juries and commissions of a session: who deliberates (a president and members, each with
 * their category) and which rooms hear which oral units with which examiners (one or two).
 * Every change is refused once the jury has locked its deliberation.
 */

export const MAX_EXAMINERS = 2;

export interface MemberInput {
  userId: string;
  category: MemberCategory;
  president: boolean;
}

export function juryOrThrow(exams: ExamRepository, juryId: number): JuryRow {
  const jury = exams.jury(juryId);
  if (!jury) throw notFound('Jury');
  return jury;
}

function lockedComposition(juryName: string): HttpError {
  return new HttpError(
    409,
    ErrorCode.LOCKED,
    `Le ${juryName} a verrouillé sa délibération : sa composition ne peut plus changer.`,
  );
}

export function refuseIfLocked(jury: JuryRow): void {
  if (jury.lockedAt !== null) throw lockedComposition(jury.name);
}

/**
 * Refuses (409) a change of composition to a jury locked now, read inside the change's own
 * transaction: the route's first check (refuseIfLocked) comes before the password hashing,
 * during which the lock may be committed (an attacker test added a member after the lock,
 * who could then read the record and could no longer be removed). The no-op UPDATE takes the
 * jury's row lock on PostgreSQL, so a lock being committed by another process is waited for,
 * then seen.
 */
function holdUnlockedJury(db: Db, juryId: number): void {
  const held = db
    .prepare('UPDATE juries SET generation = generation WHERE id = ? AND locked_at IS NULL')
    .run(juryId).changes;
  if (held === 1) return;
  const jury = db.prepare('SELECT name FROM juries WHERE id = ?').get(juryId) as
    { name: string } | undefined;
  if (!jury) throw notFound('Jury');
  throw lockedComposition(jury.name);
}

function holdUnlockedJuryOfCommission(db: Db, commissionId: number): void {
  const row = db
    .prepare('SELECT jury_id AS "juryId" FROM commissions WHERE id = ?')
    .get(commissionId) as { juryId: number } | undefined;
  if (!row) throw notFound('Salle');
  holdUnlockedJury(db, row.juryId);
}

export function createJury(
  db: Db,
  sessionId: number,
  jury: { name: string; appointmentRef: string | null },
  members: MemberInput[],
): number {
  const presidents = members.filter((member) => member.president).length;
  if (presidents !== 1) {
    throw new HttpError(
      400,
      ErrorCode.INVALID_REQUEST,
      presidents === 0
        ? 'Un jury a un président ou une présidente : en désigner un parmi les membres.'
        : 'Un jury n’a qu’un président ou une présidente.',
    );
  }
  const { id: juryId } = db
    .prepare(
      'INSERT INTO juries (exam_session_id, name, appointment_ref) VALUES (?, ?, ?) RETURNING id',
    )
    .get(sessionId, jury.name, jury.appointmentRef) as { id: number };
  for (const member of members) addMember(db, juryId, member);
  return juryId;
}

export function addMember(db: Db, juryId: number, member: MemberInput): void {
  holdUnlockedJury(db, juryId);
  const already = db
    .prepare('SELECT is_president AS president FROM jury_members WHERE jury_id = ? AND user_id = ?')
    .get(juryId, member.userId);
  if (already) {
    throw new HttpError(409, 'ALREADY_MEMBER', 'Cette personne fait déjà partie du jury.');
  }
  if (member.president) {
    const president = db
      .prepare('SELECT 1 FROM jury_members WHERE jury_id = ? AND is_president = 1')
      .get(juryId);
    if (president) {
      throw new HttpError(
        409,
        'PRESIDENT_ALREADY_SET',
        'Ce jury a déjà un président ou une présidente.',
      );
    }
  }
  db.prepare(
    'INSERT INTO jury_members (jury_id, user_id, category, is_president) VALUES (?, ?, ?, ?)',
  ).run(juryId, member.userId, member.category, member.president ? 1 : 0);
}

export function removeMember(db: Db, juryId: number, userId: string): void {
  holdUnlockedJury(db, juryId);
  const row = db
    .prepare('SELECT is_president AS president FROM jury_members WHERE jury_id = ? AND user_id = ?')
    .get(juryId, userId) as { president: number } | undefined;
  if (!row) throw notFound('Membre du jury');
  if (row.president) {
    throw new HttpError(
      409,
      'PRESIDENT_REQUIRED',
      'La présidence ne se retire pas : un jury garde toujours son président ou sa présidente.',
    );
  }
  db.prepare('DELETE FROM jury_members WHERE jury_id = ? AND user_id = ?').run(juryId, userId);
}

/** Checks a commission's units: oral units of the regulation, at least one, no repeat. */
export function checkCommissionUnits(regulation: Regulation, units: readonly string[]): string[] {
  const oral = oralUnits(regulation).map((unit) => unit.code);
  const unknown = units.filter((unit) => !oral.includes(unit));
  if (units.length === 0 || unknown.length > 0 || new Set(units).size !== units.length) {
    throw new HttpError(
      400,
      ErrorCode.INVALID_REQUEST,
      unknown.length > 0
        ? `Unités non entendues en salle : ${unknown.join(', ')}. Une commission entend des unités orales : ${oral.join(', ')}.`
        : `Indiquer les unités entendues, sans répétition, parmi ${oral.join(', ')}.`,
    );
  }
  return oral.filter((unit) => units.includes(unit));
}

export function createCommission(
  db: Db,
  juryId: number,
  commission: { name: string; room: string; units: string[] },
  examiners: string[],
): number {
  if (examiners.length > MAX_EXAMINERS) throw tooManyExaminers();
  holdUnlockedJury(db, juryId);
  const { id } = db
    .prepare(
      'INSERT INTO commissions (jury_id, name, room, units) VALUES (?, ?, ?, ?) RETURNING id',
    )
    .get(juryId, commission.name, commission.room, JSON.stringify(commission.units)) as {
    id: number;
  };
  for (const userId of examiners) addExaminer(db, id, userId);
  return id;
}

function tooManyExaminers(): HttpError {
  return new HttpError(
    409,
    'TOO_MANY_EXAMINERS',
    `Une commission compte au plus ${MAX_EXAMINERS} examinateurs.`,
  );
}

export function examinerCount(db: Db, commissionId: number): number {
  return (
    db
      .prepare('SELECT COUNT(*) AS count FROM commission_examiners WHERE commission_id = ?')
      .get(commissionId) as { count: number }
  ).count;
}

export function addExaminer(db: Db, commissionId: number, userId: string): void {
  holdUnlockedJuryOfCommission(db, commissionId);
  if (
    db
      .prepare('SELECT 1 FROM commission_examiners WHERE commission_id = ? AND user_id = ?')
      .get(commissionId, userId)
  ) {
    throw new HttpError(409, 'ALREADY_EXAMINER', 'Cette personne examine déjà dans cette salle.');
  }
  if (examinerCount(db, commissionId) >= MAX_EXAMINERS) throw tooManyExaminers();
  db.prepare('INSERT INTO commission_examiners (commission_id, user_id) VALUES (?, ?)').run(
    commissionId,
    userId,
  );
}

export function removeExaminer(db: Db, commissionId: number, userId: string): void {
  holdUnlockedJuryOfCommission(db, commissionId);
  const removed = db
    .prepare('DELETE FROM commission_examiners WHERE commission_id = ? AND user_id = ?')
    .run(commissionId, userId).changes;
  if (removed === 0) throw notFound('Examinateur de cette salle');
}

/** What the admin page shows of a jury: members, commissions with examiners, candidates. */
export function juryDetail(db: Db, exams: ExamRepository, jury: JuryRow): JuryDetail {
  const members = exams.members(jury.id);
  const examiners = db.prepare(
    `SELECT u.id AS "userId", u.login, u.display_name AS name FROM commission_examiners e
     JOIN users u ON u.id = e.user_id WHERE e.commission_id = ? ORDER BY u.display_name`,
  );
  const passages = db.prepare('SELECT COUNT(*) AS count FROM passages WHERE commission_id = ?');
  return {
    jury: {
      id: jury.id,
      examSessionId: jury.examSessionId,
      name: jury.name,
      appointmentRef: jury.appointmentRef,
      locked: jury.lockedAt !== null,
      lockedAt: jury.lockedAt,
    },
    members: members.map((member) => ({
      ...member,
      categoryLabel: MEMBER_CATEGORY_LABELS[member.category],
    })),
    parityWarning: juryParity(members).warning,
    commissions: exams.commissionsOfJury(jury.id).map(({ generation: _g, ...commission }) => ({
      ...commission,
      examiners: examiners.all(commission.id) as JuryCommission['examiners'],
      passages: (passages.get(commission.id) as { count: number }).count,
    })),
    candidates: exams.candidatesOfJury(jury.id).map((candidate) => ({
      id: candidate.id,
      number: candidate.number,
      lastName: candidate.lastName,
      firstName: candidate.firstName,
    })),
  };
}
