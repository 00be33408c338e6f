import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  candidateKey,
  CloseCode,
  readJuryValue,
  readOralEntry,
  writeJuryValue,
  writeOralEntry,
} from '@delib/protocol';
import type { BoardView, CommissionView } from '@delib/protocol';
import { firstRoomOf, getJson, signIn } from '../test-support/sign-in.js';
import { openRawSync } from '../test-support/raw-sync-client.js';
import type { RawSyncClient } from '../test-support/raw-sync-client.js';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';

/** Hand-made Yjs v1 updates: the shapes an honest client never sends. */
function oneStructUpdate(
  client: number,
  clock: number,
  writeStruct: (e: encoding.Encoder) => void,
) {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1); // clients with structures
  encoding.writeVarUint(encoder, 1); // structures of that client
  encoding.writeVarUint(encoder, client);
  encoding.writeVarUint(encoder, clock);
  writeStruct(encoder);
  encoding.writeVarUint(encoder, 0); // empty delete set
  return encoding.toUint8Array(encoder);
}
const gcStruct = (client: number, clock: number, length: number) =>
  oneStructUpdate(client, clock, (e) => {
    encoding.writeUint8(e, 0); // GC
    encoding.writeVarUint(e, length);
  });
const skipStruct = (client: number, clock: number, length: number) =>
  oneStructUpdate(client, clock, (e) => {
    encoding.writeUint8(e, 10); // Skip
    encoding.writeVarUint(e, length);
  });
/** An item without content (ContentDeleted) at the root of `map`, not in any delete set. */
const emptyItem = (client: number, map: string, length: number) =>
  oneStructUpdate(client, 0, (e) => {
    encoding.writeUint8(e, 1); // ContentDeleted, no origins, no parentSub
    encoding.writeVarUint(e, 1); // parent is a root type…
    encoding.writeVarString(e, map); // …named map
    encoding.writeVarUint(e, length);
  });
function deleteRange(client: number, clock: number, length: number) {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint(encoder, client);
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint(encoder, clock);
  encoding.writeVarUint(encoder, length);
  return encoding.toUint8Array(encoder);
}

/** A copy of a client's document, edited offline under the same Yjs client id. */
function offlineCopy(client: RawSyncClient): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(client.doc));
  // Set after the copy: Yjs picks a new id when a remote update carries its own.
  copy.clientID = client.doc.clientID;
  return copy;
}
function editOffline(copy: Y.Doc, edit: (doc: Y.Doc) => void): Uint8Array {
  const before = Y.encodeStateVector(copy);
  edit(copy);
  return Y.encodeStateAsUpdate(copy, before);
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 150));

