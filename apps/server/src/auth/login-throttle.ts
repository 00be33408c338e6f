import type { Db } from '../db/open-database.js';

/**
 * Repeated failed sign-ins slow down: after a few failures, each further attempt must wait
 * an exponentially growing delay (2 s, 4 s, … up to 15 min). Counters are kept in SQLite so a
 * restart does not reset them. (docs/security-notes/login-throttle.md.)
 *
 * What is counted, and why never a login alone: a counter per login would let anyone, from
 * anywhere, keep the president out for 15 minutes with four wrong passwords. So an attempt is
 * counted against
 *
 * - its (login, address) pair: 4 free failures. One address cannot guess one login, and
 *   failures elsewhere do not touch the owner at their own address;
 * - its address: 40 free failures (a whole exam centre often shares one NAT address), so
 *   one address cannot spray guesses over many logins either;
 * - or, instead of both, its trusted device (auth/trusted-device.ts): a browser where this
 *   very login already signed in successfully carries a token that only the server can
 *   make. Its attempts count only against that device (4 free failures), so nobody else's
 *   failures, not even from the same NAT address, can delay the owner there.
 *
 * What remains: a first sign-in on a new machine behind the same address as an attacker
 * can be delayed (the owner signs in from a browser already used, or from another network);
 * and an attacker with many addresses gets a few guesses per address and hour, which
 * argon2id and a real password make hopeless.
 */
const FREE_FAILURES = 4;
const FREE_FAILURES_PER_ADDRESS = 40;
const MAX_DELAY_MS = 15 * 60_000;
/** Failures older than this are forgotten. */
const WINDOW_MS = 60 * 60_000;
/**
 * Every this many failures recorded, the counters older than WINDOW_MS are deleted: one row
 * per (login, address) pair tried, and addresses are cheap (IPv6), so forgotten counters
 * would otherwise pile up for ever.
 */
export const PRUNE_EVERY_FAILURES = 100;

export function delayAfter(failures: number, freeFailures: number): number {
  if (failures < freeFailures) return 0;
  return Math.min(MAX_DELAY_MS, 2000 * 2 ** (failures - freeFailures));
}

/** One login tried from one address (an address never contains `@`). */
export const pairKey = (login: string, address: string): string =>
  `pair:${login.toLowerCase()}@${address}`;
export const addressKey = (address: string): string => `ip:${address}`;
/** One trusted device (its id, from auth/trusted-device.ts). */
export const deviceKey = (deviceId: string): string => `device:${deviceId}`;

function freeFailures(key: string): number {
  return key.startsWith('ip:') ? FREE_FAILURES_PER_ADDRESS : FREE_FAILURES;
}

export class LoginThrottle {
  private failuresSincePrune = 0;

  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds to wait before this attempt may be checked; 0 when it may go ahead. */
  retryAfterMs(keys: string[]): number {
    const now = this.now();
    let wait = 0;
    for (const key of keys) {
      const row = this.db
        .prepare('SELECT failures, last_failure_at FROM login_failures WHERE key = ?')
        .get(key) as { failures: number; last_failure_at: number } | undefined;
      if (!row || now - row.last_failure_at > WINDOW_MS) continue;
      wait = Math.max(
        wait,
        row.last_failure_at + delayAfter(row.failures, freeFailures(key)) - now,
      );
    }
    return Math.max(0, wait);
  }

  recordFailure(keys: string[]): void {
    const now = this.now();
    const upsert = this.db.prepare(
      `INSERT INTO login_failures (key, failures, last_failure_at) VALUES (?, 1, ?)
       ON CONFLICT(key) DO UPDATE SET
         failures = CASE WHEN ? - login_failures.last_failure_at > ? THEN 1 ELSE login_failures.failures + 1 END,
         last_failure_at = excluded.last_failure_at`,
    );
    this.db.transaction(() => {
      for (const key of keys) upsert.run(key, now, now, WINDOW_MS);
    })();
    this.failuresSincePrune += 1;
    if (this.failuresSincePrune >= PRUNE_EVERY_FAILURES) {
      this.failuresSincePrune = 0;
      this.db.prepare('DELETE FROM login_failures WHERE last_failure_at < ?').run(now - WINDOW_MS);
    }
  }

  /**
   * Counts an attempt as a failure before its password is checked: a password check takes
   * tens of milliseconds on the thread pool, and attempts sent in parallel would otherwise all
   * pass `retryAfterMs` before the first failure was counted (60 at once: 59 checked where 4
   * are allowed, found by an attacker test). The caller then says how it ended: `failed`
   * (nothing more to do) or `succeeded`.
   */
  reserve(keys: string[]): void {
    this.recordFailure(keys);
  }

  /**
   * The attempt reserved on `keys` succeeded: the counters in `cleared` are deleted (the
   * pair or the device signed in), the others lose the failure the reservation counted.
   */
  succeeded(keys: readonly string[], cleared: readonly string[]): void {
    const forgive = this.db.prepare(
      'UPDATE login_failures SET failures = CASE WHEN failures > 0 THEN failures - 1 ELSE 0 END WHERE key = ?',
    );
    this.db.transaction(() => {
      for (const key of keys) if (!cleared.includes(key)) forgive.run(key);
      for (const key of cleared) this.clear(key);
    })();
  }

  clear(key: string): void {
    this.db.prepare('DELETE FROM login_failures WHERE key = ?').run(key);
  }
}
