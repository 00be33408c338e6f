import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode } from '@delib/protocol';
import { openRawSync } from '../test-support/raw-sync-client.js';
import { firstRoomOf, signIn } from '../test-support/sign-in.js';
import { startTwoProcesses } from '../test-support/two-processes.js';
import type { TwoProcesses } from '../test-support/two-processes.js';

/**
 * A sign-out handled by process B ends the session's sync connections held by process A at
 * once (4401), without waiting for A to read the session again.
 */
describe('signing out through one process', () => {
  let cluster: TwoProcesses;
  beforeAll(async () => {
    cluster = await startTwoProcesses();
  });
  afterAll(async () => {
    await cluster.stop();
  });

  it('closes the session’s sync connections on the other process', async () => {
    const { a, b } = cluster;
    const examiner = await signIn(a.url, 'e4.enseignante');
    const room = await firstRoomOf(a.url, examiner);
    const client = await openRawSync(a.url, room.document, {
      cookie: examiner.cookie,
      origin: a.origin,
    });
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
});
