import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOralEntry, writeOralEntry } from '@delib/protocol';
import { DocumentStore } from './document-store.js';
import { startPostgresCluster } from '../test-support/postgres-cluster.js';
import type { PostgresCluster } from '../test-support/postgres-cluster.js';
import { firstRoomOf, signIn } from '../test-support/sign-in.js';
import { connectDocument, waitFor } from '../test-support/sync-client.js';
import { testEngine } from '../test-support/test-database.js';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';

/**
 * PostgreSQL stops at once (as a crash) while an examiner writes, then comes back. The
 * process must not end, nothing may be acknowledged that was not committed, and what the
 * examiner typed meanwhile must arrive once the database is back. Its own cluster: the run's
 * shared one must not stop. Run with the PostgreSQL suite only.
 */
describe.runIf(testEngine() === 'postgres')('PostgreSQL down while an examiner writes', () => {
  let cluster: PostgresCluster;
  let server: TestServer;

  beforeAll(async () => {
    cluster = await startPostgresCluster();
    server = await startTestServer({ databaseUrl: await cluster.createDatabase() });
  });
  afterAll(async () => {
    await server?.stop();
    await cluster?.stop();
  });

  it('keeps the process up, refuses in French, and stores the pending mark once it is back', async () => {
    const examiner = await signIn(server.url, 'e4.enseignante');
    const room = await firstRoomOf(server.url, examiner);
    const [first, second] = room.passages;
    if (!first || !second) throw new Error('la salle de démonstration a deux passages');
    const client = connectDocument(server.url, room.document, examiner.cookie);
    await client.synced;
    const stored = (): DocumentStore => new DocumentStore(server.app.db, Number.MAX_SAFE_INTEGER);
    const storedMark = (candidateId: number): unknown =>
      readOralEntry(stored().load(room.document).doc, candidateId, 'U41');

    writeOralEntry(client.doc, first.candidateId, 'U41', { mark: 14 });
    await waitFor(() => storedMark(first.candidateId) !== null, 'la première note enregistrée');

    await cluster.halt();
    const logged: string[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => logged.push(args.map(String).join(' '));
    try {
      writeOralEntry(client.doc, second.candidateId, 'U41', { mark: 9.5 });
      // The commit fails: the room is disconnected without an acknowledgement, and its
      // client keeps the mark to offer again.
      await waitFor(() => client.closes.length > 0, 'la salle déconnectée');
      const health = await fetch(`${server.url}/api/health`);
      expect(health.status).toBe(200);
      const refused = await fetch(`${server.url}/api/me`, { headers: { cookie: examiner.cookie } });
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('2');
      expect(((await refused.json()) as { error: { message: string } }).error.message).toBe(
        'Base de données momentanément indisponible : réessayez dans un instant.',
      );
    } finally {
      console.error = original;
    }
    // Told to come back, never refused: a refusal (4xxx) would make the page drop the mark.
    expect(client.closes.every((close) => close.code === 1011)).toBe(true);
    expect(logged.some((line) => line.includes('base de données indisponible'))).toBe(true);
    expect(logged.some((line) => line.includes('message refusé'))).toBe(false);

    await cluster.resume();
    await waitFor(
      () => {
        try {
          const entry = storedMark(second.candidateId);
          return entry !== null;
        } catch {
          return false;
        }
      },
      'la note tapée pendant la panne enregistrée au retour de PostgreSQL',
      20_000,
    );
    expect(storedMark(first.candidateId)).toEqual({ mark: 14 });
    expect(storedMark(second.candidateId)).toEqual({ mark: 9.5 });
    client.destroy();
  });
});
