import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOralEntry, writeOralEntry } from '@delib/protocol';
import { firstRoomOf, signIn } from '../test-support/sign-in.js';
import { connectDocument, waitFor } from '../test-support/sync-client.js';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';
import { testEngine } from '../test-support/test-database.js';

/**
 * The commit of a mark is written on the event loop and made durable by an fsync of the WAL
 * on the thread pool. Here that fsync is held back: the mark must reach nobody until it
 * completes, while the server keeps answering.
 */
// SQLite only: PostgreSQL's COMMIT is durable when it returns (no WAL fsync of ours).
describe.skipIf(testEngine() === 'postgres')('a mark whose fsync has not completed', () => {
  let server: TestServer;
  let holding = false;
  const held: (() => void)[] = [];
  beforeAll(async () => {
    server = await startTestServer(
      {},
      {
        walFsync: (fd, callback) => {
          if (holding) held.push(() => fs.fsync(fd, callback));
          else fs.fsync(fd, callback);
        },
      },
    );
  });
  afterAll(async () => {
    holding = false;
    for (const release of held.splice(0)) release();
    await server.stop();
  });

  it('is broadcast only once the fsync has completed', async () => {
    const examiner = await signIn(server.url, 'e22.anglais');
    const president = await signIn(server.url, 'presidente');
    const room = await firstRoomOf(server.url, examiner);
    const candidateId = room.passages[0]?.candidateId as number;
    const writer = connectDocument(server.url, room.document, examiner.cookie);
    const reader = connectDocument(server.url, room.document, president.cookie);
    await Promise.all([writer.synced, reader.synced]);

    holding = true;
    writeOralEntry(writer.doc, candidateId, 'U22', { mark: 13.5 });
    await waitFor(() => held.length === 1, 'le fsync de la saisie demandé');
    // Written (its audit row is readable) but not yet durable: nobody hears of it, and the
    // event loop is free (the API answers).
    const audited = server.app.db
      .prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'saisie' AND candidate_id = ?")
      .get(candidateId) as { n: number };
    expect(audited.n).toBe(1);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(readOralEntry(reader.doc, candidateId, 'U22')).toBeNull();

    holding = false;
    for (const release of held.splice(0)) release();
    await waitFor(
      () => readOralEntry(reader.doc, candidateId, 'U22') !== null,
      'la note reçue par la présidente',
    );
    expect(readOralEntry(reader.doc, candidateId, 'U22')).toEqual({ mark: 13.5 });
    writer.destroy();
    reader.destroy();
  });

  it('does not wait for the fsync already running: its own starts, and covers the earlier mark', async () => {
    const examiner = await signIn(server.url, 'e22.anglais');
    const president = await signIn(server.url, 'presidente');
    const room = await firstRoomOf(server.url, examiner);
    // Not the first candidate: the test above wrote their mark.
    const [, first, second] = [...new Set(room.passages.map((passage) => passage.candidateId))] as [
      number,
      number,
      number,
    ];
    const writer = connectDocument(server.url, room.document, examiner.cookie);
    const reader = connectDocument(server.url, room.document, president.cookie);
    await Promise.all([writer.synced, reader.synced]);

    holding = true;
    writeOralEntry(writer.doc, first, 'U22', { mark: 11 });
    await waitFor(() => held.length === 1, 'le fsync de la première saisie demandé');
    // The first fsync still runs: the second mark is written and synced at once.
    writeOralEntry(writer.doc, second, 'U22', { mark: 12 });
    await waitFor(() => held.length === 2, 'le fsync de la seconde saisie demandé');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(readOralEntry(reader.doc, first, 'U22')).toBeNull();
    expect(readOralEntry(reader.doc, second, 'U22')).toBeNull();

    // The second fsync completes first: it covers the first mark's frames too.
    const [releaseFirst, releaseSecond] = held.splice(0) as [() => void, () => void];
    holding = false;
    releaseSecond();
    await waitFor(
      () =>
        readOralEntry(reader.doc, first, 'U22') !== null &&
        readOralEntry(reader.doc, second, 'U22') !== null,
      'les deux notes reçues par la présidente',
    );
    releaseFirst();
    expect(readOralEntry(reader.doc, first, 'U22')).toEqual({ mark: 11 });
    expect(readOralEntry(reader.doc, second, 'U22')).toEqual({ mark: 12 });
    writer.destroy();
    reader.destroy();
  });
});
