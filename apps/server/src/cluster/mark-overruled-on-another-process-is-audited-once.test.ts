import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOralEntry, writeOralEntry } from '@delib/protocol';
import type { RawSyncClient } from '../test-support/raw-sync-client.js';
import { waitFor } from '../test-support/sync-client.js';
import { roomOnTwoProcesses, startTwoProcesses } from '../test-support/two-processes.js';
import type { RoomOnTwoProcesses, TwoProcesses } from '../test-support/two-processes.js';
import type { DocumentStorage } from '../sync/document-storage.js';
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
  // Storage down for the commits that carry values set aside, while `failing`.
  let failing = false;
  let failures = 0;
  const failingSetAside = (storage: DocumentStorage): DocumentStorage => ({
    load: (document) => storage.load(document),
    compact: (document, state) => storage.compact(document, state),
    readState: (document) => storage.readState(document),
    commit(batch, setAsideRows) {
      if (failing && setAsideRows && setAsideRows.length > 0) {
        failures += 1;
        return Promise.reject(new Error('panne simulée du stockage'));
      }
      return storage.commit(batch, setAsideRows);
    },
  });
  beforeAll(async () => {
    cluster = await startTwoProcesses({ storage: failingSetAside });
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
  }

  const setAsideTold = (candidateId: number) =>
    waitFor(
      () => history(candidateId).some((row) => row.action === OVERRULED_ENTRY),
      'saisie écartée enregistrée',
    );
  // Both processes have heard of both marks: a row more would have come by now.
  const settled = () => new Promise((resolve) => setTimeout(resolve, 500));

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
    await setAsideTold(candidateId);
    await settled();
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
    await settled();
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

  it('is told with the next commit when the one that carried it failed', async () => {
    const { passages } = examiners.room;
    expect(passages.length).toBeGreaterThanOrEqual(4);
    const candidateId = passages[2]?.candidateId as number;
    failing = true;
    await typedAtOnce(candidateId, 'kept');
    await waitFor(() => failures > 0, 'enregistrement de la saisie écartée en échec');
    await settled();
    expect(history(candidateId)).toHaveLength(2);
    failing = false;
    // Nothing is tried again on its own; the next mark's commit, on either process, carries it.
    const next = passages[3]?.candidateId as number;
    examiners.onA.change((doc) => writeOralEntry(doc, next, 'U41', { mark: 12 }));
    examiners.onB.change((doc) => writeOralEntry(doc, next, 'U42', { mark: 13 }));
    await setAsideTold(candidateId);
    await settled();
    expect(history(candidateId).map((row) => row.action)).toEqual([
      'saisie',
      'saisie',
      OVERRULED_ENTRY,
    ]);
    expect(history(candidateId)[2]).toEqual(setAside(examiners.colleague.me.user.id));
  });
});
