import type { CommissionView } from '@delib/protocol';
import { requestApi } from '$lib/api/api-client';
import { sessionRegulation } from '$lib/regulation/session-regulation';
import { failLoad, requireSession } from '$lib/session/require-session';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params, parent, url }) => {
  const { me } = await parent();
  const user = requireSession(me, url);
  let view: CommissionView;
  try {
    view = await requestApi<CommissionView>(fetch, `/api/commissions/${params.id}`);
  } catch (caught) {
    failLoad(caught, url);
  }
  return {
    view,
    regulation: sessionRegulation(view.session.regulation),
    // Jury members and administrators may consult a room; only its examiners write.
    canWrite: user.commissions.some((commission) => commission.id === view.commission.id),
  };
};
