import type { OralEntry } from '@delib/protocol';
import { formatMark, isRulesError, parseMark, validateEntry, type Regulation } from '@delib/rules';

/** What to do with the text of a mark field when the examiner commits it. */
export type MarkInputOutcome =
  | { kind: 'write'; entry: OralEntry }
  | { kind: 'clear' }
  | { kind: 'unchanged' }
  | { kind: 'invalid'; message: string };

/** The text a mark field shows for an entry (an absence shows on its button, not here). */
export function markFieldText(entry: OralEntry | null): string {
  return entry && 'mark' in entry ? formatMark(entry.mark) : '';
}

/**
 * Reads a typed mark (`12,5`, `12.5`, `8`) with `@delib/rules`: refused when it is not a mark
 * of the regulation (0 to 20 on its step). An empty field clears a mark, never an absence.
 */
export function interpretMarkInput(
  text: string,
  regulation: Regulation,
  unit: string,
  current: OralEntry | null,
): MarkInputOutcome {
  if (text.trim() === '') {
    return current && 'mark' in current ? { kind: 'clear' } : { kind: 'unchanged' };
  }
  try {
    const entry = validateEntry(regulation, unit, { mark: parseMark(text, regulation) });
    if (!('mark' in entry)) return { kind: 'invalid', message: 'Saisir une note.' };
    if (current && 'mark' in current && current.mark === entry.mark) return { kind: 'unchanged' };
    return { kind: 'write', entry: { mark: entry.mark } };
  } catch (error) {
    if (isRulesError(error)) return { kind: 'invalid', message: error.message };
    throw error;
  }
}

/** The absence to write when a button is pressed: pressing the active one clears it. */
export function toggleAbsence(
  regulation: Regulation,
  unit: string,
  current: OralEntry | null,
  absence: 'justified' | 'unjustified',
): OralEntry | null {
  if (current && 'absent' in current && current.absent === absence) return null;
  const entry = validateEntry(regulation, unit, { absent: absence });
  return 'absent' in entry ? { absent: entry.absent } : null;
}
