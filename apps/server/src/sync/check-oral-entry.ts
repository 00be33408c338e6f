import { isRulesError, validateEntry } from '@delib/rules';
import type { Regulation } from '@delib/rules';
import type { OralEntry } from '@delib/protocol';

/** Checks an examiner's entry against the session's regulation; a French refusal or null. */
export function checkOralEntry(
  regulation: Regulation,
  session: number,
  unit: string,
  entry: OralEntry,
): string | null {
  try {
    validateEntry(regulation, unit, entry, session);
    return null;
  } catch (error) {
    if (isRulesError(error)) return error.message;
    throw error;
  }
}
