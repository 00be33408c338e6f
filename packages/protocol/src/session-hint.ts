/**
 * A cookie that only says "this browser holds a session cookie": the session cookie itself
 * is httpOnly, so a page cannot see it. Pages ask `GET /api/me` only when the hint is there,
 * and a signed-out visitor's pages send no request that must fail with 401. It carries no
 * secret and grants nothing: the server trusts the session cookie alone.
 */
export const SESSION_HINT_COOKIE = 'delib_signed_in';

/** Whether a `document.cookie` string carries the session hint. */
export function hasSessionHint(cookies: string): boolean {
  return cookies.split(';').some((pair) => pair.trim().split('=', 1)[0] === SESSION_HINT_COOKIE);
}
