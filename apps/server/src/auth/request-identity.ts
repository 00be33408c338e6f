import type { IncomingMessage } from 'node:http';
import { parse as parseCookies } from 'cookie';
import { SESSION_HINT_COOKIE } from '@delib/protocol';
import { SESSION_COOKIE } from './sessions.js';
import type { SessionStore, ValidSession } from './sessions.js';

/** The session token carried by a request's cookie, if any. */
export function sessionToken(request: IncomingMessage): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  return parseCookies(header)[SESSION_COOKIE];
}

/** Whether the request carries the session hint (session-cookie.ts). */
export function hasSessionHintCookie(request: IncomingMessage): boolean {
  const header = request.headers.cookie;
  return header !== undefined && parseCookies(header)[SESSION_HINT_COOKIE] !== undefined;
}

export function sessionOf(request: IncomingMessage, sessions: SessionStore): ValidSession | null {
  return sessions.validate(sessionToken(request));
}

/** Peer addresses whose `X-Forwarded-Proto` is believed: express's `trust proxy` 'loopback'. */
const LOOPBACK = /^(?:127(?:\.\d{1,3}){3}|::1|::ffff:127(?:\.\d{1,3}){3})$/;
/** A Host header: a name or IPv4 address, or a bracketed IPv6 address, and an optional port. */
const HOST = /^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/**
 * The scheme the browser used to reach us: the socket's own (TLS or not), or, when the request
 * comes through a proxy on this machine (the only one app.ts trusts, `trust proxy` 'loopback'),
 * the first value of its `X-Forwarded-Proto`.
 */
export function requestScheme(request: IncomingMessage): 'http' | 'https' {
  if (LOOPBACK.test(request.socket.remoteAddress ?? '')) {
    const header = request.headers['x-forwarded-proto'];
    const forwarded = (Array.isArray(header) ? header[0] : header)?.split(',')[0]?.trim();
    if (forwarded?.toLowerCase() === 'https') return 'https';
    if (forwarded?.toLowerCase() === 'http') return 'http';
  }
  return (request.socket as { encrypted?: boolean }).encrypted === true ? 'https' : 'http';
}

/** `scheme://host[:port]` of an origin or URL, default port left out; null when not http(s). */
export function serializedOrigin(text: string): string | null {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null;
  } catch {
    return null;
  }
}

/** The origin of the page this request would be same-origin with: scheme, host and port. */
export function ownOrigin(request: IncomingMessage): string | null {
  const host = request.headers.host;
  if (host === undefined || !HOST.test(host)) return null;
  return serializedOrigin(`${requestScheme(request)}://${host}`);
}

/**
 * Same-origin check for websocket upgrades, the socket.io handshake and state-changing HTTP
 * requests: the Origin header must be this very origin (scheme, host and port, as the browser
 * reached us), or one of the configured origins. `http://centre` is not `https://centre`: a
 * page served over plain HTTP (which anyone on the network can forge) must not act on the
 * HTTPS site. A browser always sends Origin on these; its absence is refused where `required`.
 */
export function originAllowed(
  request: IncomingMessage,
  allowedOrigins: readonly string[],
  required: boolean,
): boolean {
  const header = request.headers.origin;
  if (header === undefined) return !required;
  const origin = serializedOrigin(header);
  if (origin === null) return false;
  if (allowedOrigins.some((allowed) => serializedOrigin(allowed) === origin)) return true;
  return origin === ownOrigin(request);
}
