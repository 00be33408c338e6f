import { RulesError } from './rules-error.js';

/**
 * A mark (or total, or coefficient) in French, exact, without padding: 12.5 → `12,5`, 12 →
 * `12`, 251.25 → `251,25`, null → `—`.
 */
export function formatMark(value: number | null): string {
  if (value === null) return '—';
  const text = String(value);
  if (!Number.isFinite(value) || text.includes('e')) {
    throw new RulesError('INVALID_NUMBER', `Note impossible à afficher : ${text}.`, { value });
  }
  return text.replace('.', ',');
}
