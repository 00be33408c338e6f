import { commissionDocumentName, juryDocumentName } from '@delib/protocol';
import type { BoardView } from '@delib/protocol';
import type { ExamRepository, JuryRow } from '../db/exam-repository.js';
import { unitsHeardInCommission } from '../commissions/units-heard.js';

/**
 * What the president's board needs to compute every candidate live: the entries the server
 * holds (written marks, bénéfices, dispenses) and, per oral unit, the commission document
 * where the examiners' entries arrive.
 */
export function boardView(exams: ExamRepository, jury: JuryRow): BoardView {
  const session = exams.examSession(jury.examSessionId);
  if (!session) throw new Error(`jury ${jury.id} sans session`);
  const commissions = exams.commissionsOfJury(jury.id);
  const candidates = exams.candidatesOfJury(jury.id);
  const ids = candidates.map((candidate) => candidate.id);
  const stored = exams.storedEntries(ids);
  const options = exams.options(ids);
  const commissionByCandidate = new Map<number, Record<string, number>>();
  for (const commission of commissions) {
    for (const [candidateId, units] of unitsHeardInCommission(
      exams,
      commission,
      session.regulation,
    )) {
      const byUnit = commissionByCandidate.get(candidateId) ?? {};
      for (const unit of units) byUnit[unit] = commission.id;
      commissionByCandidate.set(candidateId, byUnit);
    }
  }
  return {
    jury: { id: jury.id, name: jury.name, locked: jury.lockedAt !== null, lockedAt: jury.lockedAt },
    session,
    members: exams.members(jury.id),
    commissions: commissions.map(({ generation, ...commission }) => ({
      ...commission,
      document: commissionDocumentName(commission.id, generation),
    })),
    juryDocument: juryDocumentName(jury.id, jury.generation),
    candidates: candidates.map((candidate) => ({
      id: candidate.id,
      number: candidate.number,
      lastName: candidate.lastName,
      firstName: candidate.firstName,
      status: candidate.status,
      lv1: candidate.lv1,
      lv2: candidate.lv2,
      options: options.get(candidate.id) ?? [],
      stored: stored.get(candidate.id) ?? {},
      commissionByUnit: commissionByCandidate.get(candidate.id) ?? {},
    })),
  };
}
