import { fetchExamSession } from '$lib/admin/exam-sessions-api';
import { fetchInvitationAttempts, fetchInvitations } from '$lib/admin/invitations-api';
import { fetchUsers } from '$lib/admin/juries-api';
import { sessionRegulation } from '$lib/regulation/session-regulation';
import { failLoad } from '$lib/session/require-session';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params, url, depends }) => {
  depends('admin:session');
  const sessionId = Number(params.id);
  try {
    const [detail, users, invitations, attempts] = await Promise.all([
      fetchExamSession(fetch, sessionId),
      fetchUsers(fetch),
      fetchInvitations(fetch, sessionId),
      fetchInvitationAttempts(fetch),
    ]);
    return {
      detail,
      users,
      invitations,
      attempts,
      regulation: sessionRegulation(detail.session.regulation),
    };
  } catch (caught) {
    failLoad(caught, url);
  }
};
