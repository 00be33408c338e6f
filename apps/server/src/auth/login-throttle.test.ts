import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/open-database.js';
import {
  addressKey,
  delayAfter,
  deviceKey,
  LoginThrottle,
  pairKey,
  PRUNE_EVERY_FAILURES,
} from './login-throttle.js';

describe('login throttle', () => {
  it('lets the first failures through, then doubles the wait', () => {
    expect([3, 4, 5, 6].map((n) => delayAfter(n, 4))).toEqual([0, 2000, 4000, 8000]);
    expect(delayAfter(40, 4)).toBe(15 * 60_000);
  });

  it('slows one login from one address after four failures, not that login elsewhere', () => {
    let now = 1_000_000;
    const throttle = new LoginThrottle(openDatabase(':memory:'), () => now);
    const here = [pairKey('A', '10.0.0.1'), addressKey('10.0.0.1')];
    for (let i = 0; i < 4; i++) throttle.recordFailure(here);
    expect(throttle.retryAfterMs([pairKey('a', '10.0.0.1'), addressKey('10.0.0.1')])).toBe(2000);
    expect(throttle.retryAfterMs([pairKey('b', '10.0.0.1'), addressKey('10.0.0.1')])).toBe(0);
    expect(throttle.retryAfterMs([pairKey('a', '10.0.0.2'), addressKey('10.0.0.2')])).toBe(0);
    expect(throttle.retryAfterMs([deviceKey('x')])).toBe(0);
    now += 2000;
    expect(throttle.retryAfterMs(here)).toBe(0);
    throttle.clear(pairKey('a', '10.0.0.1'));
    expect(throttle.retryAfterMs([pairKey('a', '10.0.0.1')])).toBe(0);
  });

  it('gives an address (a centre behind one NAT) forty failures over all its logins', () => {
    const throttle = new LoginThrottle(openDatabase(':memory:'), () => 0);
    for (let i = 0; i < 39; i++) throttle.recordFailure([addressKey('10.0.0.1')]);
    expect(throttle.retryAfterMs([addressKey('10.0.0.1')])).toBe(0);
    throttle.recordFailure([addressKey('10.0.0.1')]);
    expect(throttle.retryAfterMs([addressKey('10.0.0.1')])).toBe(2000);
  });

  it('forgets failures after an hour', () => {
    let now = 0;
    const throttle = new LoginThrottle(openDatabase(':memory:'), () => now);
    for (let i = 0; i < 8; i++) throttle.recordFailure([deviceKey('a')]);
    expect(throttle.retryAfterMs([deviceKey('a')])).toBeGreaterThan(0);
    now += 61 * 60_000;
    expect(throttle.retryAfterMs([deviceKey('a')])).toBe(0);
  });

  it('deletes forgotten counters, so that addresses tried once do not pile up', () => {
    let now = 0;
    const db = openDatabase(':memory:');
    const throttle = new LoginThrottle(db, () => now);
    const rows = () =>
      (db.prepare('SELECT COUNT(*) AS n FROM login_failures').get() as { n: number }).n;
    for (let i = 0; i < PRUNE_EVERY_FAILURES - 1; i++)
      throttle.recordFailure([pairKey('x', `2001:db8::${i}`)]);
    expect(rows()).toBe(PRUNE_EVERY_FAILURES - 1);
    now += 61 * 60_000;
    throttle.recordFailure([deviceKey('recent')]);
    expect(db.prepare('SELECT key FROM login_failures').all()).toEqual([{ key: 'device:recent' }]);
  });

  it('counts a reserved attempt at once, and takes it back when it succeeds', () => {
    const db = openDatabase(':memory:');
    const throttle = new LoginThrottle(db, () => 0);
    const keys = [pairKey('a', '10.0.0.3'), addressKey('10.0.0.3')];
    for (let i = 0; i < 4; i++) throttle.reserve(keys);
    // Four checks under way: a fifth attempt waits, before any of them has ended.
    expect(throttle.retryAfterMs(keys)).toBe(2000);
    throttle.succeeded(keys, [pairKey('a', '10.0.0.3')]);
    expect(db.prepare('SELECT key, failures FROM login_failures').all()).toEqual([
      { key: 'ip:10.0.0.3', failures: 3 },
    ]);
  });
});
