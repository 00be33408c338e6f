import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../demo/seed-demo.js';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';
import { hashPassword } from './passwords.js';

/**
 * Nobody can keep an account's owner out by failing to sign in as them
 * (docs/security-notes/login-throttle.md). The test server trusts X-Forwarded-For from
 * loopback, as behind a local proxy: each test names the addresses attempts come from.
 */
describe('sign-in lock-out', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  beforeEach(() => {
    server.app.db.prepare('DELETE FROM login_failures').run();
  });
  afterAll(async () => {
    await server.stop();
  });

  const login = (
    user: string,
    password: string,
    from: string,
    device = '',
  ): Promise<{ status: number; device: string }> =>
    fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        origin: server.origin,
        'x-forwarded-for': from,
        ...(device ? { cookie: device } : {}),
      },
      body: JSON.stringify({ login: user, password }),
    }).then((response) => {
      const cookies = response.headers.getSetCookie();
      const issued = cookies.find((cookie) => cookie.startsWith('delib_device='));
      return { status: response.status, device: issued?.split(';')[0] ?? '' };
    });

  /** Fails `times` times as `user` from `from`; returns the statuses. */
  async function fail(user: string, from: string, times: number): Promise<number[]> {
    const statuses: number[] = [];
    for (let i = 0; i < times; i++) statuses.push((await login(user, 'faux', from)).status);
    return statuses;
  }

  it('lets the owner in from their address while another address fails as them', async () => {
    const attacks = await fail('presidente', '203.0.113.66', 8);
    expect(attacks.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(attacks.slice(4)).toEqual([429, 429, 429, 429]);
    expect((await login('presidente', DEMO_PASSWORD, '198.51.100.7')).status).toBe(200);
    // The attacker's own address stays slowed down for that login.
    expect((await login('presidente', DEMO_PASSWORD, '203.0.113.66')).status).toBe(429);
  });

  it('lets the owner in on a browser they used before, even flooded from their own address', async () => {
    const centre = '192.0.2.10';
    const first = await login('presidente', DEMO_PASSWORD, centre);
    expect(first.status).toBe(200);
    expect(first.device).toMatch(/^delib_device=[0-9a-z]+\.[\w-]{16}\.[\w-]{43}$/);

    // Someone behind the centre's NAT address fails as her, then as everyone.
    await fail('presidente', centre, 5);
    for (let i = 0; i < 41; i++) await login(`personne-${i}`, 'faux', centre);
    // A new browser at the centre is slowed down, for her as for anyone…
    expect((await login('presidente', DEMO_PASSWORD, centre)).status).toBe(429);
    expect((await login('membre.roux', DEMO_PASSWORD, centre)).status).toBe(429);
    // …but not the browser where she signed in before.
    const again = await login('presidente', DEMO_PASSWORD, centre, first.device);
    expect(again.status).toBe(200);
    expect(again.device).toMatch(/^delib_device=/);
    // Her device's token is hers: it does not let another login past the throttle.
    expect((await login('membre.roux', DEMO_PASSWORD, centre, first.device)).status).toBe(429);
    // A token edited by hand is no token.
    const forged = first.device.replace(/\.(.)/, (_match, char: string) =>
      char === 'a' ? '.b' : '.a',
    );
    expect(forged).not.toBe(first.device);
    expect((await login('presidente', DEMO_PASSWORD, centre, forged)).status).toBe(429);
  });

  it('still slows down guesses made through a trusted device', async () => {
    const { device } = await login('membre.girard', DEMO_PASSWORD, '192.0.2.20');
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      statuses.push((await login('membre.girard', 'faux', '192.0.2.20', device)).status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
    expect((await login('membre.girard', DEMO_PASSWORD, '192.0.2.20', device)).status).toBe(429);
  });

  it('forgets the devices of an account whose password changed', async () => {
    const { device } = await login('membre.lefebvre', DEMO_PASSWORD, '192.0.2.30');
    await fail('membre.lefebvre', '192.0.2.30', 4);
    expect((await login('membre.lefebvre', DEMO_PASSWORD, '192.0.2.30', device)).status).toBe(200);
    server.app.db
      .prepare("UPDATE users SET password_hash = ? WHERE login = 'membre.lefebvre'")
      .run(await hashPassword(DEMO_PASSWORD));
    expect((await login('membre.lefebvre', DEMO_PASSWORD, '192.0.2.30', device)).status).toBe(429);
  });

  it('keeps the device token away from scripts and other routes', async () => {
    const response = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.origin },
      body: JSON.stringify({ login: 'membre.martin', password: DEMO_PASSWORD }),
    });
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith('delib_device='));
    expect(cookie).toMatch(/; Path=\/api\/auth\/login/);
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/; SameSite=Strict/i);
  });

  it('checks at most the allowed guesses when they are sent all at once', async () => {
    const statuses = await Promise.all(
      Array.from({ length: 60 }, () => login('presidente', 'faux', '203.0.113.90')),
    ).then((answers) => answers.map((answer) => answer.status));
    // Four wrong passwords of one login from one address are checked; the rest wait.
    expect(statuses.filter((status) => status === 401)).toHaveLength(4);
    expect(statuses.filter((status) => status === 429)).toHaveLength(56);
    expect((await login('presidente', DEMO_PASSWORD, '203.0.113.90')).status).toBe(429);
  });

  it('does not count a successful sign-in against its address', async () => {
    for (let i = 0; i < 45; i++) {
      expect((await login('presidente', DEMO_PASSWORD, '198.51.100.20')).status).toBe(200);
    }
    expect((await login('membre.martin', 'faux', '198.51.100.20')).status).toBe(401);
  });
});
