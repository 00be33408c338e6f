import type { MeResponse } from '@delib/protocol';
import { error, redirect } from '@sveltejs/kit';
import { ApiRequestError } from '../api/api-client';
import { signInPath } from './landing-path';

/** The signed-in user, or a redirect to the sign-in page that comes back to `url`. */
export function requireSession(me: MeResponse | null, url: URL): MeResponse {
  if (!me) redirect(303, signInPath(url.pathname + url.search));
  return me;
}

/** Turns a failed API call of a `load` into a redirect to sign in or an error page. */
export function failLoad(caught: unknown, url: URL): never {
  if (caught instanceof ApiRequestError && caught.status === 401) {
    redirect(303, signInPath(url.pathname + url.search));
  }
  showApiError(caught);
}

/** An error page with the French message of a failed API call (503 when unreachable). */
export function showApiError(caught: unknown): never {
  if (caught instanceof ApiRequestError) {
    error(caught.status === 0 ? 503 : caught.status, {
      message: caught.message,
      code: caught.code,
    });
  }
  throw caught;
}
