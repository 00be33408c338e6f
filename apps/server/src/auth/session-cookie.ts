import type { Response } from 'express';
import { SESSION_COOKIE } from './sessions.js';

/**
 * The session cookie: httpOnly (no script reads it), SameSite=Lax (no cross-site POST
 * carries it), Secure behind HTTPS. Its lifetime follows the session's sliding expiry: it is
 * issued at sign-in and re-issued whenever the server extends the session.
 */
export class SessionCookie {
  private readonly options;

  constructor(
    secure: boolean,
    private readonly idleMs: number,
  ) {
    this.options = { httpOnly: true, sameSite: 'lax' as const, secure, path: '/' };
  }

  issue(response: Response, token: string): void {
    response.cookie(SESSION_COOKIE, token, { ...this.options, maxAge: this.idleMs });
  }

  clear(response: Response): void {
    response.clearCookie(SESSION_COOKIE, this.options);
  }
}
