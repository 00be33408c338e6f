import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { candidateNumbered, presidentBoard } from '../test-support/deliberation-steps.js';
import { signIn } from '../test-support/sign-in.js';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';
import { lockDemoJury } from '../minute/test-support/minute-test-server.js';

/**
 * The fiche d'évaluation is the president's and the centre's: never before the lock (grids and
 * marks may still change), never for an examiner (of this room or another) or a member.
 */
describe('who may download a fiche d’évaluation, and when', () => {
  let server: TestServer;
  let path: string;
  const get = async (login: string | null) => {
    const cookie = login ? (await signIn(server.url, login)).cookie : null;
    const response = await fetch(`${server.url}${path}`, {
      headers: cookie ? { cookie } : {},
    });
    const body = response.headers.get('content-type')?.includes('json')
      ? ((await response.json()) as { error: { code: string; message: string } })
      : null;
    return { status: response.status, body };
  };

  beforeAll(async () => {
    server = await startTestServer();
    const { board, juryId } = await presidentBoard(server);
    path = `/api/juries/${juryId}/fiches/${candidateNumbered(board, '02700001').id}.pdf`;
  });
  afterAll(async () => {
    await server.stop();
  });

  it('is refused before the lock, even to the president', async () => {
    const refused = await get('presidente');
    expect(refused.status).toBe(409);
    expect(refused.body?.error.message).toContain('pas encore verrouillée');
    expect((await get('admin')).status).toBe(409);
  });

  it('is refused to anyone but the president and the admin, after the lock as well', async () => {
    await lockDemoJury(server);
    expect((await get(null)).status).toBe(401);
    // An examiner of another room (U22) and of the candidate's own room (U41), a member.
    expect((await get('e22.anglais')).status).toBe(403);
    expect((await get('e4.enseignante')).status).toBe(403);
    expect((await get('membre.roux')).status).toBe(403);
    expect((await get('presidente')).status).toBe(200);
    expect((await get('admin')).status).toBe(200);
  });
});
