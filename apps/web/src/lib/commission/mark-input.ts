import type { OralEntry } from '@delib/protocol';
import { formatMark, isRulesError, parseMark, validateEntry, type Regulation } from '@delib/rules';

/** What to do with the text of a mark field when the examiner commits it. */
export type MarkInputOutcome =
  | { kind: 'write'; entry: OralEntry }
  | { kind: 'clear' }
  | { kind: 'unchanged' }
  | { kind: 'invalid'; message: string };

/** What an examiner types in a mark field for an absence (any case). */
export const ABSENCE_CODES: Readonly<Record<'justified' | 'unjustified', string>> = {
  justified: 'ABJ',
  unjustified: 'ABS',
};

/** The text a mark field shows for an entry: `12,5`, `ABJ`, `ABS`, or nothing. */
export function markFieldText(entry: OralEntry | null): string {
  if (!entry) return '';
  return 'mark' in entry ? formatMark(entry.mark) : ABSENCE_CODES[entry.absent];
}

function sameEntry(a: OralEntry | null, b: OralEntry): boolean {
  if (!a) return false;
  if ('mark' in b) return 'mark' in a && a.mark === b.mark;
  return 'absent' in a && a.absent === b.absent;
}

/** `abj` → absent justifié, `abs` → absent non justifié (any case); null for anything else. */
function typedAbsence(text: string): 'justified' | 'unjustified' | null {
  const code = text.trim().toUpperCase();
  if (code === ABSENCE_CODES.justified) return 'justified';
  if (code === ABSENCE_CODES.unjustified) return 'unjustified';
  return null;
}

/**
 * Reads what the examiner typed with `@delib/rules`: a mark (`12,5`, `12.5`, `8`), refused
 * when it is not a mark of the regulation (0 to 20 on its step), or an absence code (`abj`,
 * `abs`). An emptied field clears the entry.
 */
export function interpretMarkInput(
  text: string,
  regulation: Regulation,
  unit: string,
  current: OralEntry | null,
): MarkInputOutcome {
  if (text.trim() === '') return current ? { kind: 'clear' } : { kind: 'unchanged' };
  const absence = typedAbsence(text);
  try {
    if (absence) {
      const checked = validateEntry(regulation, unit, { absent: absence });
      if (!('absent' in checked)) return { kind: 'invalid', message: 'Saisir une note.' };
      const entry: OralEntry = { absent: checked.absent };
      return sameEntry(current, entry) ? { kind: 'unchanged' } : { kind: 'write', entry };
    }
    const entry = validateEntry(regulation, unit, { mark: parseMark(text, regulation) });
    if (!('mark' in entry)) return { kind: 'invalid', message: 'Saisir une note.' };
    if (sameEntry(current, { mark: entry.mark })) return { kind: 'unchanged' };
    return { kind: 'write', entry: { mark: entry.mark } };
  } catch (error) {
    if (!isRulesError(error)) throw error;
    if (/[a-zA-Zà-ÿÀ-ß]/.test(text)) {
      return {
        kind: 'invalid',
        message: `Saisie illisible : « ${text.trim()} ». Tapez une note de 0 à 20 (par exemple 12,5), abj (absent justifié) ou abs (absent non justifié).`,
      };
    }
    return { kind: 'invalid', message: error.message };
  }
}

/** The field's hint for assistive technologies: what may be typed in it. */
export function markFieldHint(regulation: Regulation): string {
  return `Note de 0 à 20 par pas de ${formatMark(regulation.settings.markStep)}, ou abj pour absent justifié, abs pour absent non justifié.`;
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
