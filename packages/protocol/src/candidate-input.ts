import type { Adjustment, CandidateInput, Entry } from '@delib/rules';
import type * as Y from 'yjs';
import type { BoardCandidate } from './api-types.js';
import { readOralEntry } from './commission-document.js';
import { adjustmentKey, candidateKey, readJuryValue } from './jury-document.js';

/**
 * Assembles the input of `computeResult` for one candidate from the three places a result
 * lives: the server's stored entries (written marks, bénéfices, dispenses), the commission
 * documents (oral marks) and the jury document (adjustments, contrôle marks). The board and
 * the server's final record call this same function, so they cannot disagree.
 */
export function candidateInput(
  candidate: BoardCandidate,
  sessionYear: number,
  commissionDocs: ReadonlyMap<number, Y.Doc>,
  juryDoc: Y.Doc | null,
): CandidateInput {
  const units: Record<string, Entry> = { ...candidate.stored };
  for (const [unit, commissionId] of Object.entries(candidate.commissionByUnit)) {
    const doc = commissionDocs.get(commissionId);
    const entry = doc ? readOralEntry(doc, candidate.id, unit) : null;
    if (entry) units[unit] = entry;
  }
  const input: CandidateInput = { session: sessionYear, units };
  if (!juryDoc) return input;
  const adjustments: Record<string, Adjustment> = {};
  for (const unit of Object.keys(units)) {
    const adjustment = readJuryValue(juryDoc, 'adjustments', adjustmentKey(candidate.id, unit));
    if (adjustment) adjustments[unit] = { mark: adjustment.mark, reason: adjustment.reason };
  }
  if (Object.keys(adjustments).length > 0) input.adjustments = adjustments;
  const control = readJuryValue(juryDoc, 'control', candidateKey(candidate.id));
  if (control && Object.keys(control.marks).length > 0) input.control = { ...control.marks };
  return input;
}
