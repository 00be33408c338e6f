import { Router } from 'express';
import { z } from 'zod';
import { ErrorCode } from '@delib/protocol';
import type { RedeemAnswer, RedeemOutcome, SessionUser } from '@delib/protocol';
import { describeUser } from '../auth/auth-routes.js';
import type { LoginThrottle } from '../auth/login-throttle.js';
import { sessionOf } from '../auth/request-identity.js';
import { SessionCookie } from '../auth/session-cookie.js';
import type { SessionStore } from '../auth/sessions.js';
import type { ExamRepository } from '../db/exam-repository.js';
import type { Db } from '../db/open-database.js';
import { HttpError } from '../http/http-error.js';
import {
  InvitationRefusal,
  LEGACY_INVITATION_CODE_LENGTH,
  logInvitationAttempt,
  normalizeInvitationCode,
  redeemInvitation,
} from './invitations.js';

export interface InvitationRoutesOptions {
  db: Db;
  sessions: SessionStore;
  throttle: LoginThrottle;
  exams: ExamRepository;
  secureCookies: boolean;
  sessionIdleMs: number;
}

const RedeemBody = z.object({
  code: z.string().max(40),
  name: z
    .string()
    .trim()
    .min(2)
    .max(100)
    .regex(/^\p{L}[\p{L}\p{M} '’.-]*$/u),
});

/**
 * Throttle key of invitation attempts from one address: a key of its own, distinct from the
 * sign-in's `ip:<address>`, but in LoginThrottle's address family (`ip:` prefix), so a whole
 * centre behind one NAT address gets the address allowance (40 wrong codes an hour, then
 * 2 s, 4 s… up to 15 min) rather than a single pair's (4).
 *
 * Only wrong guesses count (an unknown or malformed code), and the throttle only ever
 * refuses those: a code that exists is always answered, so someone guessing behind the
 * centre's NAT address cannot keep its genuine invitations out. That makes the answer an
 * oracle at whatever rate one can send requests, which is why codes are 60 bits
 * (invitations.ts); the throttle stays against careless floods and for the attempts log.
 * Old 8-sign codes (40 bits) get no such pass: while the address is throttled, they wait.
 */
export const invitationAddressKey = (address: string): string => `ip:invitation:${address}`;

const GUESS_OUTCOMES: ReadonlySet<RedeemOutcome> = new Set(['unknown', 'malformed']);
/**
 * A throttled address's refusals are logged once per this time, not once per request: a
 * flood would otherwise cost a row and a disk write per request.
 */
export const RATE_LIMITED_LOG_MS = 60_000;
/** Addresses whose last logged refusal is remembered, at most (forgotten all at once beyond). */
const MAX_REMEMBERED_ADDRESSES = 10_000;

/**
 * The public route of examiner invitations (no session needed): a professional redeems the
 * code of their convocation, gets an examiner account in that room and is signed in exactly
 * as by the login route. Mount it before any router that requires a session on `/api`.
 */
export function invitationRoutes(options: InvitationRoutesOptions): Router {
  const { db, sessions, throttle, exams } = options;
  const router = Router();
  const cookie = new SessionCookie(options.secureCookies, options.sessionIdleMs);
  /** When each throttled address's refusal was last logged (RATE_LIMITED_LOG_MS). */
  const rateLimitedLoggedAt = new Map<string, number>();

  router.post('/invitations/redeem', (request, response) => {
    const address = request.ip ?? 'inconnue';
    const keys = [invitationAddressKey(address)];
    const body = RedeemBody.safeParse(request.body);
    if (!body.success) {
      throw new HttpError(
        400,
        ErrorCode.INVALID_REQUEST,
        'Saisir le code de la convocation et votre nom (lettres, espaces, tirets, apostrophes).',
      );
    }
    const waitMs = throttle.retryAfterMs(keys);
    const rateLimited = (): HttpError => {
      const seconds = Math.ceil(waitMs / 1000);
      const now = Date.now();
      if (now - (rateLimitedLoggedAt.get(address) ?? -Infinity) >= RATE_LIMITED_LOG_MS) {
        if (rateLimitedLoggedAt.size >= MAX_REMEMBERED_ADDRESSES) rateLimitedLoggedAt.clear();
        rateLimitedLoggedAt.set(address, now);
        logInvitationAttempt(db, {
          address,
          outcome: 'rate-limited',
          invitationId: null,
          userId: null,
        });
      }
      response.setHeader('Retry-After', String(seconds));
      return new HttpError(
        429,
        ErrorCode.RATE_LIMITED,
        `Trop de tentatives. Réessayez dans ${seconds} seconde${seconds > 1 ? 's' : ''}.`,
        { retryAfterSeconds: seconds },
      );
    };
    if (
      waitMs > 0 &&
      normalizeInvitationCode(body.data.code)?.length === LEGACY_INVITATION_CODE_LENGTH
    ) {
      throw rateLimited();
    }
    let redeemed;
    try {
      redeemed = redeemInvitation(db, {
        code: body.data.code,
        name: body.data.name,
        currentUserId: sessionOf(request, sessions)?.user.id ?? null,
      });
    } catch (error) {
      if (error instanceof InvitationRefusal) {
        const guess = GUESS_OUTCOMES.has(error.outcome);
        if (guess && waitMs > 0) throw rateLimited();
        if (guess) throttle.recordFailure(keys);
        logInvitationAttempt(db, {
          address,
          outcome: error.outcome,
          invitationId: error.invitationId,
          userId: null,
        });
      }
      throw error;
    }
    logInvitationAttempt(db, {
      address,
      outcome: 'accepted',
      invitationId: redeemed.invitationId,
      userId: redeemed.userId,
    });
    const { token } = sessions.create(redeemed.userId);
    cookie.issue(response, token);
    const row = db
      .prepare('SELECT id, login, display_name AS name, role FROM users WHERE id = ?')
      .get(redeemed.userId) as SessionUser;
    const commission = exams.commission(redeemed.commissionId);
    response.status(redeemed.again ? 200 : 201).json({
      ...describeUser(exams, row),
      commission: commission
        ? { id: commission.id, name: commission.name, room: commission.room }
        : null,
      room: `/salle/${redeemed.commissionId}`,
    } satisfies RedeemAnswer);
  });

  return router;
}
