import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readOralEntry, writeOralEntry } from '@delib/protocol';
import type { CommissionView } from '@delib/protocol';
import { openRawSync } from '../test-support/raw-sync-client.js';
import { firstRoomOf, signIn } from '../test-support/sign-in.js';
import { waitFor } from '../test-support/sync-client.js';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';

/**
 * Yjs skips an item the server already holds, whatever content the update gives it; the
 * server stores and passes on what Yjs integrated, never the bytes received. Otherwise an item
 * sent again with forged content (a mark of 20 under another write's id) would be stored, and
 * taken by whoever did not hold the real one yet: another process, a replay in another order.
 */
describe('an update that sends again an item the server holds', () => {
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

  const storedUpdates = (): Uint8Array[] =>
    (
      server.app.db
        .prepare('SELECT data AS bytes FROM document_updates WHERE document = ? ORDER BY id')
        .all(room.document) as { bytes: Uint8Array }[]
    ).map((row) => new Uint8Array(row.bytes));

  it('stores only what was new in it, and nothing when nothing was', async () => {
    const [first, second] = room.passages.map((passage) => passage.candidateId);
    if (first === undefined || second === undefined) throw new Error('deux passages attendus');
    const open = () => openRawSync(server.url, room.document, { cookie, origin: server.origin });
    const writer = await open();
    writer.change((doc) => writeOralEntry(doc, first, 'U22', { mark: 8 }));
    await waitFor(() => storedUpdates().length === 1, 'la note enregistrée');
    const held = Y.encodeStateAsUpdate(writer.doc);
    const heldClient = writer.doc.clientID;

    // The same item id (client, clock 0) with a mark of 20, and a new write beside it.
    const forged = new Y.Doc();
    forged.clientID = heldClient;
    Y.applyUpdate(forged, Y.encodeStateAsUpdate(new Y.Doc()));
    writeOralEntry(forged, first, 'U22', { mark: 20 });
    const other = new Y.Doc();
    Y.applyUpdate(other, held);
    writeOralEntry(other, second, 'U22', { mark: 11 });
    const fresh = Y.encodeStateAsUpdate(other, Y.encodeStateVector(writer.doc));
    writer.sendUpdate(Y.mergeUpdates([Y.encodeStateAsUpdate(forged), fresh]));
    await waitFor(() => storedUpdates().length === 2, 'la nouvelle note enregistrée');

    const stored = Y.decodeUpdate(storedUpdates()[1] as Uint8Array);
    expect(stored.structs.map((struct) => struct.id.client)).toEqual([other.clientID]);
    const reader = await open();
    expect(readOralEntry(reader.doc, first, 'U22')).toEqual({ mark: 8 });
    expect(readOralEntry(reader.doc, second, 'U22')).toEqual({ mark: 11 });

    // Only held items: accepted, nothing stored.
    writer.sendUpdate(held);
    const again = await open();
    expect(readOralEntry(again.doc, second, 'U22')).toEqual({ mark: 11 });
    expect(storedUpdates()).toHaveLength(2);
    expect(writer.ws.readyState).toBe(writer.ws.OPEN);
    again.close();
    reader.close();
    writer.close();
  });
});
