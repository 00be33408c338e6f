import type { IncomingMessage } from 'node:http';
import { parse as parseCookies } from 'cookie';
import { SESSION_COOKIE } from './sessions.js';
import type { SessionStore, ValidSession } from './sessions.js';

/** The session token carried by a request's cookie, if any. */
export function sessionToken(request: IncomingMessage): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  return parseCookies(header)[SESSION_COOKIE];
}

export function sessionOf(request: IncomingMessage, sessions: SessionStore): ValidSession | null {
  return sessions.validate(sessionToken(request));
}

/**
 * Same-origin check for websocket upgrades, the socket.io handshake and state-changing HTTP
 * requests: the Origin header must name this very host, or one of the configured origins.
 * A browser always sends Origin on these; its absence is refused where `required`.
 */
export function originAllowed(
  request: IncomingMessage,
  allowedOrigins: readonly string[],
  required: boolean,
): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return !required;
  if (allowedOrigins.includes(origin)) return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}
