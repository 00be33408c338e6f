import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOralEntry } from '@delib/protocol';
import type { BoardView, HistoryRow, ScheduleReport } from '@delib/protocol';
import { verifyAuditChain } from '../audit/audit-trail.js';
import { openDatabase } from '../db/open-database.js';
import { AdminClient } from '../test-support/admin-client.js';
import {
  candidateNumbered,
  enterOrals,
  presidentBoard,
} from '../test-support/deliberation-steps.js';
import {
  roomHearing,
  roomPassages,
  savePassages,
  withAgain,
  without,
} from '../test-support/passage-steps.js';
import type { Refusal } from '../test-support/passage-steps.js';
import { openRawSync } from '../test-support/raw-sync-client.js';
import { getJson, signIn } from '../test-support/sign-in.js';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';

/**
 * An entry whose passage is removed is not lost: the audit trail records it leaving, and the
 * board shows it again, unchanged, when the passage comes back (also after a restart).
 */
describe('the entries of a removed passage come back with it', () => {
  let server: TestServer;
  let admin: AdminClient;
  let board: BoardView;
  let room: BoardView['commissions'][number];
  let candidateId: number;

  beforeAll(async () => {
    server = await startTestServer();
    admin = await AdminClient.signIn(server);
    ({ board } = await presidentBoard(server));
    room = roomHearing(board, 'U22');
    const candidate = candidateNumbered(board, '02700004');
    candidateId = candidate.id;
    await enterOrals(server, board, candidate, { U22: { mark: 12 } });
  });
  afterAll(async () => {
    await server.stop();
  });

  async function roomEntry(): Promise<unknown> {
    const examiner = await signIn(server.url, 'e22.anglais');
    const client = await openRawSync(server.url, room.document, {
      cookie: examiner.cookie,
      origin: server.origin,
    });
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(client.doc));
    client.close();
    return readOralEntry(copy, candidateId, 'U22');
  }

  async function history(): Promise<HistoryRow[]> {
    const president = await signIn(server.url, 'presidente');
    return (
      await getJson<HistoryRow[]>(
        `${server.url}/api/juries/${board.jury.id}/candidates/${candidateId}/history`,
        president.cookie,
      )
    ).body;
  }

  it('records the entry leaving in the audit trail when the passage is removed', async () => {
    const passages = await roomPassages(admin, room.id);
    const shown = await savePassages<Refusal<ScheduleReport>>(
      admin,
      room.id,
      without(passages, '02700004'),
    );
    const removed = await savePassages(
      admin,
      room.id,
      without(passages, '02700004'),
      shown.body.error.details.changes?.confirmation ?? null,
    );
    expect(removed.status).toBe(200);
    const rows = await history();
    expect(rows.map((row) => [row.action, row.unit, row.before, row.after])).toEqual([
      ['saisie', 'U22', null, { mark: 12 }],
      ['retrait-passage', 'U22', { mark: 12 }, null],
    ]);
    expect(rows[1]?.who).toBe('Service des examens');
    expect(rows[1]?.reason).toBe(
      `Passage retiré de ${room.name} (${room.room}) : la saisie est conservée.`,
    );
    const after = (await presidentBoard(server)).board;
    expect(candidateNumbered(after, '02700004').commissionByUnit.U22).toBeUndefined();
  });

  it('shows the same entry again when the passage comes back, even after a restart', async () => {
    await server.restart();
    admin = await AdminClient.signIn(server);
    expect(await roomEntry()).toEqual({ mark: 12 });
    const passages = await roomPassages(admin, room.id);
    const restored = await savePassages<ScheduleReport>(
      admin,
      room.id,
      withAgain(passages, '02700004'),
    );
    // Adding a passage takes nothing off the board: no confirmation asked.
    expect(restored.status).toBe(200);
    expect(restored.body.changes?.created.map((change) => change.number)).toEqual(['02700004']);
    const after = (await presidentBoard(server)).board;
    expect(candidateNumbered(after, '02700004').commissionByUnit.U22).toBe(room.id);
    expect(await roomEntry()).toEqual({ mark: 12 });
    const rows = await history();
    expect(rows.map((row) => [row.action, row.before, row.after])).toEqual([
      ['saisie', null, { mark: 12 }],
      ['retrait-passage', { mark: 12 }, null],
      ['retour-passage', null, { mark: 12 }],
    ]);
    const db = openDatabase(server.databasePath);
    try {
      expect(verifyAuditChain(db).ok).toBe(true);
    } finally {
      db.close();
    }
  });
});
