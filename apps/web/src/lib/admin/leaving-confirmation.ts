import type { CandidateRemovalPreview, LeavingEntry, ScheduleChanges } from '@delib/protocol';
import { ApiRequestError } from '../api/api-client';

/**
 * The server refuses a change that takes entries off the jury's board (409
 * `CONFIRMATION_REQUIRED`) and names them in `error.details`; these read that refusal.
 */

export interface ConfirmationAsked<T> {
  /** The server's French sentence: how many entries, and that they are kept. */
  message: string;
  details: T;
}

function isLeavingEntry(value: unknown): value is LeavingEntry {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  return (
    typeof entry.number === 'string' &&
    typeof entry.name === 'string' &&
    (entry.unit === null || typeof entry.unit === 'string') &&
    typeof entry.kind === 'string' &&
    typeof entry.value === 'string' &&
    typeof entry.place === 'string'
  );
}

function leavingWithToken(
  value: unknown,
): value is { leaving: LeavingEntry[]; confirmation: string } {
  if (typeof value !== 'object' || value === null) return false;
  const { leaving, confirmation } = value as Record<string, unknown>;
  return (
    Array.isArray(leaving) &&
    leaving.length > 0 &&
    leaving.every(isLeavingEntry) &&
    typeof confirmation === 'string'
  );
}

function asked(caught: unknown): ApiRequestError | null {
  return caught instanceof ApiRequestError &&
    caught.status === 409 &&
    caught.code === 'CONFIRMATION_REQUIRED'
    ? caught
    : null;
}

/** A schedule save or import refused until the entries leaving the board are confirmed. */
export function scheduleConfirmationAsked(
  caught: unknown,
): ConfirmationAsked<ScheduleChanges & { confirmation: string }> | null {
  const error = asked(caught);
  if (!error || typeof error.details !== 'object' || error.details === null) return null;
  const changes = (error.details as { changes?: unknown }).changes;
  if (!leavingWithToken(changes)) return null;
  return { message: error.message, details: changes as ScheduleChanges & { confirmation: string } };
}

/** A candidate's removal from a jury refused until their entries there are confirmed. */
export function removalConfirmationAsked(
  caught: unknown,
): ConfirmationAsked<CandidateRemovalPreview & { confirmation: string }> | null {
  const error = asked(caught);
  if (!error || !leavingWithToken(error.details)) return null;
  return {
    message: error.message,
    details: error.details as CandidateRemovalPreview & { confirmation: string },
  };
}
