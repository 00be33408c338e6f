import { ErrorCode } from '@delib/protocol';
import type { SessionUser } from '@delib/protocol';
import type { Db } from '../db/open-database.js';
import { HttpError } from '../http/http-error.js';
import type { LoginThrottle } from './login-throttle.js';
import { verifyPassword } from './passwords.js';

/**
 * A signed-in user types their password again before an act that binds them (signing a
 * minute): whoever finds an open session on a jury laptop cannot sign in the president's name.
 * Failures slow down exactly as sign-ins do (login-throttle.ts), counted against the account
 * itself: only someone already holding its session can fail here, so nobody else can use the
 * counter to keep the president out.
 */
export const confirmationKey = (userId: string): string => `confirm:${userId}`;

export async function confirmPassword(
  db: Db,
  throttle: LoginThrottle,
  user: SessionUser,
  password: unknown,
  what: string,
): Promise<void> {
  const keys = [confirmationKey(user.id)];
  const waitMs = throttle.retryAfterMs(keys);
  if (waitMs > 0) {
    const seconds = Math.ceil(waitMs / 1000);
    throw new HttpError(
      429,
      ErrorCode.RATE_LIMITED,
      `Trop de mots de passe erronés. Réessayez dans ${seconds} seconde${seconds > 1 ? 's' : ''}.`,
      { retryAfterSeconds: seconds },
    );
  }
  if (typeof password !== 'string' || password.length === 0 || password.length > 1000) {
    throw new HttpError(
      400,
      ErrorCode.INVALID_REQUEST,
      `Saisissez votre mot de passe pour signer ${what}.`,
    );
  }
  const row = db.prepare('SELECT password_hash FROM users WHERE id = ?').get(user.id) as
    { password_hash: string | null } | undefined;
  // Counted before the check, so that confirmations sent at once cannot all pass the throttle.
  throttle.reserve(keys);
  const valid = row?.password_hash ? await verifyPassword(row.password_hash, password) : false;
  if (!valid) {
    throw new HttpError(
      403,
      ErrorCode.INVALID_CREDENTIALS,
      `Mot de passe incorrect : ${what} n’est pas signé.`,
    );
  }
  throttle.succeeded(keys, keys);
}
