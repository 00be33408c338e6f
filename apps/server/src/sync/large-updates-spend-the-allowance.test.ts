import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode, readOralEntry, writeOralEntry } from '@delib/protocol';
import type { CommissionView } from '@delib/protocol';
import { openRawSync } from '../test-support/raw-sync-client.js';
import { firstRoomOf, signIn } from '../test-support/sign-in.js';
import { connectDocument, waitFor } from '../test-support/sync-client.js';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';
import { STRUCTS_PER_TOKEN } from './sync-endpoint.js';

/**
 * An update costs the server by the structures it holds: a writer sending updates of 2,400
 * successive values of one cell (each under the 64 KB bound, each valid) spends their
 * allowance by that measure and is closed after a few, where as many single marks are not;
 * the other examiner of the room goes on.
 */
/**
 * `count` successive values of one cell, written by two Yjs clients in turn without garbage
 * collection: Yjs cannot merge them, so the update holds `count` structures (an honest
 * client's history collapses into a few).
 */
function successiveValues(server: Y.Doc, candidate: number, count: number): Uint8Array {
  const base = Y.encodeStateAsUpdate(server);
  const pair = [new Y.Doc({ gc: false }), new Y.Doc({ gc: false })];
  for (const doc of pair) Y.applyUpdate(doc, base);
  const known = Y.encodeStateVector(server);
  for (let index = 0; index < count; index++) {
    const [writer, reader] = index % 2 === 0 ? pair : [pair[1], pair[0]];
    const before = Y.encodeStateVector(writer as Y.Doc);
    writeOralEntry(writer as Y.Doc, candidate, 'U41', { mark: (index % 40) / 2 });
    Y.applyUpdate(reader as Y.Doc, Y.encodeStateAsUpdate(writer as Y.Doc, before));
  }
  const update = Y.encodeStateAsUpdate(pair[0] as Y.Doc, known);
  // The next update follows this one, as a client's would.
  Y.applyUpdate(server, update);
  for (const doc of pair) doc.destroy();
  return update;
}

describe('large updates and the allowance', () => {
  let server: TestServer;
  let room: CommissionView;
  let cookie: string;
  let otherCookie: string;

  beforeAll(async () => {
    server = await startTestServer();
    const writer = await signIn(server.url, 'e4.enseignante');
    room = await firstRoomOf(server.url, writer);
    cookie = writer.cookie;
    otherCookie = (await signIn(server.url, 'e4.professionnel')).cookie;
  });
  afterAll(async () => {
    await server.stop();
  });

  const open = () => openRawSync(server.url, room.document, { cookie, origin: server.origin });

  it('takes ten single marks, and closes a writer of ten 2,400-value updates', async () => {
    const candidate = room.passages[0]?.candidateId as number;
    const writer = await open();
    for (let index = 0; index < 10; index++)
      writer.change((doc) => writeOralEntry(doc, candidate, 'U41', { mark: index }));
    writer.change((doc) => writeOralEntry(doc, candidate, 'U42', { mark: 12 }));

    // 2,400 structures cost 2,400 / STRUCTS_PER_TOKEN tokens each: ten such updates spend
    // more than the burst of 200.
    expect(10 * Math.floor(2_400 / STRUCTS_PER_TOKEN)).toBeGreaterThan(200);
    const heavy = await open();
    for (let message = 0; message < 10; message++)
      heavy.sendUpdate(successiveValues(heavy.doc, candidate, 2_400));
    expect((await heavy.closed).code).toBe(CloseCode.RATE_LIMITED);
    writer.close();

    // The other examiner of the room still syncs, and sees the single marks.
    const other = connectDocument(server.url, room.document, otherCookie);
    try {
      await other.synced;
      await waitFor(
        () => readOralEntry(other.doc, candidate, 'U42') !== null,
        'note de l’autre examinateur',
      );
      expect(readOralEntry(other.doc, candidate, 'U42')).toEqual({ mark: 12 });
    } finally {
      other.destroy();
    }
  });
});
