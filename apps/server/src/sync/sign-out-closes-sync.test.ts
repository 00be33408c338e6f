import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode, writeOralEntry } from '@delib/protocol';
import { firstRoomOf, signIn } from '../test-support/sign-in.js';
import { openRawSync } from '../test-support/raw-sync-client.js';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';

/**
 * The sync endpoint does not read the session from SQLite on every message; a sign-out must
 * still end the session's websockets at once, before any further write.
 */
describe('signing out', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  it('closes the session’s sync connections (4401) at once, and nothing more is stored', async () => {
    const examiner = await signIn(server.url, 'e4.enseignante');
    const room = await firstRoomOf(server.url, examiner);
    const client = await openRawSync(server.url, room.document, {
      cookie: examiner.cookie,
      origin: server.origin,
    });
    const audited = () =>
      (server.app.db.prepare('SELECT COUNT(*) AS n FROM audit_log').get() as { n: number }).n;
    const before = audited();
    const out = await fetch(`${server.url}/api/auth/logout`, {
      method: 'POST',
      headers: { cookie: examiner.cookie, origin: server.origin },
    });
    expect(out.status).toBe(204);
    const closed = await client.closed;
    expect(closed.code).toBe(CloseCode.UNAUTHENTICATED);
    // A write sent on the closed socket is not taken.
    try {
      client.change((doc) =>
        writeOralEntry(doc, room.passages[0]?.candidateId as number, 'U41', { mark: 5 }),
      );
    } catch {
      // the socket is closed: ws refuses to send
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(audited()).toBe(before);
  });
});
