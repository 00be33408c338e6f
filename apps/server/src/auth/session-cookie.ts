import type { Response } from 'express';
import { SESSION_HINT_COOKIE } from '@delib/protocol';
import { SESSION_COOKIE } from './sessions.js';

/**
 * The session cookie: httpOnly (no script reads it), SameSite=Lax (no cross-site POST
 * carries it), Secure behind HTTPS. Its lifetime follows the session's sliding expiry: it is
 * issued at sign-in and re-issued whenever the server extends the session.
 *
 * Beside it, the session hint (`SESSION_HINT_COOKIE`, readable by scripts, no secret) lives
 * and dies with it, so that a signed-out visitor's pages do not ask `/api/me` for nothing.
 */
export class SessionCookie {
  private readonly options;
  private readonly hintOptions;

  constructor(
    secure: boolean,
    private readonly idleMs: number,
  ) {
    this.options = { httpOnly: true, sameSite: 'lax' as const, secure, path: '/' };
    this.hintOptions = { ...this.options, httpOnly: false };
  }

  issue(response: Response, token: string): void {
    response.cookie(SESSION_COOKIE, token, { ...this.options, maxAge: this.idleMs });
    response.cookie(SESSION_HINT_COOKIE, '1', { ...this.hintOptions, maxAge: this.idleMs });
  }

  clear(response: Response): void {
    response.clearCookie(SESSION_COOKIE, this.options);
    response.clearCookie(SESSION_HINT_COOKIE, this.hintOptions);
  }
}
