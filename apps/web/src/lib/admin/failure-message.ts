import { ApiRequestError } from '../api/api-client';

/** The French message of a failed admin action: the server's own when it gave one. */
export function failureMessage(
  caught: unknown,
  fallback = 'L’opération n’a pas abouti. Réessayez dans un instant.',
): string {
  return caught instanceof ApiRequestError ? caught.message : fallback;
}
