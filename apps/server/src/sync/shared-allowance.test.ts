import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisLink } from '../cluster/redis-link.js';
import { startRedisServer } from '../test-support/redis-server.js';
import type { RunningRedis } from '../test-support/redis-server.js';
import { waitFor } from '../test-support/sync-client.js';
import { RedisAllowanceLedger, WINDOW_MS } from './shared-allowance.js';

/**
 * Two processes' ledgers on one real Redis, with a clock the test moves: a user's flood is
 * charged on both, even when one process reports it just before a window turns and the other
 * just after.
 */
describe('the allowance ledger across processes', () => {
  let redis: RunningRedis;
  const links: RedisLink[] = [];
  const ledgers: RedisAllowanceLedger[] = [];
  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(async () => {
    for (const ledger of ledgers) ledger.close();
    await Promise.all(links.map((link) => link.close()));
    await redis.stop();
  });

  /** A process's ledger: what it is charged with, per user, and its clock. */
  async function processLedger(clock: { now: number }) {
    const link = new RedisLink(redis.url);
    links.push(link);
    await waitFor(() => link.publisher.status === 'ready', 'Redis prêt');
    const charged = new Map<string, number>();
    const ledger = new RedisAllowanceLedger(
      link,
      (userId, tokens) => charged.set(userId, (charged.get(userId) ?? 0) + tokens),
      () => clock.now,
    );
    ledgers.push(ledger);
    return { ledger, charged };
  }

  const spend = (ledger: RedisAllowanceLedger, userId: string, count: number) => {
    for (let i = 0; i < count; i++) ledger.spent(userId);
  };
  const reported = () => new Promise((resolve) => setTimeout(resolve, 400));

  it('charges each process with what the user took on the other', async () => {
    const clock = { now: 1000 * WINDOW_MS + 3_000 };
    const a = await processLedger(clock);
    const b = await processLedger(clock);
    spend(a.ledger, 'ana', 150);
    spend(b.ledger, 'ana', 150);
    await waitFor(
      () => a.charged.get('ana') === 150 && b.charged.get('ana') === 150,
      'chacun imputé des 150 de l’autre',
    );
  });

  it('charges both when one reports before a window turns and the other after', async () => {
    const clock = { now: 2000 * WINDOW_MS - 150 };
    const a = await processLedger(clock);
    const b = await processLedger(clock);
    spend(a.ledger, 'bob', 150);
    await reported();
    clock.now = 2000 * WINDOW_MS + 50;
    spend(b.ledger, 'bob', 150);
    await waitFor(
      () => a.charged.get('bob') === 150 && b.charged.get('bob') === 150,
      'chacun imputé des 150 de l’autre, de part et d’autre du changement de fenêtre',
    );
    // Nothing is charged twice.
    await reported();
    expect([a.charged.get('bob'), b.charged.get('bob')]).toEqual([150, 150]);
  });

  it('does not charge a window that ended long ago to a user new here', async () => {
    const clock = { now: 3000 * WINDOW_MS - 150 };
    const a = await processLedger(clock);
    const b = await processLedger(clock);
    spend(a.ledger, 'carl', 150);
    await reported();
    clock.now = 3000 * WINDOW_MS + WINDOW_MS / 2;
    spend(b.ledger, 'carl', 1);
    await reported();
    expect(b.charged.get('carl')).toBeUndefined();
  });
});
