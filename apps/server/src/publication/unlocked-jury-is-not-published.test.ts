import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdmittedList } from '@delib/protocol';
import { AdminClient } from '../test-support/admin-client.js';
import { presidentAfterOrals } from '../test-support/deliberation-steps.js';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';

/**
 * Live marks publish nothing: while the jury has not locked, its candidates are absent from
 * the list, however good their marks, and the jury is listed as not deliberated yet.
 */
describe('a jury not locked', () => {
  let server: TestServer;
  let admin: AdminClient;
  let juryId: number;
  let sessionId: number;
  beforeAll(async () => {
    server = await startTestServer();
    admin = await AdminClient.signIn(server);
    // The live board would show this candidate admitted.
    const { board, juryId: id } = await presidentAfterOrals(server, '02700001', {
      U22: 20,
      U41: 20,
      U42: 20,
    });
    juryId = id;
    sessionId = board.session.id;
  });
  afterAll(async () => {
    await server.stop();
  });

  it('is listed as not deliberated, with no candidate', async () => {
    const list = await admin.get<AdmittedList>(`/api/admin/exam-sessions/${sessionId}/publication`);
    expect(list.status).toBe(200);
    expect(list.body.juries).toEqual([
      { id: juryId, name: expect.any(String), locked: false, lockedAt: null, admitted: 0 },
    ]);
    expect(list.body.candidates).toEqual([]);
  });

  it('gives no CSV, for the session or for the jury, but a French 409', async () => {
    const forSession = await admin.get<{ error: { code: string; message: string } }>(
      `/api/admin/exam-sessions/${sessionId}/publication.csv`,
    );
    expect(forSession.status).toBe(409);
    expect(forSession.body.error.message).toMatch(/Aucun jury .* verrouillé/);
    const forJury = await admin.get<{ error: { code: string; message: string } }>(
      `/api/juries/${juryId}/publication.csv`,
    );
    expect(forJury.status).toBe(409);
    expect(forJury.body.error).toMatchObject({ code: 'NOT_LOCKED' });
    expect(forJury.body.error.message).toMatch(/pas encore délibéré/);
  });
});
