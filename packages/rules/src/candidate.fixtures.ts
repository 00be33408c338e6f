/** Candidates for the tests (excluded from the build). */
import type { CandidateInput } from './compute-result.js';
import type { Entry } from './entry.js';

export const MANDATORY = ['U1', 'U21', 'U22', 'U3', 'U41', 'U42', 'U5', 'U6'] as const;
export const PROFESSIONAL = ['U41', 'U42', 'U5', 'U6'] as const;

type Units = Record<string, Entry | null>;

/** Every mandatory unit at `mark`, then `overrides` (an entry, a mark, or null to remove). */
export function units(mark: number, overrides: Record<string, Entry | number | null> = {}): Units {
  const result: Units = {};
  for (const code of MANDATORY) result[code] = { mark };
  for (const [code, value] of Object.entries(overrides)) {
    if (value === null) delete result[code];
    else result[code] = typeof value === 'number' ? { mark: value } : value;
  }
  return result;
}

/** A complete candidate with every mandatory unit at `mark`. */
export function candidate(
  mark: number,
  overrides: Record<string, Entry | number | null> = {},
  extra: Omit<CandidateInput, 'units'> = {},
): CandidateInput {
  return { session: 2025, ...extra, units: units(mark, overrides) };
}