describe('a Yjs client id belongs to the user who first wrote under it', () => {
  let server: TestServer;
  let room: CommissionView;
  let board: BoardView;
  const cookies: Record<string, string> = {};
  let counts: () => { updates: number; audit: number };

  beforeAll(async () => {
    server = await startTestServer();
    for (const login of ['e4.enseignante', 'e4.professionnel', 'presidente', 'membre.martin'])
      cookies[login] = (await signIn(server.url, login)).cookie;
    const first = await signIn(server.url, 'e4.enseignante');
    room = await firstRoomOf(server.url, first);
    const president = await signIn(server.url, 'presidente');
    board = (
      await getJson<BoardView>(
        `${server.url}/api/juries/${president.me.juries[0]?.id}/board`,
        president.cookie,
      )
    ).body;
    counts = () => ({
      updates: (
        server.app.db.prepare('SELECT COUNT(*) AS n FROM document_updates').get() as { n: number }
      ).n,
      audit: (server.app.db.prepare('SELECT COUNT(*) AS n FROM audit_log').get() as { n: number })
        .n,
    });
  });
  afterAll(async () => {
    await server.stop();
  });

  const open = (document: string, login: string) =>
    openRawSync(server.url, document, { cookie: cookies[login] as string, origin: server.origin });
  const candidate = (index: number) => room.passages[index]?.candidateId as number;

  async function expectRefused(client: RawSyncClient, update: Uint8Array) {
    const before = counts();
    client.sendUpdate(update);
    const closed = await client.closed;
    expect(closed.code).toBe(CloseCode.INVALID_UPDATE);
    expect(closed.reason.length).toBeGreaterThan(0);
    expect(counts()).toEqual(before);
  }

  it('an examiner cannot erase the other examiner’s offline mark with a GC structure', async () => {
    const victim = await open(room.document, 'e4.enseignante');
    victim.change((doc) => writeOralEntry(doc, candidate(0), 'U41', { mark: 12 }));
    await settle();
    // The victim loses the network and types the next mark under the same client id.
    const copy = offlineCopy(victim);
    victim.close();
    const offline = editOffline(copy, (doc) =>
      writeOralEntry(doc, candidate(1), 'U41', { mark: 15 }),
    );
    const clock = Y.getState(copy.store, copy.clientID) - 1;

    const attacker = await open(room.document, 'e4.professionnel');
    await expectRefused(attacker, gcStruct(copy.clientID, clock, 1_000_000));

    // The victim reloads (a new client id) and its offline mark, under the old id, arrives.
    const back = await open(room.document, 'e4.enseignante');
    back.sendUpdate(offline);
    await settle();
    back.close();
    const fresh = await open(room.document, 'e4.professionnel');
    expect(readOralEntry(fresh.doc, candidate(1), 'U41')).toEqual({ mark: 15 });
    fresh.close();
  });

  it('refuses an item written under another user’s client id, even to a cell the writer may write', async () => {
    const victim = await open(room.document, 'e4.enseignante');
    victim.change((doc) => writeOralEntry(doc, candidate(2), 'U41', { mark: 9 }));
    await settle();
    const forger = await open(room.document, 'e4.professionnel');
    const forged = new Y.Doc();
    Y.applyUpdate(forged, Y.encodeStateAsUpdate(forger.doc));
    forged.clientID = victim.doc.clientID;
    await expectRefused(
      forger,
      editOffline(forged, (doc) => writeOralEntry(doc, candidate(3), 'U41', { mark: 4 })),
    );
    // The victim's next edit under its id is still taken.
    victim.change((doc) => writeOralEntry(doc, candidate(4), 'U41', { mark: 11 }));
    await settle();
    const fresh = await open(room.document, 'e4.professionnel');
    expect(readOralEntry(fresh.doc, candidate(3), 'U41')).toBeNull();
    expect(readOralEntry(fresh.doc, candidate(4), 'U41')).toEqual({ mark: 11 });
    fresh.close();
    victim.close();
  });

  it('refuses Skip structures and items that carry no content, even under a new client id', async () => {
    await expectRefused(await open(room.document, 'e4.professionnel'), skipStruct(777_001, 0, 10));
    await expectRefused(
      await open(room.document, 'e4.professionnel'),
      emptyItem(777_002, 'marks', 1_000_000),
    );
    await expectRefused(await open(room.document, 'e4.professionnel'), gcStruct(777_003, 0, 5));
  });

  it('refuses a delete range beyond what the server holds of another client', async () => {
    const victim = await open(room.document, 'e4.enseignante');
    victim.change((doc) => writeOralEntry(doc, candidate(5), 'U41', { mark: 13 }));
    await settle();
    const known = Y.getState(victim.doc.store, victim.doc.clientID);
    victim.close();
    await expectRefused(
      await open(room.document, 'e4.professionnel'),
      deleteRange(victim.doc.clientID, known, 1_000),
    );
  });

  it('a jury member cannot erase the president’s offline entry', async () => {
    const president = await open(board.juryDocument, 'presidente');
    const target = board.candidates[0]?.id as number;
    const other = board.candidates[1]?.id as number;
    president.change((doc) =>
      writeJuryValue(doc, 'livret', candidateKey(target), { consulted: true }),
    );
    await settle();
    const copy = offlineCopy(president);
    president.close();
    const offline = editOffline(copy, (doc) =>
      writeJuryValue(doc, 'livret', candidateKey(other), { consulted: true }),
    );
    const clock = Y.getState(copy.store, copy.clientID) - 1;

    await expectRefused(
      await open(board.juryDocument, 'membre.martin'),
      gcStruct(copy.clientID, clock, 1_000_000),
    );
    const back = await open(board.juryDocument, 'presidente');
    back.sendUpdate(offline);
    await settle();
    back.close();
    const fresh = await open(board.juryDocument, 'membre.martin');
    expect(readJuryValue(fresh.doc, 'livret', candidateKey(other))).toEqual({ consulted: true });
    fresh.close();
  });

  it('keeps ownership across a restart', async () => {
    const owner = await open(room.document, 'e4.enseignante');
    owner.change((doc) => writeOralEntry(doc, candidate(6), 'U41', { mark: 14 }));
    await settle();
    owner.close();
    await server.restart();
    cookies['e4.professionnel'] = (await signIn(server.url, 'e4.professionnel')).cookie;
    const attacker = await open(room.document, 'e4.professionnel');
    const forged = new Y.Doc();
    Y.applyUpdate(forged, Y.encodeStateAsUpdate(attacker.doc));
    forged.clientID = owner.doc.clientID;
    await expectRefused(
      attacker,
      editOffline(forged, (doc) => writeOralEntry(doc, candidate(7), 'U41', { mark: 3 })),
    );
  });
});
