import type { RedisLink } from '../cluster/redis-link.js';

/**
 * Makes the sync endpoint's per-user allowance (its token bucket) hold across processes:
 * the endpoint tells the ledger each token it takes, and is charged with the tokens the same
 * user took on the other processes. None in a single process.
 */
export interface AllowanceLedger {
  /** Tokens (one by default) taken by this user on this process: counted in memory, no round trip. */
  spent(userId: string, tokens?: number): void;
  close(): void;
}

/** How often the counts are sent to Redis and the others' read back. */
const REPORT_EVERY_MS = 100;
/** One counter per user and window; a window's counters expire soon after it ends. */
export const WINDOW_MS = 10_000;
const COUNTER_TTL_SECONDS = 30;
/**
 * A user who took tokens here this recently is read back even without new ones: a flood
 * moved to another process is still charged here.
 */
const FOLLOW_FOR_MS = 2_000;

interface UserTally {
  window: number;
  /** Tokens of this user this process has reported in the window. */
  mine: number;
  /** Tokens of this user the other processes had reported in the window, when last read. */
  others: number;
  /** When this user last took a token here. */
  lastSpent: number;
}

/**
 * The ledger on Redis. Every REPORT_EVERY_MS, for each user who took tokens here, one
 * INCRBY of `delib:allowance:<user>:<window>` by what they took (pipelined, one round trip
 * for all users); the answer is the total of every process in the window, from which what
 * the others took since the last report is charged to this process's bucket. The report that
 * first falls in a new window also reads the previous window's counter: what the others
 * reported there after this process last read it (all of it, for a user new here, when the
 * window has just turned) is charged too, so that a flood straddling the turn of a window is
 * charged on every process (without it, a CI run of the two-process flood test failed: one
 * process had reported all its tokens before the turn and the other after).
 *
 * The approximation, on purpose: a process learns the others' consumption up to
 * REPORT_EVERY_MS (plus a round trip) late, so a user flooding N processes at once may get up
 * to N × (what a bucket allows in that delay) more before every bucket knows; and what the
 * others took in a window after this process's last report in it is never charged (at most
 * one report's worth per window, unless read at the turn). Only users who took tokens here
 * in the last FOLLOW_FOR_MS are reported and read: a user who floods another process only is
 * charged here once they take a token here, up to a report late.
 * While Redis is unreachable each process keeps its own allowance, as in a single process.
 */
export class RedisAllowanceLedger implements AllowanceLedger {
  private pending = new Map<string, number>();
  private readonly tallies = new Map<string, UserTally>();
  private readonly timer: NodeJS.Timeout;
  private reporting = false;

  constructor(
    private readonly link: RedisLink,
    private readonly charge: (userId: string, tokens: number) => void,
    private readonly now: () => number = Date.now,
  ) {
    this.timer = setInterval(() => void this.report(), REPORT_EVERY_MS);
    this.timer.unref();
  }

  spent(userId: string, tokens = 1): void {
    this.pending.set(userId, (this.pending.get(userId) ?? 0) + tokens);
  }

  private async report(): Promise<void> {
    const now = this.now();
    const window = Math.floor(now / WINDOW_MS);
    for (const [userId, tally] of this.tallies) {
      if (now - tally.lastSpent > FOLLOW_FOR_MS) this.tallies.delete(userId);
      else if (!this.pending.has(userId)) this.pending.set(userId, 0);
    }
    if (this.reporting || this.pending.size === 0) return;
    if (this.link.publisher.status !== 'ready') {
      // Not counted anywhere else while Redis is away: this process's bucket alone holds.
      this.pending.clear();
      return;
    }
    this.reporting = true;
    const batch = [...this.pending];
    this.pending = new Map();
    try {
      const pipeline = this.link.publisher.pipeline();
      for (const [userId, tokens] of batch) {
        const key = `delib:allowance:${userId}:${window}`;
        pipeline
          .incrby(key, tokens)
          .expire(key, COUNTER_TTL_SECONDS)
          .get(`delib:allowance:${userId}:${window - 1}`);
      }
      const answers = (await pipeline.exec()) ?? [];
      const justTurned = now - window * WINDOW_MS < FOLLOW_FOR_MS;
      batch.forEach(([userId, tokens], index) => {
        const [error, total] = answers[index * 3] ?? [new Error('sans réponse'), 0];
        if (error) return;
        let tally = this.tallies.get(userId);
        if (!tally || tally.window !== window) {
          const [previousError, previousTotal] = answers[index * 3 + 2] ?? [null, null];
          const previous = tally?.window === window - 1 ? tally : null;
          if (justTurned && !previousError && previousTotal !== null) {
            const others = Number(previousTotal) - (previous?.mine ?? 0);
            const known = previous?.others ?? 0;
            if (others > known) this.charge(userId, others - known);
          }
          tally = { window, mine: 0, others: 0, lastSpent: tally?.lastSpent ?? now };
          this.tallies.set(userId, tally);
        }
        tally.mine += tokens;
        if (tokens > 0) tally.lastSpent = now;
        const others = Number(total) - tally.mine;
        if (others > tally.others) this.charge(userId, others - tally.others);
        tally.others = Math.max(tally.others, others);
      });
    } catch {
      // Redis went away meanwhile: that report is lost, each bucket holds alone.
    } finally {
      this.reporting = false;
    }
  }

  close(): void {
    clearInterval(this.timer);
  }
}
