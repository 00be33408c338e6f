import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readOralEntry, writeOralEntry } from '@delib/protocol';
import { verifyAuditChain } from '../audit/audit-trail.js';
import { DocumentStore } from '../sync/document-store.js';
import { freePort, killHard, spawnServer } from '../test-support/server-process.js';
import { firstRoomOf, signIn } from '../test-support/sign-in.js';
import { connectDocument, waitFor } from '../test-support/sync-client.js';
import { testEngine } from '../test-support/test-database.js';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';

/**
 * Two processes on one PostgreSQL database, each committing marks as fast as its examiner
 * types them: every commit appends to the one audit chain, taking its head inside the
 * transaction (an advisory lock), so no commit fails on the other's rows, and the chain
 * verifies whole with one row per mark.
 */
describe.runIf(testEngine() === 'postgres')('the audit chain with two writing processes', () => {
  let a: TestServer;
  let child: ChildProcess | undefined;
  let bUrl: string;
  beforeAll(async () => {
    a = await startTestServer();
    const port = await freePort();
    child = await spawnServer(a.databasePath, port, {
      DELIB_DATABASE_URL: a.databaseUrl as string,
    });
    bUrl = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    if (child) await killHard(child);
    await a?.stop();
  });

  it('verifies whole, with one row per accepted mark of either process', async () => {
    const teacher = await signIn(a.url, 'e4.enseignante');
    const professional = await signIn(bUrl, 'e4.professionnel');
    const room = await firstRoomOf(a.url, teacher);
    const writers = [
      { client: connectDocument(a.url, room.document, teacher.cookie), unit: 'U41' },
      { client: connectDocument(bUrl, room.document, professional.cookie), unit: 'U42' },
    ];
    await Promise.all(writers.map((w) => w.client.synced));
    const logged = vi.spyOn(console, 'error');
    const last = new Map<string, number>();
    let step = 0;
    // Each examiner writes every 10 ms for 1.5 s: 150 updates, as fast as the allowance's
    // burst (200 messages) lets one user go without being cut off (4429). Faster, the writers
    // are refused, and their debt, charged across both processes, keeps them out longer than
    // this test waits: that is the flood protection's work, not what is tested here.
    const timers = writers.map(({ client, unit }) =>
      setInterval(() => {
        const passage = room.passages[step % room.passages.length];
        if (!passage) return;
        const mark = (step % 40) / 2;
        writeOralEntry(client.doc, passage.candidateId, unit, { mark });
        last.set(`${passage.candidateId}:${unit}`, mark);
        step += 1;
      }, 10),
    );
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    for (const timer of timers) clearInterval(timer);

    const stored = (): ReturnType<DocumentStore['load']>['doc'] =>
      new DocumentStore(a.app.db, Number.MAX_SAFE_INTEGER).load(room.document).doc;
    await waitFor(
      () => {
        const doc = stored();
        return [...last].every(([key, mark]) => {
          const [candidate, unit] = key.split(':') as [string, string];
          const entry = readOralEntry(doc, Number(candidate), unit);
          return entry !== null && 'mark' in entry && entry.mark === mark;
        });
      },
      'chaque dernière note stockée',
      20_000,
    );
    // No commit of this process failed on the other's rows: the head was taken in turn.
    expect(logged.mock.calls.flat().join('\n')).not.toContain('enregistrement impossible');
    logged.mockRestore();
    const verdict = verifyAuditChain(a.app.db);
    expect(verdict.ok).toBe(true);
    const perUnit = a.app.db
      .prepare(
        "SELECT unit, COUNT(*) AS n FROM audit_log WHERE action = 'saisie' GROUP BY unit ORDER BY unit",
      )
      .all() as { unit: string; n: number }[];
    // Both processes wrote, and many marks each.
    expect(perUnit.map((row) => row.unit)).toEqual(['U41', 'U42']);
    for (const row of perUnit) expect(row.n).toBeGreaterThan(20);
    for (const { client } of writers) client.destroy();
  });
});
