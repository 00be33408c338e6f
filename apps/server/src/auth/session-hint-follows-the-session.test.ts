import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_HINT_COOKIE } from '@delib/protocol';
import { DEMO_PASSWORD } from '../demo/seed-demo.js';
import { signIn } from '../test-support/sign-in.js';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';

/** The last Set-Cookie line of the session hint in a response (the one a browser keeps). */
function hintLine(response: Response): string | undefined {
  return response.headers
    .getSetCookie()
    .findLast((line) => line.startsWith(`${SESSION_HINT_COOKIE}=`));
}

describe('the session hint lives and dies with the session cookie', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  it('is set at sign-in, readable by scripts, and carries no part of the session', async () => {
    const response = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify({ login: 'presidente', password: DEMO_PASSWORD }),
    });
    expect(response.status).toBe(200);
    const line = hintLine(response) ?? '';
    expect(line).toMatch(new RegExp(`^${SESSION_HINT_COOKIE}=1;`));
    expect(line).not.toMatch(/HttpOnly/i);
    expect(line).toMatch(/SameSite=Lax/i);
    expect(line).toMatch(/Max-Age=\d+/i);
  });

  it('alone opens nothing: /api/me answers 401 and clears it', async () => {
    const response = await fetch(`${server.url}/api/me`, {
      headers: { cookie: `${SESSION_HINT_COOKIE}=1` },
    });
    expect(response.status).toBe(401);
    expect(hintLine(response)).toMatch(/Expires=Thu, 01 Jan 1970/);
  });

  it('is cleared at sign-out', async () => {
    const { cookie } = await signIn(server.url, 'membre.martin');
    const out = await fetch(`${server.url}/api/auth/logout`, {
      method: 'POST',
      headers: { cookie, origin: server.origin },
    });
    expect(out.status).toBe(204);
    expect(hintLine(out)).toMatch(/Expires=Thu, 01 Jan 1970/);
  });

  it('comes back on a session opened before it existed', async () => {
    const { cookie } = await signIn(server.url, 'membre.roux');
    const withoutHint = await fetch(`${server.url}/api/me`, { headers: { cookie } });
    expect(withoutHint.status).toBe(200);
    expect(hintLine(withoutHint)).toMatch(new RegExp(`^${SESSION_HINT_COOKIE}=1;`));
    const withHint = await fetch(`${server.url}/api/me`, {
      headers: { cookie: `${cookie}; ${SESSION_HINT_COOKIE}=1` },
    });
    expect(hintLine(withHint)).toBeUndefined();
  });
});
