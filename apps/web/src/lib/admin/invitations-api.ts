import type {
  CreatedInvitation,
  InvitationAttempt,
  InvitationView,
  RedeemAnswer,
} from '@delib/protocol';
import { requestApi } from '../api/api-client';

type Fetch = typeof fetch;

/** Examiner invitations: created, listed and revoked by the admin; redeemed by the invited. */

export function createInvitation(
  commissionId: number,
  invitation: { validUntil: string; label: string | null },
): Promise<CreatedInvitation> {
  return requestApi(fetch, `/api/admin/commissions/${commissionId}/invitations`, {
    method: 'POST',
    body: invitation,
  });
}

export function fetchInvitations(fetchFn: Fetch, sessionId: number): Promise<InvitationView[]> {
  return requestApi<InvitationView[]>(fetchFn, `/api/admin/exam-sessions/${sessionId}/invitations`);
}

export function revokeInvitation(invitationId: number): Promise<InvitationView> {
  return requestApi(fetch, `/api/admin/invitations/${invitationId}/revoke`, { method: 'POST' });
}

export function fetchInvitationAttempts(fetchFn: Fetch): Promise<InvitationAttempt[]> {
  return requestApi<InvitationAttempt[]>(fetchFn, '/api/admin/invitation-attempts');
}

/** Public: the invited professional's code and name; sets the session cookie. */
export function redeemInvitation(code: string, name: string): Promise<RedeemAnswer> {
  return requestApi(fetch, '/api/invitations/redeem', { method: 'POST', body: { code, name } });
}
