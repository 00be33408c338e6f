import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ErrorCode } from '@delib/protocol';
import { forbidden, HttpError } from '../http/http-error.js';
import { hasSessionHintCookie, originAllowed, sessionOf } from './request-identity.js';
import type { SessionCookie } from './session-cookie.js';
import type { SessionStore, ValidSession } from './sessions.js';

/** The session of a request that went through `requireSession`. */
export function sessionFrom(response: Response): ValidSession {
  const session = response.locals.session as ValidSession | undefined;
  if (!session) throw new Error('requireSession manquant sur cette route');
  return session;
}

export function requireSession(sessions: SessionStore): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
    const session = sessionOf(request, sessions);
    if (!session) {
      next(new HttpError(401, ErrorCode.UNAUTHENTICATED, 'Veuillez vous connecter.'));
      return;
    }
    response.locals.session = session;
    next();
  };
}

/** 401 without a session, 403 for anyone but an admin (checked on the server, every time). */
export function requireAdmin(sessions: SessionStore): RequestHandler[] {
  return [
    requireSession(sessions),
    (_request: Request, response: Response, next: NextFunction) => {
      next(sessionFrom(response).user.role === 'admin' ? undefined : forbidden());
    },
  ];
}

/**
 * Sliding expiry on every API request: when the server extends a session (at most once a
 * minute), the cookie is re-issued so that it lives as long as the session it carries; so it
 * is when the session hint is missing (a session opened before the hint existed).
 */
export function slideSessionCookie(sessions: SessionStore, cookie: SessionCookie): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
    const session = sessionOf(request, sessions);
    if (session && (session.extended || !hasSessionHintCookie(request))) {
      cookie.issue(response, session.token);
    }
    next();
  };
}

/** Refuses state-changing requests from another site (CSRF), on top of SameSite cookies. */
export function requireSameOrigin(allowedOrigins: readonly string[]): RequestHandler {
  return (request: Request, _response: Response, next: NextFunction) => {
    if (request.method === 'GET' || request.method === 'HEAD') {
      next();
      return;
    }
    if (!originAllowed(request, allowedOrigins, false)) {
      next(
        new HttpError(403, ErrorCode.INVALID_ORIGIN, 'Requête refusée : origine non autorisée.'),
      );
      return;
    }
    next();
  };
}
