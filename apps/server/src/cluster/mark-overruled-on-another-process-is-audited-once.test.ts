import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOralEntry, writeOralEntry } from '@delib/protocol';
import type { RawSyncClient } from '../test-support/raw-sync-client.js';
import { waitFor } from '../test-support/sync-client.js';
import { roomOnTwoProcesses, startTwoProcesses } from '../test-support/two-processes.js';
import type { RoomOnTwoProcesses, TwoProcesses } from '../test-support/two-processes.js';
import { CONCURRENT_REASONS, OVERRULED_ENTRY } from '../sync/document-policy.js';

/**
 * Two examiners type a mark in one cell at the same instant, each through another server
 * process: each process accepts and audits its own value, and Yjs keeps one of the two
 * everywhere. When the value that lost was stored last, the trail would end on it: once the
 * processes hear of each other's value, it is told as set aside (« saisie écartée »), once,
 * though both processes find the conflict. When the value kept was stored last, the trail
 * already ends on it and nothing is added.
 *
 * The instant is made exact by stopping Redis (SIGSTOP) while both marks are committed: no
 * process hears of the other's value before its own is stored and audited.
 */
describe('a mark overruled by one typed at once on another process', () => {
  let cluster: TwoProcesses;
  let examiners: RoomOnTwoProcesses;
  const open: RawSyncClient[] = [];
  beforeAll(async () => {
    cluster = await startTwoProcesses();
    examiners = await roomOnTwoProcesses(cluster.a, cluster.b);
    open.push(examiners.onA, examiners.onB);
    // Of two values written at once under one key, Yjs keeps the one of the higher client id:
    // the teacher's, on A.
    examiners.onA.doc.clientID = 0x7fff_fff0;
    examiners.onB.doc.clientID = 0x10;
  });
  afterAll(async () => {
    for (const client of open) client.close();
    process.kill(cluster.redis.pid, 'SIGCONT');
    await cluster.stop();
  });

  interface Row {
    userId: string;
    action: string;
    before: unknown;
    after: unknown;
    reason: string | null;
  }
  const history = (candidateId: number): Row[] =>
    (
      cluster.a.app.db
        .prepare(
          `SELECT user_id AS "userId", action, before, after, reason FROM audit_log
            WHERE document = ? AND candidate_id = ? ORDER BY id`,
        )
        .all(examiners.room.document, candidateId) as {
        userId: string;
        action: string;
        before: string | null;
        after: string | null;
        reason: string | null;
      }[]
    ).map((row) => ({
      ...row,
      before: row.before === null ? null : (JSON.parse(row.before) as unknown),
      after: row.after === null ? null : (JSON.parse(row.after) as unknown),
    }));

  /**
   * Both marks committed while Redis is stopped, `first` stored first; then Redis resumes and
   * both processes hear of the other's mark.
   */
  async function typedAtOnce(candidateId: number, first: 'kept' | 'overruled'): Promise<void> {
    const write = {
      kept: () =>
        examiners.onA.change((doc) => writeOralEntry(doc, candidateId, 'U41', { mark: 15 })),
      overruled: () =>
        examiners.onB.change((doc) => writeOralEntry(doc, candidateId, 'U41', { mark: 9 })),
    };
    process.kill(cluster.redis.pid, 'SIGSTOP');
    try {
      write[first]();
      await waitFor(() => history(candidateId).length === 1, 'première saisie enregistrée');
      write[first === 'kept' ? 'overruled' : 'kept']();
      await waitFor(() => history(candidateId).length === 2, 'seconde saisie enregistrée');
    } finally {
      process.kill(cluster.redis.pid, 'SIGCONT');
    }
    for (const client of [examiners.onA, examiners.onB]) {
      await waitFor(() => {
        const seen = readOralEntry(client.doc, candidateId, 'U41');
        return seen !== null && 'mark' in seen && seen.mark === 15;
      }, 'les deux examinateurs voient la note retenue');
    }
    if (first === 'kept') {
      await waitFor(
        () => history(candidateId).some((row) => row.action === OVERRULED_ENTRY),
        'saisie écartée enregistrée',
      );
    }
    // Both processes have heard of both marks: a row more would have come by now.
    await new Promise((resolve) => setTimeout(resolve, 500));
  }

  const setAside = (userId: string): Row => ({
    userId,
    action: OVERRULED_ENTRY,
    before: { mark: 9 },
    after: { mark: 15 },
    reason: CONCURRENT_REASONS.overruled,
  });

  it('is set aside after its own row when the mark kept was stored first', async () => {
    const candidateId = examiners.room.passages[0]?.candidateId as number;
    await typedAtOnce(candidateId, 'kept');
    const { teacher, colleague } = examiners;
    expect(history(candidateId)).toEqual([
      {
        userId: teacher.me.user.id,
        action: 'saisie',
        before: null,
        after: { mark: 15 },
        reason: null,
      },
      {
        userId: colleague.me.user.id,
        action: 'saisie',
        before: null,
        after: { mark: 9 },
        reason: null,
      },
      setAside(colleague.me.user.id),
    ]);
  });

  it('adds nothing when the mark kept was stored last', async () => {
    const candidateId = examiners.room.passages[1]?.candidateId as number;
    await typedAtOnce(candidateId, 'overruled');
    const { teacher, colleague } = examiners;
    expect(history(candidateId)).toEqual([
      {
        userId: colleague.me.user.id,
        action: 'saisie',
        before: null,
        after: { mark: 9 },
        reason: null,
      },
      {
        userId: teacher.me.user.id,
        action: 'saisie',
        before: null,
        after: { mark: 15 },
        reason: null,
      },
    ]);
  });
});
