import { fetchAdmittedList } from '$lib/publication/publication-api';
import type { PublicationScope } from '$lib/publication/publication-api';
import { failLoad } from '$lib/session/require-session';
import type { PageLoad } from './$types';

/** The session's list (every locked jury), or one jury's with `?jury=<id>`. */
export const load: PageLoad = async ({ fetch, params, url }) => {
  const sessionId = Number(params.id);
  const juryText = url.searchParams.get('jury');
  const juryId = juryText && /^\d+$/.test(juryText) ? Number(juryText) : null;
  try {
    const session = await fetchAdmittedList(fetch, { sessionId });
    const jury = session.juries.find((item) => item.id === juryId) ?? null;
    const scope: PublicationScope = jury ? { juryId: jury.id } : { sessionId };
    const list = jury ? await fetchAdmittedList(fetch, scope) : session;
    return { sessionId, juries: session.juries, juryId: jury?.id ?? null, scope, list };
  } catch (caught) {
    failLoad(caught, url);
  }
};
