import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../setup/seed-demo.js';
import { getJson, signIn } from '../test-support/sign-in.js';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';

function login(server: TestServer, body: unknown, origin = server.origin): Promise<Response> {
  return fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify(body),
  });
}

describe('sign-in', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  it('sets an httpOnly SameSite cookie and describes the user', async () => {
    const response = await login(server, { login: 'presidente', password: DEMO_PASSWORD });
    expect(response.status).toBe(200);
    const cookie =
      response.headers.getSetCookie().find((line) => line.startsWith('delib_session=')) ?? '';
    expect(cookie).toMatch(/^delib_session=[a-z2-9]{24}\.[a-z2-9]{24};/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const body = (await response.json()) as { user: { role: string }; juries: { as: string }[] };
    expect(body.user.role).toBe('president');
    expect(body.juries[0]?.as).toBe('president');
  });

  it('stores only a hash of the session secret and an argon2id hash of the password', async () => {
    const { cookie } = await signIn(server.url, 'membre.roux');
    const secret = cookie.split('.')[1] as string;
    const rows = server.app.db.prepare('SELECT secret_hash FROM sessions').all() as {
      secret_hash: Buffer;
    }[];
    expect(rows.every((row) => !row.secret_hash.toString('latin1').includes(secret))).toBe(true);
    const user = server.app.db
      .prepare("SELECT password_hash FROM users WHERE login = 'membre.roux'")
      .get() as {
      password_hash: string;
    };
    expect(user.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('answers a wrong password in French, without saying which part was wrong', async () => {
    for (const body of [
      { login: 'presidente', password: 'pas-le-bon' },
      { login: 'inconnu', password: 'pas-le-bon' },
    ]) {
      const response = await login(server, body);
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({
        error: { code: 'INVALID_CREDENTIALS', message: 'Identifiant ou mot de passe incorrect.' },
      });
    }
  });

  it('slows down repeated failures for one login from one address, even with the right password', async () => {
    for (let attempt = 0; attempt < 4; attempt++) {
      expect((await login(server, { login: 'membre.girard', password: 'faux' })).status).toBe(401);
    }
    const blocked = await login(server, { login: 'membre.girard', password: DEMO_PASSWORD });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    const body = (await blocked.json()) as { error: { message: string } };
    expect(body.error.message).toMatch(/^Trop de tentatives\. Réessayez dans \d+ secondes?\.$/);
  });

  it('refuses a sign-in posted from another site', async () => {
    const response = await login(
      server,
      { login: 'presidente', password: DEMO_PASSWORD },
      'https://evil.example',
    );
    expect(response.status).toBe(403);
  });

  it('refuses a malformed body with a French message', async () => {
    const response = await login(server, { login: '' });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toBe(
      'Identifiant et mot de passe requis.',
    );
  });

  it('logs out: the session no longer opens anything', async () => {
    const { cookie } = await signIn(server.url, 'membre.martin');
    expect((await getJson(`${server.url}/api/me`, cookie)).status).toBe(200);
    const out = await fetch(`${server.url}/api/auth/logout`, {
      method: 'POST',
      headers: { cookie, origin: server.origin },
    });
    expect(out.status).toBe(204);
    expect((await getJson(`${server.url}/api/me`, cookie)).status).toBe(401);
  });
});
