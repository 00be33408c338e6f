import { fetchExamSession } from '$lib/admin/exam-sessions-api';
import { fetchSessionHarmonisation } from '$lib/harmonisation/harmonisation-api';
import { sessionRegulation } from '$lib/regulation/session-regulation';
import { failLoad } from '$lib/session/require-session';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params, url, depends }) => {
  depends('admin:harmonisation');
  const sessionId = Number(params.id);
  try {
    const [detail, report] = await Promise.all([
      fetchExamSession(fetch, sessionId),
      fetchSessionHarmonisation(fetch, sessionId),
    ]);
    return { detail, report, regulation: sessionRegulation(detail.session.regulation) };
  } catch (caught) {
    failLoad(caught, url);
  }
};
