import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';
import { AdminClient } from '../test-support/admin-client.js';

/** Every admin route is refused without a session (401) and to anyone but an admin (403). */
describe('rights on the admin routes', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  const routes: [string, string, unknown][] = [
    ['GET', '/api/admin/exam-sessions', undefined],
    [
      'POST',
      '/api/admin/exam-sessions',
      { regulationId: 'bts-mco-2018', year: 2027, centre: 'X', academie: 'Y' },
    ],
    ['GET', '/api/admin/exam-sessions/1/candidates.csv', undefined],
    ['POST', '/api/admin/juries/1/commissions', { name: 'Salle', room: 'A1', units: ['U41'] }],
    ['POST', '/api/admin/commissions/1/invitations', { validUntil: '2099-01-01' }],
    ['GET', '/api/admin/users', undefined],
  ];

  async function call(client: AdminClient, method: string, path: string, body: unknown) {
    return method === 'GET' ? client.get(path) : client.json(method, path, body);
  }

  it('answers 401 without a session', async () => {
    const anonymous = new AdminClient(server, null);
    for (const [method, path, body] of routes) {
      const answer = await call(anonymous, method, path, body);
      expect([path, answer.status]).toEqual([path, 401]);
    }
  });

  it('answers 403 to an examiner, a jury member and a jury president', async () => {
    for (const login of ['e4.professionnel', 'membre.roux', 'presidente']) {
      const client = await AdminClient.signIn(server, login);
      for (const [method, path, body] of routes) {
        const answer = await call(client, method, path, body);
        expect([login, path, answer.status]).toEqual([login, path, 403]);
        expect((answer.body as { error: { message: string } }).error.message).toBe(
          'Vous n’avez pas accès à cette ressource.',
        );
      }
    }
    expect(server.app.db.prepare('SELECT COUNT(*) AS n FROM exam_sessions').get()).toEqual({
      n: 1,
    });
    expect(server.app.db.prepare('SELECT COUNT(*) AS n FROM invitations').get()).toEqual({ n: 0 });
  });

  it('lets the admin in', async () => {
    const admin = await AdminClient.signIn(server, 'admin');
    const sessions = await admin.get<{ id: number; candidates: number }[]>(
      '/api/admin/exam-sessions',
    );
    expect(sessions.status).toBe(200);
    expect(sessions.body[0]).toMatchObject({ id: 1, candidates: 24 });
  });

  it('keeps the public redeem route public (no 401), and same-origin', async () => {
    const anonymous = new AdminClient(server, null);
    const answer = await anonymous.json('POST', '/api/invitations/redeem', {});
    expect(answer.status).toBe(400);
    const crossSite = await fetch(`${server.url}/api/invitations/redeem`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      body: JSON.stringify({ code: 'ABCD-EFGH', name: 'Eve' }),
    });
    expect(crossSite.status).toBe(403);
  });
});
