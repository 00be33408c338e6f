import { commissionDocumentName } from '@delib/protocol';
import type { CommissionView, PassageView } from '@delib/protocol';
import type { CommissionRow, ExamRepository } from '../db/exam-repository.js';
import { unitsHeardInCommission } from './units-heard.js';

/** What an examiner's page needs: the room, its schedule and, per candidate, the units heard. */
export function commissionView(exams: ExamRepository, commission: CommissionRow): CommissionView {
  const jury = exams.jury(commission.juryId);
  const session = jury ? exams.examSession(jury.examSessionId) : null;
  if (!jury || !session) throw new Error(`commission ${commission.id} sans jury ni session`);
  const heard = unitsHeardInCommission(exams, commission, session.regulation);
  // The oral units of the LV1 (U22; U3 in the 2024 numbering): those of the contrôle choice
  // `LV1` that are heard in a room.
  const lv1Oral = (session.regulation.settings.control.choices.LV1 ?? []).filter(
    (code) => session.regulation.units.find((unit) => unit.code === code)?.form === 'oral',
  );
  const passages = exams.passages(commission.id);
  const candidates = exams.candidates(passages.map((passage) => passage.candidateId));
  const views: PassageView[] = [];
  for (const passage of passages) {
    const candidate = candidates.get(passage.candidateId);
    if (!candidate) continue;
    const units = [...(heard.get(candidate.id) ?? [])];
    const languages: Record<string, string> = {};
    for (const unit of lv1Oral) {
      if (units.includes(unit) && candidate.lv1) languages[unit] = candidate.lv1;
    }
    if (units.includes('UF1') && candidate.lv2) languages.UF1 = candidate.lv2;
    views.push({
      candidateId: candidate.id,
      number: candidate.number,
      lastName: candidate.lastName,
      firstName: candidate.firstName,
      position: passage.position,
      time: passage.scheduledAt,
      units,
      languages,
    });
  }
  const { id, name, room, juryId, units } = commission;
  return {
    commission: { id, name, room, juryId, units },
    session,
    document: commissionDocumentName(commission.id, commission.generation),
    locked: jury.lockedAt !== null,
    passages: views,
  };
}
