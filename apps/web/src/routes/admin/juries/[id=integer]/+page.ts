import type { LockedRecord } from '@delib/protocol';
import { fetchExamSession, fetchSessionCandidates } from '$lib/admin/exam-sessions-api';
import { requestApi } from '$lib/api/api-client';
import { fetchInvitations } from '$lib/admin/invitations-api';
import { fetchCommissionView, fetchJury, fetchUsers } from '$lib/admin/juries-api';
import { sessionRegulation } from '$lib/regulation/session-regulation';
import { failLoad } from '$lib/session/require-session';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params, url, depends }) => {
  depends('admin:jury');
  try {
    const detail = await fetchJury(fetch, Number(params.id));
    const sessionId = detail.jury.examSessionId;
    const [session, users, candidates, invitations, views, record] = await Promise.all([
      fetchExamSession(fetch, sessionId),
      fetchUsers(fetch),
      fetchSessionCandidates(fetch, sessionId),
      fetchInvitations(fetch, sessionId),
      // One room that cannot be read should not hide the others.
      Promise.all(
        detail.commissions.map((commission) =>
          fetchCommissionView(fetch, commission.id).catch(() => null),
        ),
      ),
      // After the lock: the decisions, to offer each deliberated candidate's relevé.
      detail.jury.locked
        ? requestApi<LockedRecord>(fetch, `/api/juries/${detail.jury.id}/record`).catch(() => null)
        : Promise.resolve(null),
    ]);
    return {
      detail,
      session: session.session,
      users,
      candidates,
      invitations,
      views,
      record,
      regulation: sessionRegulation(session.session.regulation),
    };
  } catch (caught) {
    failLoad(caught, url);
  }
};
