import type { MeResponse } from '@delib/protocol';
import type { Pathname } from '$app/types';

/**
 * A path of this site with its query, as `url.pathname + url.search` gives it. Narrower than
 * `PathnameWithSearchOrHash` on purpose: `resolve()` checks its argument against each member
 * of the union, and TypeScript stops relating unions of more than 25 members (three per route
 * with the hash form: 27 once the site has 9 routes; the query form alone passes 25 at 13,
 * where SignInForm hands resolve() the path as a bare pathname).
 */
export type SitePath = Pathname | `${Pathname}?${string}`;

/**
 * Where a user lands after signing in: their room, their jury, the administration pages, or
 * the list of their places.
 */
export function landingPath(me: MeResponse): Pathname {
  const { role } = me.user;
  if (role === 'examiner') {
    const [only] = me.commissions;
    return me.commissions.length === 1 && only ? `/salle/${only.id}` : '/accueil';
  }
  if (role === 'president' || role === 'member') {
    const [only] = me.juries;
    return me.juries.length === 1 && only ? `/jury/${only.id}` : '/accueil';
  }
  if (role === 'admin') return '/admin';
  return '/accueil';
}

/**
 * The page asked for before signing in (`?suite=`), when it is a path of this site; null
 * otherwise (never an absolute or protocol-relative address).
 */
export function safeReturnPath(requested: string | null): SitePath | null {
  if (requested === null || !requested.startsWith('/') || requested.startsWith('//')) return null;
  if (requested.includes('\\') || requested === '/') return null;
  // A path of this site; an unknown one ends on the "page introuvable" page, never elsewhere.
  return requested as SitePath;
}

/** The sign-in address that brings the user back to `path` afterwards. */
export function signInPath(path: string): '/' | `/?suite=${string}` {
  return path === '/' ? '/' : `/?suite=${encodeURIComponent(path)}`;
}
