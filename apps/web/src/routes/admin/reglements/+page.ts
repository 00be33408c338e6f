import { fetchRegulations } from '$lib/admin/exam-sessions-api';
import { failLoad } from '$lib/session/require-session';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, url, depends }) => {
  depends('admin:regulations');
  try {
    return { regulations: await fetchRegulations(fetch) };
  } catch (caught) {
    failLoad(caught, url);
  }
};
