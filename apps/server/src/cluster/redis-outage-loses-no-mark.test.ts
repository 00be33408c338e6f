import { io } from 'socket.io-client';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { parseDocumentName, readOralEntry, writeOralEntry } from '@delib/protocol';
import type { ClientToServerEvents, DocumentRef, ServerToClientEvents } from '@delib/protocol';
import { startRedisServer } from '../test-support/redis-server.js';
import { freePort } from '../test-support/server-process.js';
import { startTestServer } from '../test-support/test-server.js';
import type { RunningRedis } from '../test-support/redis-server.js';
import { firstRoomOf, signIn } from '../test-support/sign-in.js';
import { connectDocument, waitFor } from '../test-support/sync-client.js';
import { startTwoProcesses } from '../test-support/two-processes.js';
import type { TwoProcesses } from '../test-support/two-processes.js';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * Redis goes down while marks are written through process A: A still stores and
 * acknowledges them (its own clients see them), nothing crashes; once Redis is back on the
 * same port, the pages on process B catch up from storage (pub/sub alone would have lost
 * those messages).
 */
describe('a Redis outage', () => {
  let cluster: TwoProcesses;
  let revived: RunningRedis | null = null;
  beforeAll(async () => {
    cluster = await startTwoProcesses();
  });
  afterAll(async () => {
    await cluster.b.stop();
    await cluster.a.stop();
    await revived?.stop();
  });

  it('blocks no write and, once Redis is back, the other process catches up', async () => {
    const { a, b, redis } = cluster;
    const teacher = await signIn(a.url, 'e4.enseignante');
    const colleague = await signIn(a.url, 'e4.professionnel');
    const president = await signIn(b.url, 'presidente');
    const room = await firstRoomOf(a.url, teacher);
    const candidates = room.passages.map((passage) => passage.candidateId);
    const writer = connectDocument(a.url, room.document, teacher.cookie);
    const sameProcess = connectDocument(a.url, room.document, colleague.cookie);
    const otherProcess = connectDocument(b.url, room.document, president.cookie);
    await Promise.all([writer.synced, sameProcess.synced, otherProcess.synced]);
    const first = candidates[0] as number;
    writeOralEntry(writer.doc, first, 'U41', { mark: 10 });
    await waitFor(() => readOralEntry(otherProcess.doc, first, 'U41') !== null, 'avant la panne');

    redis.kill();
    await redis.exited;
    const during = candidates.slice(1, 5);
    for (const [index, candidate] of during.entries())
      writeOralEntry(writer.doc, candidate, 'U41', { mark: 11 + index });
    // Acknowledged: stored, and broadcast to the clients of the same process.
    await waitFor(
      () => during.every((candidate) => readOralEntry(sameProcess.doc, candidate, 'U41') !== null),
      'notes reçues sur le même processus pendant la panne',
    );
    const stored = a.app.db
      .prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'saisie'")
      .get() as { n: number };
    expect(stored.n).toBe(1 + during.length);
    // socket.io goes on within each process: a page announcing its room on A is answered
    // and the presence it causes is emitted without Redis.
    const watcher: Client = io(a.url, {
      transports: ['websocket'],
      extraHeaders: { cookie: teacher.cookie, origin: a.origin },
    });
    const joined = await new Promise<{ ok: boolean }>((resolve) =>
      watcher.emit('presence:room', teacher.me.commissions[0]?.id as number, resolve),
    );
    expect(joined.ok).toBe(true);
    watcher.disconnect();
    for (const app of [a, b]) expect((await fetch(`${app.url}/api/health`)).status).toBe(200);
    expect(writer.closes).toEqual([]);

    // Meanwhile process B's pages do not see them, but what B's lock and checks read
    // (documentState) is what is committed: storage is merged into its copy.
    const target = {
      name: room.document,
      ref: parseDocumentName(room.document) as DocumentRef,
      juryId: room.commission.juryId,
    };
    const seenByB = new Y.Doc();
    Y.applyUpdate(seenByB, b.app.sync.documentState(target));
    expect(during.map((candidate) => readOralEntry(seenByB, candidate, 'U41'))).toEqual(
      during.map((_, index) => ({ mark: 11 + index })),
    );
    seenByB.destroy();

    revived = await startRedisServer({ port: redis.port });
    await waitFor(
      () => during.every((candidate) => readOralEntry(otherProcess.doc, candidate, 'U41') !== null),
      'notes rattrapées sur l’autre processus après le retour de Redis',
      15_000,
    );
    expect(during.map((candidate) => readOralEntry(otherProcess.doc, candidate, 'U41'))).toEqual(
      during.map((_, index) => ({ mark: 11 + index })),
    );
    // And the fan-out works again.
    const last = candidates[5] as number;
    writeOralEntry(writer.doc, last, 'U41', { mark: 17 });
    await waitFor(() => readOralEntry(otherProcess.doc, last, 'U41') !== null, 'après le retour');
    for (const client of [writer, sameProcess, otherProcess]) client.destroy();
  }, 30_000);

  it('does not keep a process from starting, storing and stopping', async () => {
    const nobody = await freePort();
    const alone = await startTestServer({ redisUrl: `redis://127.0.0.1:${nobody}` });
    try {
      const teacher = await signIn(alone.url, 'e4.enseignante');
      const room = await firstRoomOf(alone.url, teacher);
      const candidate = room.passages[0]?.candidateId as number;
      const writer = connectDocument(alone.url, room.document, teacher.cookie);
      const reader = connectDocument(alone.url, room.document, teacher.cookie);
      await Promise.all([writer.synced, reader.synced]);
      writeOralEntry(writer.doc, candidate, 'U41', { mark: 9 });
      await waitFor(() => readOralEntry(reader.doc, candidate, 'U41') !== null, 'note reçue');
      writer.destroy();
      reader.destroy();
    } finally {
      await alone.stop();
    }
  });
});
