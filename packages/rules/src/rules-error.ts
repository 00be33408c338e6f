/**
 * The one error type of `@delib/rules`. Every refusal carries a stable `code` (for programs:
 * the server, the board, outside checks) and a French `message` (for a person) that names the
 * unit and the value at fault.
 */

export const RULES_ERROR_CODES = [
  /** The regulation data (JSON or object) breaks a rule; `details.issues` lists every fault. */
  'INVALID_REGULATION',
  /** A regulation id that the package does not ship. */
  'UNKNOWN_REGULATION',
  /** The candidate input is not of the documented shape (unknown key, wrong type…). */
  'INVALID_CANDIDATE',
  /** `session` is not a plausible session year. */
  'INVALID_SESSION',
  /** A bénéfice needs the session year to check its validity, and none was given. */
  'MISSING_SESSION',
  /** A unit code that the regulation does not know. */
  'UNKNOWN_UNIT',
  /** An entry that is none of `{ mark }`, `{ absent }`, `{ exempt: true }`, `{ kept }`. */
  'INVALID_ENTRY',
  /** A mark outside 0–20, off the regulation's step, or not a number. */
  'INVALID_MARK',
  /** A dispense at a unit that cannot be dispensed (optional units, professional units). */
  'NOT_EXEMPTABLE',
  /** More optional units than the regulation allows. */
  'TOO_MANY_OPTIONS',
  /** A bénéfice below the minimum, or whose session is not earlier than the current one. */
  'INVALID_KEPT_MARK',
  /** A bénéfice older than its validity. */
  'EXPIRED_KEPT_MARK',
  /** A bénéfice at a unit whose marks cannot be kept (optional units by default). */
  'KEPT_MARK_NOT_ALLOWED',
  /** A jury adjustment that is not `{ mark, reason }`. */
  'INVALID_ADJUSTMENT',
  /** A jury adjustment without a reason. */
  'MISSING_REASON',
  /** A jury adjustment at a unit that holds no mark (no entry, absence, dispense). */
  'ADJUSTMENT_WITHOUT_MARK',
  /** Contrôle marks for a candidate whose first-group decision is not `controle`. */
  'NOT_ELIGIBLE_FOR_CONTROL',
  /** More contrôle choices than the regulation allows. */
  'TOO_MANY_CONTROL_CHOICES',
  /** A contrôle choice that the regulation does not offer. */
  'UNKNOWN_CONTROL_CHOICE',
  /** A contrôle choice that would replace a unit the candidate is dispensed from. */
  'CONTROL_ON_EXEMPT_UNIT',
  /** A number to format that is not finite. */
  'INVALID_NUMBER',
] as const;

export type RulesErrorCode = (typeof RULES_ERROR_CODES)[number];

export interface RegulationIssue {
  /** JSON path of the faulty value, e.g. `$.units[3].coefficient`. */
  path: string;
  /** French explanation. */
  message: string;
}

export interface RulesErrorDetails {
  /** The unit concerned, when there is one. */
  unit?: string;
  /** The contrôle choice concerned, when there is one. */
  choice?: string;
  /** The refused value, as given. */
  value?: unknown;
  /** JSON path of the refused value (regulation files). */
  path?: string;
  /** Every fault of a regulation file (`INVALID_REGULATION`). */
  issues?: RegulationIssue[];
}

export class RulesError extends Error {
  override readonly name = 'RulesError';
  readonly code: RulesErrorCode;
  readonly details: RulesErrorDetails;

  constructor(code: RulesErrorCode, message: string, details: RulesErrorDetails = {}) {
    super(message);
    this.code = code;
    this.details = details;
  }

  /** Plain JSON for an API answer: `{ code, message, details }`. */
  toJSON(): { code: RulesErrorCode; message: string; details: RulesErrorDetails } {
    return { code: this.code, message: this.message, details: this.details };
  }
}

/**
 * True for a `RulesError`, including one thrown by another copy of this package (a bundle in
 * the browser and the server's copy are different classes).
 */
export function isRulesError(error: unknown): error is RulesError {
  if (error instanceof RulesError) return true;
  if (typeof error !== 'object' || error === null) return false;
  const candidate = error as { name?: unknown; code?: unknown };
  return (
    candidate.name === 'RulesError' &&
    typeof candidate.code === 'string' &&
    (RULES_ERROR_CODES as readonly string[]).includes(candidate.code)
  );
}
