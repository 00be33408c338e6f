import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, signIn } from '../test-support/sign-in.js';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';

describe('rights on the read routes', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  it('answers 401 in French without a session', async () => {
    const response = await getJson<{ error: { code: string; message: string } }>(
      `${server.url}/api/me`,
      '',
    );
    expect(response).toEqual({
      status: 401,
      body: { error: { code: 'UNAUTHENTICATED', message: 'Veuillez vous connecter.' } },
    });
  });

  it('lets an examiner read their room but not another one, nor the jury board', async () => {
    const e22 = await signIn(server.url, 'e22.anglais');
    const own = e22.me.commissions[0]?.id as number;
    expect((await getJson(`${server.url}/api/commissions/${own}`, e22.cookie)).status).toBe(200);
    const e4 = await signIn(server.url, 'e4.enseignante');
    const other = e4.me.commissions[0]?.id as number;
    expect((await getJson(`${server.url}/api/commissions/${other}`, e22.cookie)).status).toBe(403);
    const juryId = e4.me.commissions[0]?.juryId as number;
    expect((await getJson(`${server.url}/api/juries/${juryId}/board`, e22.cookie)).status).toBe(
      403,
    );
    expect((await getJson(`${server.url}/api/juries`, e22.cookie)).status).toBe(403);
  });

  it('lets a jury member read the board, and answers 404 for an unknown jury', async () => {
    const member = await signIn(server.url, 'membre.lefebvre');
    const juryId = member.me.juries[0]?.id as number;
    expect(member.me.juries[0]?.as).toBe('member');
    expect((await getJson(`${server.url}/api/juries/${juryId}/board`, member.cookie)).status).toBe(
      200,
    );
    expect((await getJson(`${server.url}/api/juries/999/board`, member.cookie)).status).toBe(404);
    expect((await getJson(`${server.url}/api/juries/abc/board`, member.cookie)).status).toBe(400);
  });
});
