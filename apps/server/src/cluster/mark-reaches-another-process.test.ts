import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOralEntry, writeOralEntry } from '@delib/protocol';
import { openRawSync } from '../test-support/raw-sync-client.js';
import { firstRoomOf, signIn } from '../test-support/sign-in.js';
import { connectDocument, waitFor } from '../test-support/sync-client.js';
import { startTwoProcesses } from '../test-support/two-processes.js';
import type { TwoProcesses } from '../test-support/two-processes.js';

/**
 * Two processes on one database and one Redis: a mark accepted by process A reaches, live,
 * the pages synchronised through process B, and is stored once.
 */
describe('a mark written through one process', () => {
  let cluster: TwoProcesses;
  beforeAll(async () => {
    cluster = await startTwoProcesses();
  });
  afterAll(async () => {
    await cluster.stop();
  });

  it('reaches the clients of the other process live, stored once', async () => {
    const { a, b } = cluster;
    const teacher = await signIn(a.url, 'e4.enseignante');
    const president = await signIn(b.url, 'presidente');
    const room = await firstRoomOf(a.url, teacher);
    const [first, second] = room.passages;
    if (!first || !second) throw new Error('salle sans candidats');
    const writer = connectDocument(a.url, room.document, teacher.cookie);
    const reader = connectDocument(b.url, room.document, president.cookie);
    await Promise.all([writer.synced, reader.synced]);

    writeOralEntry(writer.doc, first.candidateId, 'U41', { mark: 14.5 });
    await waitFor(
      () => readOralEntry(reader.doc, first.candidateId, 'U41') !== null,
      'note reçue par la présidente sur l’autre processus',
    );
    expect(readOralEntry(reader.doc, first.candidateId, 'U41')).toEqual({ mark: 14.5 });

    // The same examiner, now through B (a reconnection through the load balancer), may go
    // on writing under the client id A saw first: its ownership came with the update.
    const clientId = writer.doc.clientID;
    writer.destroy();
    const again = await openRawSync(b.url, room.document, {
      cookie: teacher.cookie,
      origin: b.origin,
    });
    again.doc.clientID = clientId;
    again.change((doc) => writeOralEntry(doc, second.candidateId, 'U41', { mark: 8 }));
    await waitFor(
      () => readOralEntry(reader.doc, second.candidateId, 'U41') !== null,
      'seconde note reçue',
    );

    const stored = a.app.db
      .prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'saisie'")
      .get() as { n: number };
    expect(stored.n).toBe(2);
    again.close();
    reader.destroy();
  });
});
