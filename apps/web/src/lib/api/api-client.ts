import type { ApiError } from '@delib/protocol';

/** A failed API call, with a French message for the page. */
export class ApiRequestError extends Error {
  override readonly name = 'ApiRequestError';
  readonly status: number;
  readonly code: string;
  /** Seconds to wait before trying again (429), when the server said. */
  readonly retryAfterSeconds: number | null;
  /** `error.details` of the answer (e.g. the candidates a lock stumbled on), if any. */
  readonly details: unknown;

  constructor(
    status: number,
    code: string,
    message: string,
    retryAfterSeconds: number | null,
    details?: unknown,
  ) {
    super(message);
    this.status = status;
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
    this.details = details;
  }
}

export const NETWORK_FAILURE_MESSAGE =
  'Le serveur est injoignable. Vérifiez la connexion réseau puis réessayez.';

function isApiError(body: unknown): body is ApiError {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false;
  const error = (body as { error: unknown }).error;
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string' &&
    typeof (error as { message?: unknown }).message === 'string'
  );
}

/** `Retry-After` in seconds (delta-seconds or an HTTP date), or null. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | null {
  if (header === null || header.trim() === '') return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - now) / 1000));
}

/** "dans 30 secondes", "dans 2 minutes". */
export function waitDelayLabel(seconds: number): string {
  if (seconds < 60) return seconds <= 1 ? 'dans 1 seconde' : `dans ${seconds} secondes`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? 'dans 1 minute' : `dans ${minutes} minutes`;
}

/** The French explanation of a failed answer: the server's own message when it gave one. */
export function describeFailure(
  status: number,
  body: unknown,
  retryAfterSeconds: number | null,
): { code: string; message: string } {
  if (isApiError(body) && body.error.message.trim() !== '') {
    const { code, message } = body.error;
    if (status === 429 && retryAfterSeconds !== null && !/réessayez/i.test(message)) {
      return { code, message: `${message} Réessayez ${waitDelayLabel(retryAfterSeconds)}.` };
    }
    return { code, message };
  }
  switch (status) {
    case 401:
      return { code: 'UNAUTHENTICATED', message: 'Votre session a expiré. Reconnectez-vous.' };
    case 403:
      return { code: 'FORBIDDEN', message: 'Vous n’avez pas accès à cette page.' };
    case 404:
      return { code: 'NOT_FOUND', message: 'Cette page n’existe pas (ou plus).' };
    case 429:
      return {
        code: 'RATE_LIMITED',
        message:
          retryAfterSeconds === null
            ? 'Trop de tentatives. Patientez un instant avant de réessayer.'
            : `Trop de tentatives. Réessayez ${waitDelayLabel(retryAfterSeconds)}.`,
      };
    default:
      return status >= 500
        ? {
            code: 'INTERNAL',
            message: 'Le serveur a rencontré une erreur. Réessayez dans un instant.',
          }
        : { code: 'INVALID_REQUEST', message: `Requête refusée par le serveur (${status}).` };
  }
}

type Fetch = typeof fetch;

/** The `ApiRequestError` of a failed answer, with the server's French message and details. */
export async function failureOf(response: Response): Promise<ApiRequestError> {
  const body: unknown = await response.json().catch(() => null);
  const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
  const { code, message } = describeFailure(response.status, body, retryAfter);
  const details = isApiError(body) ? body.error.details : undefined;
  return new ApiRequestError(response.status, code, message, retryAfter, details);
}

export interface ApiRequestInit {
  method?: string;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as is (a file), with `contentType`. */
  raw?: Blob;
  contentType?: string;
}

/** `fetch` on the same origin with the session cookie; a network failure is an `ApiRequestError`. */
export async function fetchApi(
  fetchFn: Fetch,
  path: string,
  init: ApiRequestInit = {},
  accept = 'application/json',
): Promise<Response> {
  const headers: Record<string, string> = { accept };
  let body: BodyInit | undefined;
  if (init.raw !== undefined) {
    headers['content-type'] = init.contentType ?? 'application/octet-stream';
    body = init.raw;
  } else if (init.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(init.body);
  }
  try {
    return await fetchFn(path, {
      method: init.method ?? 'GET',
      credentials: 'same-origin',
      headers,
      ...(body === undefined ? {} : { body }),
    });
  } catch {
    throw new ApiRequestError(0, 'NETWORK', NETWORK_FAILURE_MESSAGE, null);
  }
}

/**
 * Calls the API (same origin, session cookie) and returns its JSON, or undefined for 204.
 * Throws `ApiRequestError` with a French message on any failure.
 */
export async function requestApi<T>(
  fetchFn: Fetch,
  path: string,
  init: ApiRequestInit = {},
): Promise<T> {
  const response = await fetchApi(fetchFn, path, init);
  if (response.status === 204) return undefined as T;
  if (!response.ok) throw await failureOf(response);
  return (await response.json().catch(() => null)) as T;
}
