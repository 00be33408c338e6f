import { fetchSession } from '$lib/session/session-api';
import { showApiError } from '$lib/session/require-session';
import type { LayoutLoad } from './$types';

// Every page needs the browser: Yjs, IndexedDB, WebSockets. The server only sends the shell.
export const ssr = false;

export const load: LayoutLoad = async ({ fetch, depends }) => {
  depends('app:session');
  try {
    return { me: await fetchSession(fetch) };
  } catch (caught) {
    showApiError(caught);
  }
};
