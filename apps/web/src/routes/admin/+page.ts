import { fetchExamSessions, fetchRegulations } from '$lib/admin/exam-sessions-api';
import { failLoad } from '$lib/session/require-session';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, url, depends }) => {
  depends('admin:sessions');
  try {
    const [sessions, regulations] = await Promise.all([
      fetchExamSessions(fetch),
      fetchRegulations(fetch),
    ]);
    return { sessions, regulations };
  } catch (caught) {
    failLoad(caught, url);
  }
};
