import { hasSessionHint, type MeResponse } from '@delib/protocol';
import { ApiRequestError, requestApi } from '../api/api-client';
import { forgetOfflineData } from '../sync/offline-cache';

type Fetch = typeof fetch;

/**
 * The signed-in user and their places, or null when nobody is signed in. Without the session
 * hint cookie (set and cleared with the session cookie), nobody is: nothing is asked, so a
 * signed-out visitor's pages send no request bound to fail with 401.
 */
export async function fetchSession(
  fetchFn: Fetch,
  cookies: string = document.cookie,
): Promise<MeResponse | null> {
  if (!hasSessionHint(cookies)) return null;
  try {
    return await requestApi<MeResponse>(fetchFn, '/api/me');
  } catch (error) {
    if (error instanceof ApiRequestError && error.status === 401) return null;
    throw error;
  }
}

export const WRONG_CREDENTIALS_MESSAGE = 'Identifiant ou mot de passe incorrect.';

/**
 * Signs in; throws `ApiRequestError` whose message is ready for the sign-in form. What an
 * earlier session of this browser kept for offline use is forgotten.
 */
export async function signIn(login: string, password: string): Promise<MeResponse> {
  try {
    const me = await requestApi<MeResponse>(fetch, '/api/auth/login', {
      method: 'POST',
      body: { login, password },
    });
    await forgetOfflineData();
    return me;
  } catch (error) {
    if (error instanceof ApiRequestError && error.status === 401) {
      throw new ApiRequestError(401, error.code, WRONG_CREDENTIALS_MESSAGE, null);
    }
    throw error;
  }
}

/** Signs out, then forgets what the service worker kept of this session for offline use. */
export async function signOut(): Promise<void> {
  await requestApi<void>(fetch, '/api/auth/logout', { method: 'POST' });
  await forgetOfflineData();
}
