import type { AmendedInput, AmendmentRequest, RecordAmendment } from '@delib/protocol';
import {
  formatEntry,
  formatMark,
  isRulesError,
  parseMark,
  validateEntry,
  type Entry,
  type Regulation,
  type UnitLine,
} from '@delib/rules';
import { checkReason } from './reason-text';

/**
 * The president's rectification after the lock, as typed in the candidate panel: a unit, what
 * is corrected (the unit's entry or the jury's adjustment), the new value and the mandatory
 * reason. Checked with `@delib/rules` as the server checks it; the server then recomputes the
 * decision. Nobody types a decision.
 */
export type RectificationOutcome =
  | { ok: true; request: AmendmentRequest }
  | { ok: false; errors: { value?: string; reason?: string } };

/** `12,5`, `ABJ`/`ABS` (absent justifié / non justifié) for an entry; a mark, or empty to remove, for an adjustment. */
function parseValue(
  regulation: Regulation,
  unit: string,
  input: AmendedInput,
  text: string,
  session: number,
): Entry | { mark: number } | null {
  const typed = text.trim();
  if (input === 'adjustment') {
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
  if (unit === '') errors.value = 'Choisissez l’unité à rectifier.';
  else if (input === 'entry' && valueText.trim() === '') {
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

/** `12`, `ABS`, `14 (B2022)`; `aucun` for no adjustment, `—` for no entry. */
export function amendedValueText(input: AmendedInput | null, value: unknown): string {
  if (value === null || value === undefined) return input === 'adjustment' ? 'aucun' : '—';
  if (input === 'adjustment') return formatMark((value as { mark: number }).mark);
  return formatEntry(value as Entry);
}

/** A candidate's rectifications, oldest first (the amendments of a decision, older, left out). */
export function rectificationsOf(
  amendments: readonly RecordAmendment[],
  candidateId: number,
): RecordAmendment[] {
  return amendments.filter((a) => a.candidateId === candidateId && a.unit !== null);
}
