import type { Entry } from './entry.js';
import { formatMark } from './format-mark.js';

/** The legend of the origin codes printed on the minute and the transcripts. */
export const ENTRY_CODE_LEGEND: Readonly<Record<'B' | 'D' | 'ABS' | 'ABJ', string>> = Object.freeze(
  {
    B: 'Bénéfice : note conservée d’une session antérieure (B suivi de l’année, par exemple B2022)',
    D: 'Dispensé : l’unité ne compte ni dans le total ni dans le diviseur',
    ABS: 'Absent non justifié : le candidat ne peut pas être admis',
    ABJ: 'Absent justifié (force majeure) : l’unité compte pour 0',
  },
);

/**
 * The origin code of an entry for the minute: `B2022` (bénéfice of session 2022), `D`
 * (dispensé), `ABS` (absent, unjustified), `ABJ` (absent, justified); null for a mark of the
 * session or no entry.
 */
export function entryCode(entry: Entry | null | undefined): string | null {
  if (!entry) return null;
  if ('kept' in entry) return `B${entry.kept.session}`;
  if ('exempt' in entry) return 'D';
  if ('absent' in entry) return entry.absent === 'unjustified' ? 'ABS' : 'ABJ';
  return null;
}

/**
 * An entry as one cell of the minute: `12,5`, `14 (B2022)`, `D`, `ABS`, `ABJ`, or `—` when
 * nothing is entered.
 */
export function formatEntry(entry: Entry | null | undefined): string {
  if (!entry) return '—';
  if ('mark' in entry) return formatMark(entry.mark);
  if ('kept' in entry) return `${formatMark(entry.kept.mark)} (${entryCode(entry) ?? ''})`;
  return entryCode(entry) ?? '—';
}
