import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/open-database.js';
import { addressKey, delayAfter, LoginThrottle, loginKey } from './login-throttle.js';

describe('login throttle', () => {
  it('lets the first failures through, then doubles the wait', () => {
    expect([3, 4, 5, 6].map((n) => delayAfter(n, 4))).toEqual([0, 2000, 4000, 8000]);
    expect(delayAfter(40, 4)).toBe(15 * 60_000);
  });

  it('blocks one login after four failures but not the shared address of the centre', () => {
    let now = 1_000_000;
    const throttle = new LoginThrottle(openDatabase(':memory:'), () => now);
    const address = addressKey('10.0.0.1');
    for (let i = 0; i < 4; i++) throttle.recordFailure([loginKey('a'), address]);
    expect(throttle.retryAfterMs([loginKey('a'), address])).toBe(2000);
    expect(throttle.retryAfterMs([loginKey('b'), address])).toBe(0);
    now += 2000;
    expect(throttle.retryAfterMs([loginKey('a'), address])).toBe(0);
    throttle.clear(loginKey('a'));
    expect(throttle.retryAfterMs([loginKey('a')])).toBe(0);
  });

  it('forgets failures after an hour', () => {
    let now = 0;
    const throttle = new LoginThrottle(openDatabase(':memory:'), () => now);
    for (let i = 0; i < 8; i++) throttle.recordFailure([loginKey('a')]);
    expect(throttle.retryAfterMs([loginKey('a')])).toBeGreaterThan(0);
    now += 61 * 60_000;
    expect(throttle.retryAfterMs([loginKey('a')])).toBe(0);
  });
});
