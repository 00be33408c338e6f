import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode } from '@delib/protocol';
import type { CommissionView } from '@delib/protocol';
import { AdminClient } from '../test-support/admin-client.js';
import { openRawSync } from '../test-support/raw-sync-client.js';
import type { RawSyncClient } from '../test-support/raw-sync-client.js';
import { firstRoomOf, signIn } from '../test-support/sign-in.js';
import type { SignedIn } from '../test-support/sign-in.js';
import { startTwoProcesses } from '../test-support/two-processes.js';
import type { TwoProcesses } from '../test-support/two-processes.js';

/**
 * A right lost through process B ends the sync connections process A holds for it at once,
 * without waiting for A to read the session or the rights again: a sign-out closes that
 * session's connections (4401), an examiner's removal from a room closes their room (4403).
 */
describe('a right lost through one process', () => {
  let cluster: TwoProcesses;
  beforeAll(async () => {
    cluster = await startTwoProcesses();
  });
  afterAll(async () => {
    await cluster.stop();
  });

  /** The examiner signed in on A, with their room open there. */
  async function roomOpenOnA(): Promise<{
    examiner: SignedIn;
    room: CommissionView;
    client: RawSyncClient;
  }> {
    const { a } = cluster;
    const examiner = await signIn(a.url, 'e4.enseignante');
    const room = await firstRoomOf(a.url, examiner);
    const client = await openRawSync(a.url, room.document, {
      cookie: examiner.cookie,
      origin: a.origin,
    });
    return { examiner, room, client };
  }

  it('a sign-out closes the session’s sync connections on the other process', async () => {
    const { a, b } = cluster;
    const { examiner, room, client } = await roomOpenOnA();
    // Another session of the same person on A stays open: only the one signed out ends.
    const other = await signIn(a.url, 'e4.enseignante');
    const kept = await openRawSync(a.url, room.document, {
      cookie: other.cookie,
      origin: a.origin,
    });

    const out = await fetch(`${b.url}/api/auth/logout`, {
      method: 'POST',
      headers: { cookie: examiner.cookie, origin: b.origin },
    });
    expect(out.status).toBe(204);
    expect((await client.closed).code).toBe(CloseCode.UNAUTHENTICATED);
    expect(kept.ws.readyState).toBe(kept.ws.OPEN);
    kept.close();
  });

  it('an examiner’s removal from a room closes their open room on the other process', async () => {
    const { examiner, room, client } = await roomOpenOnA();
    const admin = await AdminClient.signIn(cluster.b);
    const removed = await admin.json(
      'DELETE',
      `/api/admin/commissions/${room.commission.id}/examiners/${examiner.me.user.id}`,
      {},
    );
    expect(removed.status).toBeLessThan(300);
    expect((await client.closed).code).toBe(CloseCode.FORBIDDEN);
  });
});
