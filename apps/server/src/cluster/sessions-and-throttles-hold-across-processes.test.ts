import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppOnSameDatabase } from '../test-support/app-on-same-database.js';
import type { SecondApp } from '../test-support/app-on-same-database.js';
import { signIn } from '../test-support/sign-in.js';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';

/**
 * What a process knows of sessions and failed sign-ins lives in the database every process
 * shares, so a load balancer sending each request to any process changes nothing: a session
 * opened on A is valid on B, a sign-out on B ends it on A, and failures on A slow down
 * attempts on B. (Rate limits of the sync endpoint: one-allowance-across-processes.test.ts.)
 */
describe('sessions and sign-in throttles across processes', () => {
  let a: TestServer;
  let b: SecondApp;
  beforeAll(async () => {
    a = await startTestServer();
    b = await startAppOnSameDatabase(a);
  });
  afterAll(async () => {
    await b?.stop();
    await a?.stop();
  });

  const me = (url: string, cookie: string): Promise<number> =>
    fetch(`${url}/api/me`, { headers: { cookie } }).then((response) => response.status);

  it('takes a session opened on one process on the other, and ends it on both at sign-out', async () => {
    const { cookie } = await signIn(a.url, 'presidente');
    expect(await me(b.url, cookie)).toBe(200);
    const out = await fetch(`${b.url}/api/auth/logout`, {
      method: 'POST',
      headers: { cookie, origin: b.origin },
    });
    expect(out.status).toBeLessThan(300);
    expect(await me(a.url, cookie)).toBe(401);
  });

  it('counts failed sign-ins made on one process against attempts on the other', async () => {
    const attempt = (url: string, origin: string): Promise<number> =>
      fetch(`${url}/api/auth/login`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          origin,
          'x-forwarded-for': '203.0.113.90',
        },
        body: JSON.stringify({ login: 'e4.enseignante', password: 'faux' }),
      }).then((response) => response.status);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push(await attempt(a.url, a.origin));
    expect(statuses).toEqual([401, 401, 401, 401]);
    expect(await attempt(b.url, b.origin)).toBe(429);
  });
});
