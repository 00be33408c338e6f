import { ErrorCode } from '@delib/protocol';
import type { AmendedInput, RecomputedDecision, SignedRecord } from '@delib/protocol';
import {
  computeResult,
  controlChoices,
  DECISION_LABELS,
  formatAverage,
  validateAdjustment,
  validateEntry,
} from '@delib/rules';
import type {
  Adjustment,
  CandidateInput,
  ControlChoiceResult,
  Entry,
  Regulation,
  UnitLine,
} from '@delib/rules';
import { HttpError } from '../http/http-error.js';

/**
 * A correction after the lock (rectificatif) changes an input of one candidate, a unit's entry,
 * the jury's adjustment or the mark of an épreuve de contrôle, and the rules then recompute the
 * decision: the locked record stays as it was signed, and the amendments beside it say what
 * changed and what the rules now give.
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
  /** The value corrected, as it stood: the entry, the adjusted or contrôle mark `{ mark }`, or null. */
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
  if (amendment.input === 'control') {
    // `unit` names the épreuve de contrôle (`U1`, `LV1`, `U3`), whose mark is set or removed.
    const control = { ...input.control };
    const after = amendment.after as { mark: number } | null;
    if (after === null) delete control[unit];
    else control[unit] = after.mark;
    return { ...input, control };
  }
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
 * Why the candidate does not present `unit`, in French, or null when they do. Not presented:
 * an optional unit they are not registered for (`options`, which no longer change once the
 * jury is locked), and a unit they are dispensed from (it leaves the total and the divisor: a
 * rectified mark there would be meaningless). A written unit, an oral one or a bénéfice is
 * presented: a rectification may replace its entry. An unknown unit is left to the rules.
 */
export function unitNotPresented(
  regulation: Regulation,
  input: CandidateInput,
  options: readonly string[],
  unit: string,
): string | null {
  const definition = regulation.units.find((candidate) => candidate.code === unit);
  if (!definition) return null;
  if (definition.optional && !options.includes(unit)) {
    return `Ce candidat ne présente pas ${unit} : il n’est pas inscrit à cette unité facultative.`;
  }
  const entry = input.units[unit];
  if (entry && 'exempt' in entry) {
    return `Ce candidat ne présente pas ${unit} : il en est dispensé.`;
  }
  return null;
}

/**
 * A contrôle mark set or corrected after the lock, checked as before the lock: an épreuve the
 * regulation offers, a mark of the regulation; and only for a candidate whom the first group,
 * rectifications included, sends to the épreuves de contrôle (a candidate with contrôle marks is
 * one). The rules then refuse a choice too many, or one replacing a unit the candidate is
 * dispensed from.
 */
function checkControlMark(
  regulation: Regulation,
  current: CandidateInput,
  choice: string,
  value: unknown,
): Pick<CheckedAmendment, 'before' | 'after'> {
  const offered = controlChoices(regulation);
  if (!offered.some((c) => c.choice === choice)) {
    throw new HttpError(
      400,
      ErrorCode.INVALID_REQUEST,
      offered.length === 0
        ? 'Notes de contrôle refusées : les épreuves de contrôle ne sont pas ouvertes par ce règlement.'
        : `Épreuve de contrôle inconnue : « ${choice} ». Choix possibles : ${offered.map((c) => c.choice).join(', ')}.`,
    );
  }
  const firstGroup = computeResult(regulation, current).firstGroup;
  if (firstGroup.decision !== 'controle') {
    const average =
      firstGroup.averageExact === null
        ? ''
        : ` (moyenne ${formatAverage(firstGroup.averageExact)})`;
    throw new HttpError(
      400,
      ErrorCode.INVALID_REQUEST,
      `Notes de contrôle refusées : la décision de ce candidat est « ${DECISION_LABELS[firstGroup.decision]} »${average}, ` +
        'et seul un candidat admis aux épreuves de contrôle peut en recevoir.',
    );
  }
  const mark = current.control?.[choice];
  const before = mark === null || mark === undefined ? null : { mark };
  if (value === null) return { before, after: null };
  // The rules check the mark as every contrôle mark: « Note de contrôle refusée pour l’épreuve
  // de contrôle U1 : 25. Une note va de 0 à 20 par pas de 0,5. »
  const typed = (value as { mark?: unknown } | undefined)?.mark;
  if (typed === undefined || typed === null) {
    throw new HttpError(
      400,
      ErrorCode.INVALID_REQUEST,
      `Note de contrôle manquante pour l’épreuve de contrôle ${choice} (null : la retirer).`,
    );
  }
  const checked = computeResult(regulation, { ...current, control: { [choice]: typed as number } });
  return { before, after: { mark: (checked.control?.[0] as ControlChoiceResult).mark } };
}

/**
 * Checks a new amendment against the record and the amendments already written for the
 * candidate, and recomputes the decision. Throws a 400 for a unit the candidate does not
 * present (`unitNotPresented`: `options`, the optional units they registered for) or a contrôle
 * mark they may not have (`checkControlMark`), the `RulesError` of an invalid value, or of
 * inputs the rules cannot compute once corrected; null for a candidate not in the record.
 */
export function checkAmendment(
  regulation: Regulation,
  record: SignedRecord,
  earlier: readonly StoredAmendment[],
  amendment: {
    candidateId: number;
    unit: string;
    input: AmendedInput;
    after: unknown;
    reason: string;
  },
  options: readonly string[],
): CheckedAmendment | null {
  const recorded = recordedInput(record, amendment.candidateId);
  if (!recorded) return null;
  const current = earlier.reduce(applied, recorded);
  const { unit } = amendment;
  let before: CheckedAmendment['before'];
  let after: CheckedAmendment['after'];
  if (amendment.input === 'control') {
    ({ before, after } = checkControlMark(regulation, current, unit, amendment.after));
  } else {
    const notPresented = unitNotPresented(regulation, current, options, unit);
    if (notPresented) throw new HttpError(400, ErrorCode.INVALID_REQUEST, notPresented);
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
