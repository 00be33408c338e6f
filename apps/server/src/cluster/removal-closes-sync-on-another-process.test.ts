import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode } from '@delib/protocol';
import { AdminClient } from '../test-support/admin-client.js';
import { openRawSync } from '../test-support/raw-sync-client.js';
import { firstRoomOf, signIn } from '../test-support/sign-in.js';
import { startTwoProcesses } from '../test-support/two-processes.js';
import type { TwoProcesses } from '../test-support/two-processes.js';

/**
 * An examiner removed from a room through process B loses the room held open on process A at
 * once (4403), without waiting for A's next sweep of rights.
 */
describe('removing an examiner through one process', () => {
  let cluster: TwoProcesses;
  beforeAll(async () => {
    cluster = await startTwoProcesses();
  });
  afterAll(async () => {
    await cluster.stop();
  });

  it('closes their open room on the other process', async () => {
    const { a, b } = cluster;
    const examiner = await signIn(a.url, 'e4.enseignante');
    const room = await firstRoomOf(a.url, examiner);
    const client = await openRawSync(a.url, room.document, {
      cookie: examiner.cookie,
      origin: a.origin,
    });

    const admin = await AdminClient.signIn(b);
    const removed = await admin.json(
      'DELETE',
      `/api/admin/commissions/${room.commission.id}/examiners/${examiner.me.user.id}`,
      {},
    );
    expect(removed.status).toBeLessThan(300);
    expect((await client.closed).code).toBe(CloseCode.FORBIDDEN);
  });
});
