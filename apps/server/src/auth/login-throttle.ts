import type { Db } from '../db/open-database.js';

/**
 * Repeated failed sign-ins slow down: after a few failures for one login, each further
 * attempt must wait an exponentially growing delay (2 s, 4 s, … up to 15 min). An address
 * gets far more free failures than a login, because a whole exam centre often reaches the
 * server through one NAT address. Counters are kept in SQLite so a restart does not reset
 * them; a success clears the login's counter.
 */
const FREE_FAILURES_PER_LOGIN = 4;
const FREE_FAILURES_PER_ADDRESS = 40;
const MAX_DELAY_MS = 15 * 60_000;
/** Failures older than this are forgotten. */
const WINDOW_MS = 60 * 60_000;

export function delayAfter(failures: number, freeFailures: number): number {
  if (failures < freeFailures) return 0;
  return Math.min(MAX_DELAY_MS, 2000 * 2 ** (failures - freeFailures));
}

export const loginKey = (login: string): string => `login:${login.toLowerCase()}`;
export const addressKey = (address: string): string => `ip:${address}`;

function freeFailures(key: string): number {
  return key.startsWith('ip:') ? FREE_FAILURES_PER_ADDRESS : FREE_FAILURES_PER_LOGIN;
}

export class LoginThrottle {
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
         failures = CASE WHEN ? - last_failure_at > ? THEN 1 ELSE failures + 1 END,
         last_failure_at = excluded.last_failure_at`,
    );
    this.db.transaction(() => {
      for (const key of keys) upsert.run(key, now, now, WINDOW_MS);
    })();
  }

  clear(key: string): void {
    this.db.prepare('DELETE FROM login_failures WHERE key = ?').run(key);
  }
}
