import { readOralEntry, type BoardCandidate, type MarkWriter } from '@delib/protocol';
import {
  harmonise,
  oralUnits,
  type HarmonisationMark,
  type Regulation,
  type UnitHarmonisation,
} from '@delib/rules';
import type { JuryDocuments } from './board-row';

/** `<commissionId>/<candidateId>:<unit>` → user id of the mark's last writer. */
export type WritersByCell = ReadonlyMap<string, string>;

export function writersByCell(writers: readonly MarkWriter[]): WritersByCell {
  return new Map(
    writers.map((w) => [`${w.commissionId}/${w.candidateId}:${w.unit}`, w.userId] as const),
  );
}

/**
 * The examiners' marks of the jury as the board shows them, from the live commission
 * documents: for each candidate and oral unit, the entry of the room that hears it. Absences
 * are not marks. Each mark carries its last writer when the server has told it (a mark typed
 * a moment ago counts for its room at once, for its examiner at the next refresh).
 */
export function boardMarks(
  candidates: readonly BoardCandidate[],
  documents: JuryDocuments,
  writers: WritersByCell,
): HarmonisationMark[] {
  const marks: HarmonisationMark[] = [];
  for (const candidate of candidates) {
    for (const [unit, commissionId] of Object.entries(candidate.commissionByUnit)) {
      const doc = documents.commissions.get(commissionId);
      const entry = doc ? readOralEntry(doc, candidate.id, unit) : null;
      if (!entry || !('mark' in entry)) continue;
      // A mark holds at most two decimals (the server checks it): ×100 is a whole number.
      marks.push({
        unit,
        commissionId,
        writerId: writers.get(`${commissionId}/${candidate.id}:${unit}`) ?? null,
        hundredths: Math.round(entry.mark * 100),
      });
    }
  }
  return marks;
}

/** The jury's harmonisation: its cohort is every mark of the jury, unit by unit. */
export function boardHarmonisation(
  regulation: Regulation,
  candidates: readonly BoardCandidate[],
  documents: JuryDocuments,
  writers: WritersByCell,
  alertGapHundredths: number,
): UnitHarmonisation[] {
  return harmonise(boardMarks(candidates, documents, writers), {
    alertGapHundredths,
    unitOrder: oralUnits(regulation).map((unit) => unit.code),
  });
}

/** A signature of the marks on the board: when it changes, the writers are asked again. */
export function marksSignature(marks: readonly HarmonisationMark[]): string {
  return marks.map((m) => `${m.commissionId}/${m.unit}/${m.hundredths}`).join(',');
}
