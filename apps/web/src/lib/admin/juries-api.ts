import type {
  AdminJuryListing,
  AdminUser,
  CandidateAssignment,
  CommissionView,
  CreatedCommission,
  JuryDetail,
  NewCommission,
  NewJury,
  NewMember,
  PassageInput,
  PersonInput,
  ScheduleReport,
} from '@delib/protocol';
import { requestApi } from '../api/api-client';

type Fetch = typeof fetch;

/** Juries, their members, commissions, examiners, candidates and schedule (admin routes). */

/** Every jury, as `GET /api/juries` lists them for an administrator (the home page). */
export function fetchAllJuries(fetchFn: Fetch): Promise<AdminJuryListing[]> {
  return requestApi<AdminJuryListing[]>(fetchFn, '/api/juries');
}

export function fetchUsers(fetchFn: Fetch): Promise<AdminUser[]> {
  return requestApi<AdminUser[]>(fetchFn, '/api/admin/users');
}

export function fetchSessionJuries(fetchFn: Fetch, sessionId: number): Promise<JuryDetail[]> {
  return requestApi<JuryDetail[]>(fetchFn, `/api/admin/exam-sessions/${sessionId}/juries`);
}

export function createJury(sessionId: number, jury: NewJury): Promise<JuryDetail> {
  return requestApi(fetch, `/api/admin/exam-sessions/${sessionId}/juries`, {
    method: 'POST',
    body: jury,
  });
}

export function fetchJury(fetchFn: Fetch, juryId: number): Promise<JuryDetail> {
  return requestApi<JuryDetail>(fetchFn, `/api/admin/juries/${juryId}`);
}

export function addMember(juryId: number, member: NewMember): Promise<JuryDetail> {
  return requestApi(fetch, `/api/admin/juries/${juryId}/members`, {
    method: 'POST',
    body: member,
  });
}

export function removeMember(juryId: number, userId: string): Promise<JuryDetail> {
  return requestApi(fetch, `/api/admin/juries/${juryId}/members/${encodeURIComponent(userId)}`, {
    method: 'DELETE',
  });
}

export function createCommission(
  juryId: number,
  commission: NewCommission,
): Promise<CreatedCommission> {
  return requestApi(fetch, `/api/admin/juries/${juryId}/commissions`, {
    method: 'POST',
    body: commission,
  });
}

export function addExaminer(commissionId: number, person: PersonInput): Promise<JuryDetail> {
  return requestApi(fetch, `/api/admin/commissions/${commissionId}/examiners`, {
    method: 'POST',
    body: { person },
  });
}

export function removeExaminer(commissionId: number, userId: string): Promise<JuryDetail> {
  return requestApi(
    fetch,
    `/api/admin/commissions/${commissionId}/examiners/${encodeURIComponent(userId)}`,
    { method: 'DELETE' },
  );
}

export function assignCandidates(juryId: number, numbers: string[]): Promise<CandidateAssignment> {
  return requestApi(fetch, `/api/admin/juries/${juryId}/candidates`, {
    method: 'POST',
    body: { numbers },
  });
}

/** A room as its examiners see it, with its passages (administrators may read it). */
export function fetchCommissionView(fetchFn: Fetch, commissionId: number): Promise<CommissionView> {
  return requestApi<CommissionView>(fetchFn, `/api/commissions/${commissionId}`);
}

/**
 * Replaces the whole schedule of one commission. `confirmation`: the token of the entries
 * the server named leaving the board (409 `CONFIRMATION_REQUIRED`).
 */
export function savePassages(
  commissionId: number,
  passages: PassageInput[],
  confirmation: string | null = null,
): Promise<ScheduleReport> {
  return requestApi(fetch, `/api/admin/commissions/${commissionId}/passages`, {
    method: 'PUT',
    body: { passages, confirmation },
  });
}

/**
 * Takes a candidate out of a jury; with entries there, the server first answers 409 naming
 * them (`CandidateRemovalPreview`), and removes only with their `confirmation`.
 */
export function removeCandidate(
  juryId: number,
  candidateId: number,
  confirmation: string | null = null,
): Promise<JuryDetail> {
  return requestApi(
    fetch,
    `/api/admin/juries/${juryId}/candidates/${candidateId}${confirmQuery(confirmation)}`,
    {
      method: 'DELETE',
    },
  );
}

function confirmQuery(confirmation: string | null): string {
  return confirmation === null ? '' : `?confirm=${encodeURIComponent(confirmation)}`;
}

const csv = (file: Blob) => ({ method: 'POST', raw: file, contentType: 'text/csv' });

export function previewSchedule(sessionId: number, file: Blob): Promise<ScheduleReport> {
  return requestApi(fetch, `/api/admin/exam-sessions/${sessionId}/schedule/preview`, csv(file));
}

/** `confirmation`: the preview's, when entries would leave the board. */
export function importSchedule(
  sessionId: number,
  file: Blob,
  confirmation: string | null,
): Promise<ScheduleReport> {
  return requestApi(
    fetch,
    `/api/admin/exam-sessions/${sessionId}/schedule/import${confirmQuery(confirmation)}`,
    csv(file),
  );
}
