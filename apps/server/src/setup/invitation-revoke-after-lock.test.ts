import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InvitationView } from '@delib/protocol';
import { getJson } from '../test-support/sign-in.js';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';
import { SetupClient } from './test-support/admin-client.js';

type Refusal = { error: { code: string; message: string } };

/** Demo commission 3 (options, one examiner) belongs to the demo's one jury. */
describe('revoking an invitation after the lock', () => {
  let server: TestServer;
  let admin: SetupClient;
  let president: SetupClient;
  beforeAll(async () => {
    server = await startTestServer();
    admin = await SetupClient.signIn(server);
    president = await SetupClient.signIn(server, 'presidente');
  });
  afterAll(async () => {
    await server.stop();
  });

  it('is refused (409, in French): the locked jury’s rooms keep their examiners', async () => {
    const created = await admin.json<{ invitation: InvitationView; code: string }>(
      'POST',
      '/api/admin/commissions/3/invitations',
      { validUntil: '2099-12-31', label: null },
    );
    expect(created.status).toBe(201);
    const redeemed = await new SetupClient(server, null).json<{ user: { id: string } }>(
      'POST',
      '/api/invitations/redeem',
      { code: created.body.code, name: 'Karim Benali' },
    );
    expect(redeemed.status).toBe(201);
    const session = (redeemed.headers.get('set-cookie') ?? '').split(';')[0] as string;

    const juryId = (
      await getJson<{ juries: { id: number }[] }>(`${server.url}/api/me`, president.cookie ?? '')
    ).body.juries[0]?.id as number;
    const first = await president.json<{
      error: { details: { candidates: { candidateId: number }[] } };
    }>('POST', `/api/juries/${juryId}/lock`, {});
    const locked = await president.json('POST', `/api/juries/${juryId}/lock`, {
      confirmIncomplete: first.body.error.details.candidates.map((c) => c.candidateId),
    });
    expect(locked.status).toBe(201);

    const revoke = await admin.json<Refusal>(
      'POST',
      `/api/admin/invitations/${created.body.invitation.id}/revoke`,
      {},
    );
    expect(revoke.status).toBe(409);
    expect(revoke.body.error.code).toBe('LOCKED');
    expect(revoke.body.error.message).toMatch(
      /a verrouillé sa délibération : .*cette invitation ne peut plus être annulée\.$/,
    );
    // Nothing changed: the invitation is still used, its holder still in the room and signed in.
    const list = await admin.get<InvitationView[]>('/api/admin/exam-sessions/1/invitations');
    expect(list.body.find((item) => item.id === created.body.invitation.id)?.status).toBe('used');
    expect(
      server.app.db
        .prepare(
          'SELECT COUNT(*) AS n FROM commission_examiners WHERE commission_id = 3 AND user_id = ?',
        )
        .get(redeemed.body.user.id),
    ).toEqual({ n: 1 });
    expect((await getJson(`${server.url}/api/me`, session)).status).toBe(200);
  });
});
