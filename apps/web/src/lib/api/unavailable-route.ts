import { ApiRequestError } from './api-client';

/**
 * A route the server does not serve (yet): its generic 404 ("Route introuvable.") becomes a
 * French sentence saying what is not available; any other failure is returned as is.
 */
export function unavailableRoute(error: unknown, what: string): unknown {
  if (
    error instanceof ApiRequestError &&
    error.status === 404 &&
    /^(Route introuvable|Cette page n’existe pas)/.test(error.message)
  ) {
    return new ApiRequestError(
      404,
      'UNAVAILABLE',
      `${what} n’est pas disponible sur ce serveur pour le moment. Prévenez le centre d’examen.`,
      null,
    );
  }
  return error;
}
