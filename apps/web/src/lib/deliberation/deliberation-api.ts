import type {
  AmendmentAnswer,
  AmendmentRequest,
  HistoryRow,
  LockAnswer,
  LockedRecord,
  LockRequest,
} from '@delib/protocol';
import { ApiRequestError, requestApi } from '../api/api-client';
import { lockOutcomeOfError, type LockOutcome } from './lock-outcome';

/**
 * Locks the deliberation (`POST /api/juries/:id/lock`), confirming the incomplete candidates
 * the president ticked by name, with the émargement the dialog showed. Never throws for a refusal: the outcome says what to show.
 */
export async function lockDeliberation(
  juryId: number,
  confirmIncomplete: readonly number[],
  attendance?: LockRequest['attendance'],
): Promise<LockOutcome> {
  try {
    const body: LockRequest = { confirmIncomplete: [...confirmIncomplete] };
    if (attendance) body.attendance = attendance;
    const answer = await requestApi<LockAnswer>(fetch, `/api/juries/${juryId}/lock`, {
      method: 'POST',
      body,
    });
    return { kind: 'locked', sha256: answer.sha256, lockedAt: answer.record.lockedAt };
  } catch (error) {
    if (error instanceof ApiRequestError) return lockOutcomeOfError(error);
    throw error;
  }
}

/** The locked record (`GET /api/juries/:id/record`), or null while the jury is not locked. */
export async function fetchLockedRecord(juryId: number): Promise<LockedRecord | null> {
  try {
    return await requestApi<LockedRecord>(fetch, `/api/juries/${juryId}/record`);
  } catch (error) {
    if (error instanceof ApiRequestError && error.status === 404) return null;
    throw error;
  }
}

/** A candidate's history from the audit trail, oldest first. */
export function fetchCandidateHistory(juryId: number, candidateId: number): Promise<HistoryRow[]> {
  return requestApi<HistoryRow[]>(fetch, `/api/juries/${juryId}/candidates/${candidateId}/history`);
}

/** Rectifies an input after the lock (`POST /api/juries/:id/amendments`); throws the server's French refusal. */
export function rectifyInput(juryId: number, request: AmendmentRequest): Promise<AmendmentAnswer> {
  return requestApi<AmendmentAnswer>(fetch, `/api/juries/${juryId}/amendments`, {
    method: 'POST',
    body: request,
  });
}
