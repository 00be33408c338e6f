import { candidateInput, type BoardCandidate, type RecordAmendment } from '@delib/protocol';
import { computeResult, isRulesError, type Entry, type Regulation } from '@delib/rules';
import { computeBoardRow, type BoardRow, type JuryDocuments } from '../board/board-row';

/**
 * A locked board's row with the rectifications made since the lock applied, in order, as the
 * server applies them (deliberation/amend-record.ts): each replaces a unit's entry, the jury's
 * adjustment or the mark of an épreuve de contrôle, and `computeResult` gives the decision
 * again. Without rectifications, the row of the documents as they were locked.
 */
export function rectifiedBoardRow(
  regulation: Regulation,
  session: number,
  candidate: BoardCandidate,
  documents: JuryDocuments,
  rectifications: readonly RecordAmendment[],
): BoardRow {
  const row = computeBoardRow(regulation, session, candidate, documents);
  if (rectifications.length === 0) return row;
  const input = candidateInput(candidate, session, documents.commissions, documents.jury);
  const units = { ...input.units };
  const adjustments = { ...(input.adjustments ?? {}) };
  const control = { ...(input.control ?? {}) };
  for (const r of rectifications) {
    if (r.unit === null) continue;
    if (r.input === 'control') {
      const after = r.after as { mark: number } | null;
      if (after === null) delete control[r.unit];
      else control[r.unit] = after.mark;
    } else if (r.input === 'adjustment') {
      const after = r.after as { mark: number } | null;
      if (after === null) delete adjustments[r.unit];
      else adjustments[r.unit] = { mark: after.mark, reason: r.reason };
    } else {
      units[r.unit] = r.after as Entry;
    }
  }
  const rectified = { ...input, units, adjustments, control };
  const shown = { ...row, entries: units, adjustments };
  try {
    const result = computeResult(regulation, rectified);
    return { ...shown, result, error: null, decision: result.decision };
  } catch (error) {
    if (!isRulesError(error)) throw error;
    return { ...shown, result: null, error: error.message, decision: null };
  }
}
