import type {
  AmendedInput,
  AmendmentRequest,
  ControlValue,
  RecordAmendment,
} from '@delib/protocol';
import {
  controlChoices,
  isRulesError,
  parseMark,
  validateEntry,
  type CandidateResult,
  type Entry,
  type Regulation,
  type UnitLine,
} from '@delib/rules';
import { checkReason } from './reason-text';

/**
 * The president's rectification after the lock, as typed in the candidate panel: a unit (or an
 * épreuve de contrôle), what is corrected (the unit's entry, the jury's adjustment, or the mark
 * of the épreuve de contrôle), the new value and the mandatory reason. Checked with
 * `@delib/rules` as the server checks it; the server then recomputes the decision. Nobody types
 * a decision.
 */
export type RectificationOutcome =
  | { ok: true; request: AmendmentRequest }
  | { ok: false; errors: { value?: string; reason?: string } };

/**
 * `12,5`, `ABJ`/`ABS` (absent justifié / non justifié) for an entry; a mark, or empty to remove,
 * for an adjustment or a contrôle mark.
 */
function parseValue(
  regulation: Regulation,
  unit: string,
  input: AmendedInput,
  text: string,
  session: number,
): Entry | { mark: number } | null {
  const typed = text.trim();
  if (input === 'adjustment' || input === 'control') {
    return typed === '' ? null : { mark: parseMark(typed, regulation) };
  }
  const upper = typed.toUpperCase();
  const entry: unknown =
    upper === 'ABJ'
      ? { absent: 'justified' }
      : upper === 'ABS'
        ? { absent: 'unjustified' }
        : { mark: parseMark(typed, regulation) };
  return validateEntry(regulation, unit, entry, session);
}

export function checkRectificationForm(
  regulation: Regulation,
  session: number,
  candidateId: number,
  unit: string,
  input: AmendedInput,
  valueText: string,
  reasonText: string,
): RectificationOutcome {
  const errors: { value?: string; reason?: string } = {};
  let after: Entry | { mark: number } | null = null;
  if (unit === '') {
    errors.value =
      input === 'control' ? 'Choisissez l’épreuve de contrôle.' : 'Choisissez l’unité à rectifier.';
  } else if (input === 'entry' && valueText.trim() === '') {
    errors.value = 'Saisissez la note rectifiée (ou ABJ, ABS).';
  } else {
    try {
      after = parseValue(regulation, unit, input, valueText, session);
    } catch (error) {
      if (!isRulesError(error)) throw error;
      errors.value = error.message;
    }
  }
  const reason = checkReason(reasonText, 'de la rectification');
  if (!reason.ok) errors.reason = reason.message;
  if (errors.value || !reason.ok) return { ok: false, errors };
  return { ok: true, request: { candidateId, unit, input, after, reason: reason.reason } };
}

/**
 * The units a rectification may concern: those the candidate presents. Not an optional unit
 * they did not choose, nor one they are dispensed from (the server refuses both).
 */
export function rectifiableUnits(
  lines: readonly UnitLine[],
  options: readonly string[],
  /** The candidate's entries now, rectifications included (`exempt`: dispensé). */
  entryOf: (unit: string) => unknown,
): string[] {
  return lines
    .filter((line) => !line.optional || options.includes(line.unit))
    .filter((line) => {
      const entry = entryOf(line.unit);
      return !(typeof entry === 'object' && entry !== null && 'exempt' in entry);
    })
    .map((line) => line.unit);
}

/** An épreuve de contrôle a rectification may record: its label and its mark now (null: none). */
export interface RectifiableControl {
  choice: string;
  /** `Culture générale et expression (U1)`, `LV1 (U21 + U22)`. */
  label: string;
  mark: number | null;
}

/**
 * The épreuves de contrôle whose mark a rectification may record, correct or remove, with their
 * marks now: none unless the first group, rectifications included (`result` of the rectified
 * row), sends the candidate to the épreuves de contrôle, as a candidate with contrôle marks is
 * (the server refuses the others). Once the candidate has the regulation's number of choices,
 * only those.
 */
export function rectifiableControls(
  regulation: Regulation,
  result: CandidateResult | null,
): RectifiableControl[] {
  if (result?.firstGroup.decision !== 'controle') return [];
  const marks = new Map((result.control ?? []).map((applied) => [applied.choice, applied.mark]));
  const full = marks.size >= regulation.settings.control.maxChoices;
  return controlChoices(regulation)
    .filter((choice) => !full || marks.has(choice.choice))
    .map((choice) => ({
      choice: choice.choice,
      label: choice.label,
      mark: marks.get(choice.choice) ?? null,
    }));
}

/** The contrôle marks a result applied, as the jury document holds them; null without any. */
export function controlValueOf(result: CandidateResult | null): ControlValue | null {
  if (!result?.control || result.control.length === 0) return null;
  return { marks: Object.fromEntries(result.control.map((c) => [c.choice, c.mark])) };
}

/** A candidate's rectifications, oldest first (the amendments of a decision, older, left out). */
export function rectificationsOf(
  amendments: readonly RecordAmendment[],
  candidateId: number,
): RecordAmendment[] {
  return amendments.filter((a) => a.candidateId === candidateId && a.unit !== null);
}
