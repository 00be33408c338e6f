import { fetchAdmittedList } from '$lib/publication/publication-api';
import { failLoad, requireSession } from '$lib/session/require-session';
import type { PageLoad } from './$types';

/** The jury's list of admitted candidates, for its president (the server checks it). */
export const load: PageLoad = async ({ fetch, params, parent, url }) => {
  const { me } = await parent();
  requireSession(me, url);
  const juryId = Number(params.id);
  try {
    return { juryId, list: await fetchAdmittedList(fetch, { juryId }) };
  } catch (caught) {
    failLoad(caught, url);
  }
};
