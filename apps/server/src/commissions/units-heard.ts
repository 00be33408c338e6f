import type { CommissionRow, ExamRepository } from '../db/exam-repository.js';
import type { Regulation } from '@delib/rules';

/**
 * The units a room hears for each of its candidates: the room's units that the candidate
 * takes, less those already settled by the import (a bénéfice or a dispense). An optional
 * unit is heard only for a candidate registered for it.
 */
export function unitsHeardInCommission(
  exams: ExamRepository,
  commission: CommissionRow,
  regulation: Regulation,
): Map<number, Set<string>> {
  const optional = new Set(
    regulation.units.filter((unit) => unit.optional).map((unit) => unit.code),
  );
  const candidateIds = exams.passages(commission.id).map((passage) => passage.candidateId);
  const stored = exams.storedEntries(candidateIds);
  const options = exams.options(candidateIds);
  const heard = new Map<number, Set<string>>();
  for (const candidateId of candidateIds) {
    const entries = stored.get(candidateId) ?? {};
    const registered = new Set(options.get(candidateId) ?? []);
    const units = commission.units.filter((unit) => {
      if (optional.has(unit)) return registered.has(unit);
      const entry = entries[unit];
      return !entry || !('kept' in entry || 'exempt' in entry);
    });
    heard.set(candidateId, new Set(units));
  }
  return heard;
}
