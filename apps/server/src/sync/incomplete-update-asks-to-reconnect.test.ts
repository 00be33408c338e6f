import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode, readOralEntry, writeOralEntry } from '@delib/protocol';
import type { CommissionView } from '@delib/protocol';
import { openRawSync } from '../test-support/raw-sync-client.js';
import { firstRoomOf, signIn } from '../test-support/sign-in.js';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';

/**
 * An examiner's page that types while its reconnection's exchange is still under way sends an
 * update built on marks the server has not received yet (they travel in the exchange). That is
 * no forgery: the server closes with 4412, which the page answers by reconnecting with its copy,
 * never with 4422, which would make it drop its copy and the marks typed offline with it.
 */
describe('an update built on marks the server has not received', () => {
  let server: TestServer;
  let room: CommissionView;
  let cookie: string;

  beforeAll(async () => {
    server = await startTestServer();
    const examiner = await signIn(server.url, 'e22.anglais');
    cookie = examiner.cookie;
    room = await firstRoomOf(server.url, examiner);
  });
  afterAll(async () => {
    await server.stop();
  });

  it('closes 4412, stores nothing of it, and the reconnection delivers both marks', async () => {
    const [first, second] = room.passages.map((passage) => passage.candidateId);
    if (first === undefined || second === undefined) throw new Error('deux passages attendus');
    const open = () => openRawSync(server.url, room.document, { cookie, origin: server.origin });

    // The page's copy: a mark typed offline, then one typed just after the socket reopened.
    const page = new Y.Doc();
    const connection = await open();
    Y.applyUpdate(page, Y.encodeStateAsUpdate(connection.doc));
    writeOralEntry(page, first, 'U22', { mark: 14 });
    const beforeSecond = Y.encodeStateVector(page);
    writeOralEntry(page, second, 'U22', { mark: 9.5 });
    connection.sendUpdate(Y.encodeStateAsUpdate(page, beforeSecond));

    const closed = await connection.closed;
    expect(closed.code).toBe(CloseCode.INCOMPLETE_UPDATE);
    expect(closed.reason).toMatch(/incomplète/);

    // Nothing of it was applied: a fresh reader holds neither mark.
    const reader = await open();
    expect(readOralEntry(reader.doc, second, 'U22')).toBeNull();
    expect(readOralEntry(reader.doc, first, 'U22')).toBeNull();

    // Reconnected, the page answers the server's request with all it lacks: both marks.
    const again = await open();
    again.sendUpdate(Y.encodeStateAsUpdate(page, Y.encodeStateVector(again.doc)));
    await expect.poll(() => readOralEntry(reader.doc, first, 'U22')).toEqual({ mark: 14 });
    await expect.poll(() => readOralEntry(reader.doc, second, 'U22')).toEqual({ mark: 9.5 });
    again.close();
    reader.close();
  });
});
