import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOralEntry, writeOralEntry } from '@delib/protocol';
import type { BoardView, PassageInput, ScheduleReport } from '@delib/protocol';
import { AdminClient } from '../test-support/admin-client.js';
import type { Answer } from '../test-support/admin-client.js';
import {
  candidateNumbered,
  enterOrals,
  lockNamingIncomplete,
  presidentBoard,
  settle,
} from '../test-support/deliberation-steps.js';
import { roomHearing, roomPassages, savePassages, without } from '../test-support/passage-steps.js';
import type { Refusal } from '../test-support/passage-steps.js';
import { openRawSync } from '../test-support/raw-sync-client.js';
import { signIn } from '../test-support/sign-in.js';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';

/**
 * Removing a passage that holds entries is refused by the server unless the admin confirms
 * it with the token of exactly the entries shown (each named: candidate, unit, value).
 */
describe('removing a passage that holds entries needs a confirmation', () => {
  let server: TestServer;
  let admin: AdminClient;
  let board: BoardView;
  let room: BoardView['commissions'][number];

  beforeAll(async () => {
    server = await startTestServer();
    admin = await AdminClient.signIn(server);
    ({ board } = await presidentBoard(server));
    room = roomHearing(board, 'U22');
    await enterOrals(server, board, candidateNumbered(board, '02700004'), { U22: { mark: 12 } });
    await enterOrals(server, board, candidateNumbered(board, '02700005'), {
      U22: { absent: 'justified' },
    });
  });
  afterAll(async () => {
    await server.stop();
  });

  /** The admin saves the room's passages without `number`, with `token` (none: unconfirmed). */
  const saveWithout = <T = Refusal<ScheduleReport>>(
    before: PassageInput[],
    number: string,
    token: string | null = null,
  ) => savePassages<T>(admin, room.id, without(before, number), token);
  /** The confirmation token a refusal shows, or null. */
  const tokenOf = (refused: Answer<Refusal<ScheduleReport>>) =>
    refused.body.error.details.changes?.confirmation ?? null;
  /** The token the server shows for removing `number` from the passages `before`. */
  const tokenShown = async (before: PassageInput[], number: string) =>
    tokenOf(await saveWithout(before, number));
  /** The room's document as its examiner opens it. */
  const openRoomAsExaminer = async () => {
    const examiner = await signIn(server.url, 'e22.anglais');
    return openRawSync(server.url, room.document, {
      cookie: examiner.cookie,
      origin: server.origin,
    });
  };

  it('refuses without confirmation, naming the entry, and changes nothing', async () => {
    const before = await roomPassages(admin, room.id);
    const refused = await saveWithout(before, '02700004');
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('CONFIRMATION_REQUIRED');
    expect(refused.body.error.message).toMatch(/1 passage retiré ôterait 1 saisie/);
    const candidate = candidateNumbered(board, '02700004');
    expect(refused.body.error.details.changes?.leaving).toEqual([
      {
        number: '02700004',
        name: `${candidate.lastName.toLocaleUpperCase('fr')} ${candidate.firstName}`,
        unit: 'U22',
        kind: 'Saisie en salle',
        value: '12',
        place: `${room.name} (${room.room})`,
      },
    ]);
    expect(refused.body.error.details.changes?.confirmation).toMatch(/^[0-9a-f]{32}$/);
    expect(await roomPassages(admin, room.id)).toEqual(before);
  });

  it('refuses a token made for other entries, or forged', async () => {
    const before = await roomPassages(admin, room.id);
    // The token of removing 02700005 (an ABJ) does not confirm removing 02700004 (a 12).
    const other = await saveWithout(before, '02700005');
    expect(other.status).toBe(409);
    expect(other.body.error.details.changes?.leaving.map((entry) => entry.value)).toEqual(['ABJ']);
    const otherToken = tokenOf(other);
    for (const token of [otherToken, 'f'.repeat(32), '', 'x'.repeat(64)]) {
      const forged = await saveWithout(before, '02700004', token);
      expect(forged.status).toBe(409);
      expect(forged.body.error.code).toBe('CONFIRMATION_REQUIRED');
    }
    const tooLong = await saveWithout<unknown>(before, '02700004', 'x'.repeat(65));
    expect(tooLong.status).toBe(400);
    expect(await roomPassages(admin, room.id)).toEqual(before);
  });

  it('refuses a token when the entry changed since it was shown', async () => {
    const before = await roomPassages(admin, room.id);
    const token = await tokenShown(before, '02700004');
    // The examiner corrects the mark meanwhile: 12 → 13.
    await enterOrals(server, board, candidateNumbered(board, '02700004'), { U22: { mark: 13 } });
    const stale = await saveWithout(before, '02700004', token);
    expect(stale.status).toBe(409);
    expect(stale.body.error.details.changes?.leaving.map((entry) => entry.value)).toEqual(['13']);
    expect(await roomPassages(admin, room.id)).toEqual(before);
  });

  it('refuses people who are not the centre, whatever token they send', async () => {
    const before = await roomPassages(admin, room.id);
    const token = await tokenShown(before, '02700004');
    for (const login of ['presidente', 'e22.anglais', 'membre.roux']) {
      const intruder = await AdminClient.signIn(server, login);
      const answer = await savePassages(intruder, room.id, without(before, '02700004'), token);
      expect(answer.status, login).toBe(403);
    }
    const anonymous = new AdminClient(server, null);
    expect(
      (await savePassages(anonymous, room.id, without(before, '02700004'), token)).status,
    ).toBe(401);
    expect(await roomPassages(admin, room.id)).toEqual(before);
  });

  it('removes the passage with the token shown, and keeps the entry in the room’s document', async () => {
    const before = await roomPassages(admin, room.id);
    const token = await tokenShown(before, '02700004');
    const saved = await saveWithout<ScheduleReport>(before, '02700004', token);
    expect(saved.status).toBe(200);
    expect(saved.body.applied).toBe(true);
    expect(saved.body.changes?.removed).toEqual([
      { number: '02700004', commission: `${room.name} (${room.room})` },
    ]);
    expect((await roomPassages(admin, room.id)).map((p) => p.number)).not.toContain('02700004');
    // The board no longer reads U22 for this candidate…
    const after = (await presidentBoard(server)).board;
    expect(candidateNumbered(after, '02700004').commissionByUnit.U22).toBeUndefined();
    // …but the room's document still holds the 13, as its examiner wrote it.
    const client = await openRoomAsExaminer();
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(client.doc));
    client.close();
    expect(readOralEntry(copy, candidateNumbered(board, '02700004').id, 'U22')).toEqual({
      mark: 13,
    });
  });

  it('lets the room write no more for the removed candidate', async () => {
    const client = await openRoomAsExaminer();
    const closed = client.closed;
    client.change((doc) =>
      writeOralEntry(doc, candidateNumbered(board, '02700004').id, 'U22', { mark: 20 }),
    );
    const outcome = await Promise.race([closed, settle(500).then(() => null)]);
    client.close();
    expect(outcome?.reason ?? '').toMatch(/n’évalue pas ce candidat/);
  });

  it('removes a passage without entries at once', async () => {
    const before = await roomPassages(admin, room.id);
    const empty = before.find((passage) => !['02700004', '02700005'].includes(passage.number));
    if (!empty) throw new Error('aucun passage sans saisie');
    const saved = await saveWithout<ScheduleReport>(before, empty.number);
    expect(saved.status).toBe(200);
    expect(saved.body.changes?.leaving).toEqual([]);
    expect(saved.body.changes?.confirmation).toBeNull();
  });

  it('refuses any change once the jury is locked, even with the token shown before', async () => {
    const before = await roomPassages(admin, room.id);
    const marked = before.find((passage) => passage.number === '02700005');
    if (!marked) throw new Error('02700005 absent de la salle');
    const token = await tokenShown(before, '02700005');
    const president = await signIn(server.url, 'presidente');
    expect((await lockNamingIncomplete(server, board.jury.id, president.cookie)).status).toBe(201);
    const locked = await saveWithout(before, '02700005', token);
    expect(locked.status).toBe(422);
    expect(locked.body.error.details.problems.map((problem) => problem.code)).toContain(
      'JURY_LOCKED',
    );
    expect(await roomPassages(admin, room.id)).toEqual(before);
  });
});
