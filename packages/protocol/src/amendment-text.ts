import { formatEntry, formatMark } from '@delib/rules';
import type { Entry } from '@delib/rules';
import type { AmendedInput } from './final-record-types.js';

/**
 * A rectification's value as the pages, the rectified PV, the relevés and the results file
 * print it: `12`, `ABS`, `14 (B2022)` for an entry; `12` for an adjustment or a contrôle mark;
 * `aucun` (no adjustment) / `—` for nothing.
 */
export function amendedValueText(input: AmendedInput | null, value: unknown): string {
  if (value === null || value === undefined) return input === 'adjustment' ? 'aucun' : '—';
  if (input === 'adjustment' || input === 'control') {
    return formatMark((value as { mark: number }).mark);
  }
  return formatEntry(value as Entry);
}

/**
 * What a rectification corrected: `U41`, `U41 (ajustement)`, `LV1 (contrôle)`; `long`, as the
 * relevé words it: `U41 (ajustement du jury)`, `LV1 (épreuve de contrôle)`. `unit` is null only
 * on the amendments of a decision written before `input` existed.
 */
export function amendedInputLabel(
  unit: string | null,
  input: AmendedInput | null,
  long = false,
): string {
  if (input === 'adjustment') return `${unit} (ajustement${long ? ' du jury' : ''})`;
  if (input === 'control') return `${unit} (${long ? 'épreuve de ' : ''}contrôle)`;
  return unit ?? '';
}
