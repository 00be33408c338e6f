import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JuryHarmonisationContext } from '@delib/protocol';
import { AdminClient } from '../test-support/admin-client.js';
import { writeMarks } from '../test-support/harmonisation-steps.js';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';

/**
 * Rights, checked by the server: the centre's statistics and the gap are the admin's; a
 * jury's context (the gap, who wrote each mark) is its president's and members' (and the
 * admin's); nobody else's.
 */
describe('who may read the harmonisation', () => {
  let server: TestServer;
  let admin: AdminClient;
  let sessionId: number;
  let juryId: number;
  beforeAll(async () => {
    server = await startTestServer();
    admin = await AdminClient.signIn(server);
    const juries = await admin.get<{ id: number }[]>('/api/juries');
    juryId = juries.body[0]?.id as number;
    sessionId = (await admin.get<{ session: { id: number } }>(`/api/juries/${juryId}/board`)).body
      .session.id;
  });
  afterAll(async () => {
    await server.stop();
  });

  it('refuses the centre’s statistics and the gap without a session (401) or to a non-admin (403)', async () => {
    const anonymous = new AdminClient(server, null);
    const statistics = `/api/admin/exam-sessions/${sessionId}/harmonisation`;
    expect((await anonymous.get(statistics)).status).toBe(401);
    expect((await anonymous.json('PUT', statistics, { alertGap: 1 })).status).toBe(401);
    for (const login of ['presidente', 'membre.martin', 'e4.enseignante']) {
      const person = await AdminClient.signIn(server, login);
      expect((await person.get(statistics)).status, login).toBe(403);
      const put = await person.json<{ error: { message: string } }>('PUT', statistics, {
        alertGap: 0.5,
      });
      expect(put.status, login).toBe(403);
      expect(put.body.error.message).toMatch(/accès/);
    }
    const stored = server.app.db
      .prepare('SELECT COUNT(*) AS n FROM harmonisation_settings')
      .get() as { n: number };
    expect(stored.n).toBe(0);
    expect((await admin.get(statistics)).status).toBe(200);
  });

  it('gives a jury’s context to its president, members and the admin, not to an examiner', async () => {
    const room = (
      await admin.get<{ commissions: { id: number; document: string }[] }>(
        `/api/juries/${juryId}/board`,
      )
    ).body.commissions[0] as { id: number; document: string };
    const board = await admin.get<{ candidates: { id: number }[] }>(`/api/juries/${juryId}/board`);
    const candidateId = board.body.candidates[0]?.id as number;
    await writeMarks(server, 'e4.enseignante', undefined, room.document, 'U41', [
      [candidateId, 15],
    ]);
    const context = `/api/juries/${juryId}/harmonisation`;
    expect((await new AdminClient(server, null).get(context)).status).toBe(401);
    expect((await (await AdminClient.signIn(server, 'e4.enseignante')).get(context)).status).toBe(
      403,
    );
    for (const login of ['presidente', 'membre.lefebvre', 'admin']) {
      const answer = await (
        await AdminClient.signIn(server, login)
      ).get<JuryHarmonisationContext>(context);
      expect(answer.status, login).toBe(200);
      expect(answer.body.alertGapHundredths).toBe(200);
      expect(answer.body.writers).toEqual([
        expect.objectContaining({ commissionId: room.id, candidateId, unit: 'U41' }),
      ]);
      expect(answer.body.examiners.map((person) => person.name)).toEqual(['Julie Bernard']);
    }
    expect((await admin.get('/api/juries/999999/harmonisation')).status).toBe(404);
    expect((await admin.get('/api/admin/exam-sessions/999999/harmonisation')).status).toBe(404);
  });
});
