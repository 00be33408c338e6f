import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFilledGrid, readOralEntry, writeFilledGrid, writeOralEntry } from '@delib/protocol';
import type { CommissionView } from '@delib/protocol';
import { settle } from '../test-support/deliberation-steps.js';
import { openRawSync } from '../test-support/raw-sync-client.js';
import { firstRoomOf, signIn } from '../test-support/sign-in.js';
import type { SignedIn } from '../test-support/sign-in.js';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';

describe('an evaluation grid is stored with the entry and audited', () => {
  let server: TestServer;
  let examiner: SignedIn;
  let room: CommissionView;

  beforeAll(async () => {
    server = await startTestServer();
    examiner = await signIn(server.url, 'e4.enseignante');
    room = await firstRoomOf(server.url, examiner);
  });
  afterAll(async () => {
    await server.stop();
  });

  it('keeps the grid beside the mark, across connections, with one audit row each', async () => {
    const candidateId = room.passages[0]?.candidateId as number;
    const open = () =>
      openRawSync(server.url, room.document, { cookie: examiner.cookie, origin: server.origin });
    const client = await open();
    const grid = { cibler: 's', vendre: 's', fideliser: 'i', communication: 'ts' };
    client.change((doc) =>
      doc.transact(() => {
        writeFilledGrid(doc, candidateId, 'U41', grid);
        writeOralEntry(doc, candidateId, 'U41', { mark: 12 });
      }),
    );
    await settle();
    client.close();

    const fresh = await open();
    expect(readFilledGrid(fresh.doc, candidateId, 'U41')).toEqual(grid);
    expect(readOralEntry(fresh.doc, candidateId, 'U41')).toEqual({ mark: 12 });
    fresh.close();

    const rows = server.app.db
      .prepare(
        `SELECT user_id AS "userId", action, candidate_id AS "candidateId", unit, after
         FROM audit_log WHERE document = ? ORDER BY id`,
      )
      .all(room.document) as {
      userId: string;
      action: string;
      candidateId: number;
      unit: string;
      after: string;
    }[];
    expect(
      rows.map((row) => [row.action, row.candidateId, row.unit, JSON.parse(row.after)]),
    ).toEqual(
      expect.arrayContaining([
        ['grille', candidateId, 'U41', grid],
        ['saisie', candidateId, 'U41', { mark: 12 }],
      ]),
    );
    expect(rows.every((row) => row.userId === examiner.me.user.id)).toBe(true);
  });

  it('lets the examiner change one level, and audits the change from before to after', async () => {
    const candidateId = room.passages[0]?.candidateId as number;
    const client = await openRawSync(server.url, room.document, {
      cookie: examiner.cookie,
      origin: server.origin,
    });
    client.change((doc) =>
      writeFilledGrid(doc, candidateId, 'U41', {
        ...readFilledGrid(doc, candidateId, 'U41'),
        vendre: 'ts',
      }),
    );
    await settle();
    client.close();
    const last = server.app.db
      .prepare(
        `SELECT action, before, after FROM audit_log WHERE document = ? ORDER BY id DESC LIMIT 1`,
      )
      .get(room.document) as { action: string; before: string; after: string };
    expect(last.action).toBe('grille');
    expect(JSON.parse(last.before)).toMatchObject({ vendre: 's' });
    expect(JSON.parse(last.after)).toMatchObject({ vendre: 'ts', cibler: 's' });
  });
});
