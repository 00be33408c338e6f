import type { LockProblem } from '@delib/protocol';
import type { ApiRequestError } from '../api/api-client';

export type LockOutcome =
  | { kind: 'locked'; sha256: string; lockedAt: string }
  /** 409 INCOMPLETE_CANDIDATES: each one must be confirmed by name, then the lock resent. */
  | { kind: 'incomplete'; message: string; candidates: LockProblem[] }
  /** 409 LIVRET_REQUIRED: refusals without the livret scolaire consulted. */
  | { kind: 'livret'; message: string; candidates: LockProblem[] }
  /** 422 INVALID_RECORD: entries the rules refuse. */
  | { kind: 'invalid'; message: string; candidates: LockProblem[] }
  | { kind: 'failed'; message: string };

function isProblem(value: unknown): value is LockProblem {
  if (typeof value !== 'object' || value === null) return false;
  const problem = value as Record<string, unknown>;
  return (
    typeof problem.candidateId === 'number' &&
    typeof problem.number === 'string' &&
    typeof problem.name === 'string' &&
    typeof problem.message === 'string'
  );
}

/** The candidates of `error.details` (`{ candidates: [...] }`); malformed ones are skipped. */
export function lockProblems(details: unknown): LockProblem[] {
  if (typeof details !== 'object' || details === null) return [];
  const candidates = (details as { candidates?: unknown }).candidates;
  return Array.isArray(candidates) ? candidates.filter(isProblem) : [];
}

/** What a refused lock means for the page. */
export function lockOutcomeOfError(error: ApiRequestError): LockOutcome {
  const candidates = lockProblems(error.details);
  const { message } = error;
  if (error.code === 'INCOMPLETE_CANDIDATES' && candidates.length > 0) {
    return { kind: 'incomplete', message, candidates };
  }
  if (error.code === 'LIVRET_REQUIRED') return { kind: 'livret', message, candidates };
  if (error.code === 'INVALID_RECORD') return { kind: 'invalid', message, candidates };
  return { kind: 'failed', message };
}
