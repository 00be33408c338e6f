import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockDemoJuryWithAdmitted } from '../test-support/publication-steps.js';
import type { LockedDemoJury } from '../test-support/publication-steps.js';
import { signIn } from '../test-support/sign-in.js';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';

/**
 * Who reads the list of admitted candidates, checked by the server on every request: the
 * centre (admin) for the session and for each jury, the jury's president for that jury only.
 * A member of the jury, an examiner and someone not signed in get nothing.
 */
describe('rights on the admitted list', () => {
  let server: TestServer;
  let locked: LockedDemoJury;
  const cookies: Record<string, string> = {};
  beforeAll(async () => {
    server = await startTestServer();
    locked = await lockDemoJuryWithAdmitted(server);
    for (const login of ['admin', 'membre.roux', 'e4.enseignante', 'options']) {
      cookies[login] = (await signIn(server.url, login)).cookie;
    }
    cookies.presidente = locked.presidentCookie;
  });
  afterAll(async () => {
    await server.stop();
  });

  const status = async (path: string, login?: string): Promise<number> => {
    const response = await fetch(`${server.url}${path}`, {
      headers: login ? { cookie: cookies[login] as string } : {},
    });
    await response.arrayBuffer();
    return response.status;
  };

  it('gives the session list and its CSV to the admin only', async () => {
    const session = locked.board.session.id;
    for (const path of [
      `/api/admin/exam-sessions/${session}/publication`,
      `/api/admin/exam-sessions/${session}/publication.csv`,
    ]) {
      expect(await status(path, 'admin')).toBe(200);
      expect(await status(path)).toBe(401);
      for (const login of ['presidente', 'membre.roux', 'e4.enseignante']) {
        expect(await status(path, login), `${login} ${path}`).toBe(403);
      }
    }
  });

  it('gives the jury list and its CSV to the admin and the jury’s president', async () => {
    for (const path of [
      `/api/juries/${locked.juryId}/publication`,
      `/api/juries/${locked.juryId}/publication.csv`,
    ]) {
      expect(await status(path, 'admin')).toBe(200);
      expect(await status(path, 'presidente')).toBe(200);
      expect(await status(path)).toBe(401);
      for (const login of ['membre.roux', 'e4.enseignante', 'options']) {
        expect(await status(path, login), `${login} ${path}`).toBe(403);
      }
    }
  });

  it('says why in French, and answers 404 for a jury that does not exist', async () => {
    const response = await fetch(`${server.url}/api/juries/${locked.juryId}/publication`, {
      headers: { cookie: cookies['membre.roux'] as string },
    });
    const body = (await response.json()) as { error: { message: string } };
    expect(body.error.message).toMatch(/réservée au service des examens et au ou à la président·e/);
    expect(await status('/api/juries/999999/publication', 'admin')).toBe(404);
    expect(await status('/api/juries/abc/publication', 'admin')).toBe(400);
  });
});
