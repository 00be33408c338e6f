import { Router } from 'express';
import { z } from 'zod';
import { ErrorCode } from '@delib/protocol';
import type { MeResponse, SessionUser } from '@delib/protocol';
import type { ExamRepository } from '../db/exam-repository.js';
import type { Db } from '../db/open-database.js';
import { HttpError } from '../http/http-error.js';
import { requireSession, sessionFrom } from './guards.js';
import { sessionOf } from './request-identity.js';
import { addressKey, deviceKey, pairKey } from './login-throttle.js';
import type { LoginThrottle } from './login-throttle.js';
import { decoyPasswordHash, verifyPassword } from './passwords.js';
import { SessionCookie } from './session-cookie.js';
import type { SessionStore } from './sessions.js';
import { TrustedDevices } from './trusted-device.js';

const LoginBody = z.object({
  login: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
});

export interface AuthRoutesOptions {
  db: Db;
  sessions: SessionStore;
  throttle: LoginThrottle;
  exams: ExamRepository;
  secureCookies: boolean;
  sessionIdleMs: number;
}

export function describeUser(exams: ExamRepository, user: SessionUser): MeResponse {
  return {
    user,
    commissions: exams
      .commissionsOfExaminer(user.id)
      .map(({ id, name, room, juryId, units }) => ({ id, name, room, juryId, units })),
    juries: exams.juriesOfUser(user.id).map((jury) => ({
      id: jury.id,
      name: jury.name,
      as: jury.as,
      locked: jury.lockedAt !== null,
    })),
  };
}

export function authRoutes(options: AuthRoutesOptions): Router {
  const { db, sessions, throttle, exams } = options;
  const router = Router();
  const cookie = new SessionCookie(options.secureCookies, options.sessionIdleMs);
  const devices = new TrustedDevices(options.secureCookies);

  router.post('/auth/login', async (request, response) => {
    const body = LoginBody.safeParse(request.body);
    if (!body.success) {
      throw new HttpError(400, ErrorCode.INVALID_REQUEST, 'Identifiant et mot de passe requis.');
    }
    const login = body.data.login.toLowerCase();
    const row = db
      .prepare('SELECT id, login, display_name, role, password_hash FROM users WHERE login = ?')
      .get(login) as
      | {
          id: string;
          login: string;
          display_name: string;
          role: SessionUser['role'];
          password_hash: string | null;
        }
      | undefined;
    const account = row?.password_hash ? { id: row.id, passwordHash: row.password_hash } : null;
    // Never a counter per login alone (login-throttle.ts): a browser where this login already
    // signed in counts only its own failures; any other attempt counts against its
    // (login, address) pair and its address.
    const device = devices.recognise(request, account);
    const address = request.ip ?? 'inconnue';
    const keys = device ? [deviceKey(device)] : [pairKey(login, address), addressKey(address)];
    const waitMs = throttle.retryAfterMs(keys);
    if (waitMs > 0) {
      const seconds = Math.ceil(waitMs / 1000);
      response.setHeader('Retry-After', String(seconds));
      throw new HttpError(
        429,
        ErrorCode.RATE_LIMITED,
        `Trop de tentatives. Réessayez dans ${seconds} seconde${seconds > 1 ? 's' : ''}.`,
        { retryAfterSeconds: seconds },
      );
    }
    // Counted before the check, so that attempts sent at once cannot all pass the throttle.
    throttle.reserve(keys);
    const valid = account
      ? await verifyPassword(account.passwordHash, body.data.password)
      : await verifyPassword(await decoyPasswordHash(), body.data.password).then(() => false);
    if (!row || !account || !valid) {
      throw new HttpError(
        401,
        ErrorCode.INVALID_CREDENTIALS,
        'Identifiant ou mot de passe incorrect.',
      );
    }
    throttle.succeeded(keys, [device ? deviceKey(device) : pairKey(login, address)]);
    const { token } = sessions.create(row.id);
    cookie.issue(response, token);
    devices.remember(request, response, account, device);
    const user: SessionUser = {
      id: row.id,
      login: row.login,
      name: row.display_name,
      role: row.role,
    };
    response.json(describeUser(exams, user));
  });

  router.post('/auth/logout', requireSession(sessions), (_request, response) => {
    sessions.invalidate(sessionFrom(response).id);
    cookie.clear(response);
    response.status(204).end();
  });

  router.get('/me', (request, response) => {
    const session = sessionOf(request, sessions);
    if (!session) {
      // Expired or signed out elsewhere: the hint goes too, so pages stop asking.
      cookie.clear(response);
      throw new HttpError(401, ErrorCode.UNAUTHENTICATED, 'Veuillez vous connecter.');
    }
    response.json(describeUser(exams, session.user));
  });

  return router;
}
