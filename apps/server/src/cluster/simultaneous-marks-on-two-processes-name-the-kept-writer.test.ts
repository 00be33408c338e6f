import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOralEntry, writeOralEntry } from '@delib/protocol';
import type { JuryHarmonisationContext } from '@delib/protocol';
import type { RawSyncClient } from '../test-support/raw-sync-client.js';
import { getJson, signIn } from '../test-support/sign-in.js';
import { waitFor } from '../test-support/sync-client.js';
import { roomOnTwoProcesses, startTwoProcesses } from '../test-support/two-processes.js';
import type { TwoProcesses } from '../test-support/two-processes.js';

/**
 * Two examiners of one room type a mark in the same cell at the same instant, each through
 * another server process. Each process accepts its value and audits it; Yjs then keeps one of
 * the two everywhere. The harmonisation names as the cell's writer the examiner whose mark the
 * cell holds, whichever of the two audit rows came last.
 *
 * The instant is made exact by stopping Redis (SIGSTOP) while both marks are committed: no
 * process hears of the other's value before its own is stored and audited.
 */
describe('two marks typed at once on two processes', () => {
  let cluster: TwoProcesses;
  const open: RawSyncClient[] = [];
  beforeAll(async () => {
    cluster = await startTwoProcesses();
  });
  afterAll(async () => {
    for (const client of open) client.close();
    process.kill(cluster.redis.pid, 'SIGCONT');
    await cluster.stop();
  });

  it('name the writer of the mark Yjs kept, not the last one audited', async () => {
    const { a, b } = cluster;
    const {
      room,
      teacher,
      colleague: professional,
      onA: kept,
      onB: overruled,
    } = await roomOnTwoProcesses(a, b);
    const president = await signIn(a.url, 'presidente');
    const candidateId = room.passages[0]?.candidateId as number;
    open.push(kept, overruled);
    // Of two values written at once under one key, Yjs keeps the one of the higher client id.
    kept.doc.clientID = 0x7fff_fff0;
    overruled.doc.clientID = 0x10;

    const audited = (): { userId: string; after: string }[] =>
      a.app.db
        .prepare(
          `SELECT user_id AS "userId", after FROM audit_log
            WHERE action = 'saisie' AND document = ? ORDER BY id`,
        )
        .all(room.document) as { userId: string; after: string }[];

    process.kill(cluster.redis.pid, 'SIGSTOP');
    // The kept value is stored first, the overruled one last.
    kept.change((doc) => writeOralEntry(doc, candidateId, 'U41', { mark: 15 }));
    await waitFor(() => audited().length === 1, 'première saisie enregistrée');
    overruled.change((doc) => writeOralEntry(doc, candidateId, 'U41', { mark: 9 }));
    await waitFor(() => audited().length === 2, 'seconde saisie enregistrée');
    process.kill(cluster.redis.pid, 'SIGCONT');

    expect(audited()).toEqual([
      { userId: teacher.me.user.id, after: JSON.stringify({ mark: 15 }) },
      { userId: professional.me.user.id, after: JSON.stringify({ mark: 9 }) },
    ]);
    // Both processes, and both examiners, end with the same mark: the teacher's.
    await waitFor(() => {
      const seen = readOralEntry(overruled.doc, candidateId, 'U41');
      return seen !== null && 'mark' in seen && seen.mark === 15;
    }, 'la note retenue parvient à l’autre examinateur');
    expect(readOralEntry(kept.doc, candidateId, 'U41')).toEqual({ mark: 15 });

    for (const server of [a, b]) {
      const { status, body } = await getJson<JuryHarmonisationContext>(
        `${server.url}/api/juries/${room.commission.juryId}/harmonisation`,
        president.cookie,
      );
      expect(status).toBe(200);
      const writer = body.writers.find((w) => w.candidateId === candidateId && w.unit === 'U41');
      expect(writer?.userId).toBe(teacher.me.user.id);
    }
  });
});
