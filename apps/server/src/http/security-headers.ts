import type { RequestHandler } from 'express';

/**
 * Headers every HTTP answer carries (set before any route, and on socket.io's polling answers
 * by presence/presence-hub.ts), so that the API, the static files and the pages all have them:
 *
 * - `X-Content-Type-Options: nosniff`: a file is only ever what its Content-Type says;
 * - `Referrer-Policy: same-origin`: an invitation's address (`/invitation/<code>`) never
 *   leaves the site in a Referer. Not `no-referrer`: under it a browser sends
 *   `Origin: null` on same-origin POSTs, which the origin check (auth/guards.ts) refuses;
 * - `X-Frame-Options: DENY` and CSP `frame-ancestors 'none'`: no other site frames Délib
 *   (clickjacking the lock or the signature);
 * - a Content-Security-Policy: the API answers data and attachments, never a page, so
 *   `default-src 'none'`; elsewhere only `frame-ancestors 'none'`, which the SvelteKit handler
 *   replaces on pages with the full policy of apps/web/svelte.config.js (`kit.csp`). Static
 *   files keep the short one: the service worker's script takes its CSP from its own
 *   response, and it must still fetch from this origin.
 */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";
export const BASELINE_CONTENT_SECURITY_POLICY = "frame-ancestors 'none'";

export function securityHeadersFor(path: string): Record<string, string> {
  const api = path === '/api' || path.startsWith('/api/');
  return {
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'same-origin',
    'X-Frame-Options': 'DENY',
    'Content-Security-Policy': api ? API_CONTENT_SECURITY_POLICY : BASELINE_CONTENT_SECURITY_POLICY,
  };
}

export function securityHeaders(): RequestHandler {
  return (request, response, next) => {
    for (const [name, value] of Object.entries(securityHeadersFor(request.path))) {
      response.setHeader(name, value);
    }
    next();
  };
}
