import type { AmendedInput, RecomputedDecision, SignedRecord } from '@delib/protocol';
import { computeResult, getRegulation, validateAdjustment, validateEntry } from '@delib/rules';
import type { Adjustment, CandidateInput, Entry, UnitLine } from '@delib/rules';

/**
 * A correction after the lock (rectificatif) changes an input of one candidate, a unit's entry
 * or the jury's adjustment, and the rules then recompute the decision: the locked record stays
 * as it was signed, and the amendments beside it say what changed and what the rules now give.
 */

/** One amendment as stored; `input` null on rows written before (`unit` null: a decision). */
export interface StoredAmendment {
  unit: string | null;
  input: AmendedInput | null;
  after: unknown;
  reason: string;
  /** Who wrote it (a rectified record names them as the adjustment's author). */
  by?: string;
}

export interface CheckedAmendment {
  /** The value corrected, as it stood: the entry, or the adjusted mark `{ mark }`, or null. */
  before: Entry | { mark: number } | null;
  /** The checked new value, as stored. */
  after: Entry | { mark: number } | null;
  decision: RecomputedDecision;
}

function recordedLines(record: SignedRecord, candidateId: number): UnitLine[] | null {
  const decided = record.candidates.find((c) => c.id === candidateId);
  if (decided) return decided.lines;
  if (record.format === 'delib.final-record/1') return null;
  return record.notDeliberated.find((c) => c.id === candidateId)?.lines ?? null;
}

/** The inputs of one candidate as the locked record shows them; null for an unknown candidate. */
export function recordedInput(record: SignedRecord, candidateId: number): CandidateInput | null {
  const lines = recordedLines(record, candidateId);
  if (!lines) return null;
  const units: Record<string, Entry> = {};
  const adjustments: Record<string, Adjustment> = {};
  for (const line of lines) {
    if (line.entry) units[line.unit] = line.entry;
    if (line.adjustment) {
      adjustments[line.unit] = {
        mark: line.adjustment.to,
        reason: line.adjustment.reason,
        ...(line.adjustment.by === undefined ? {} : { by: line.adjustment.by }),
      };
    }
  }
  const input: CandidateInput = { session: record.session.year, units, adjustments };
  const control = record.candidates.find((c) => c.id === candidateId)?.control;
  if (control) input.control = Object.fromEntries(control.map((c) => [c.choice, c.mark]));
  return input;
}

/** The input with one amendment applied (amendments of a decision, written before, change none). */
export function applied(input: CandidateInput, amendment: StoredAmendment): CandidateInput {
  if (amendment.unit === null) return input;
  const unit = amendment.unit;
  if (amendment.input === 'adjustment') {
    const adjustments = { ...input.adjustments };
    const after = amendment.after as { mark: number } | null;
    if (after === null) delete adjustments[unit];
    else {
      adjustments[unit] = {
        mark: after.mark,
        reason: amendment.reason,
        ...(amendment.by === undefined ? {} : { by: amendment.by }),
      };
    }
    return { ...input, adjustments };
  }
  // An entry (the only input the amendments of a unit corrected before `input` was stored).
  return { ...input, units: { ...input.units, [unit]: amendment.after as Entry } };
}

/**
 * Checks a new amendment against the record and the amendments already written for the
 * candidate, and recomputes the decision. Throws the `RulesError` of an invalid value, or of
 * inputs the rules cannot compute once corrected; null for a candidate not in the record.
 */
export function checkAmendment(
  record: SignedRecord,
  earlier: readonly StoredAmendment[],
  amendment: {
    candidateId: number;
    unit: string;
    input: AmendedInput;
    after: unknown;
    reason: string;
  },
): CheckedAmendment | null {
  const recorded = recordedInput(record, amendment.candidateId);
  if (!recorded) return null;
  const regulation = getRegulation(record.session.regulationId);
  const current = earlier.reduce(applied, recorded);
  const { unit } = amendment;
  let before: CheckedAmendment['before'];
  let after: CheckedAmendment['after'];
  if (amendment.input === 'entry') {
    before = current.units[unit] ?? null;
    after = validateEntry(regulation, unit, amendment.after, record.session.year);
  } else {
    const adjustment = current.adjustments?.[unit];
    before = adjustment ? { mark: adjustment.mark } : null;
    after =
      amendment.after === null
        ? null
        : {
            mark: validateAdjustment(regulation, unit, {
              mark: (amendment.after as { mark?: unknown } | null)?.mark,
              reason: amendment.reason,
            }).mark,
          };
  }
  const corrected = applied(current, {
    unit,
    input: amendment.input,
    after,
    reason: amendment.reason,
  });
  return {
    before,
    after,
    decision: {
      before: computeResult(regulation, current).decision,
      after: computeResult(regulation, corrected).decision,
    },
  };
}
