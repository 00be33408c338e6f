import type { AdminJuryListing } from '@delib/protocol';
import { fetchAllJuries } from '$lib/admin/juries-api';
import { ApiRequestError } from '$lib/api/api-client';
import { requireSession } from '$lib/session/require-session';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, parent, url }) => {
  const { me } = await parent();
  const user = requireSession(me, url);
  let allJuries: AdminJuryListing[] | null = null;
  let problem: string | null = null;
  if (user.user.role === 'admin') {
    try {
      allJuries = await fetchAllJuries(fetch);
    } catch (caught) {
      if (!(caught instanceof ApiRequestError)) throw caught;
      problem = caught.message;
    }
  }
  return { me: user, allJuries, problem };
};
