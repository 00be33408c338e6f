import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScheduleReport } from '@delib/protocol';
import { AdminClient } from '../test-support/admin-client.js';
import { lockNamingIncomplete, presidentBoard } from '../test-support/deliberation-steps.js';
import { roomHearing, roomPassages } from '../test-support/passage-steps.js';
import type { Refusal } from '../test-support/passage-steps.js';
import { signIn } from '../test-support/sign-in.js';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';

/**
 * A schedule file that would remove many passages from a locked jury's room is refused with
 * one problem for that room, counting them, not the same sentence once per passage; nothing
 * is written.
 */
describe('a schedule import on a locked jury', () => {
  let server: TestServer;
  let admin: AdminClient;

  beforeAll(async () => {
    server = await startTestServer();
    admin = await AdminClient.signIn(server);
  });
  afterAll(async () => {
    await server.stop();
  });

  it('names each locked room once, with the passages the file would remove', async () => {
    const { board } = await presidentBoard(server);
    const president = await signIn(server.url, 'presidente');
    expect((await lockNamingIncomplete(server, board.jury.id, president.cookie)).status).toBe(201);
    const room = roomHearing(board, 'U22');
    const before = await roomPassages(admin, room.id);
    expect(before.length).toBeGreaterThan(2);
    const [first] = before;
    if (!first) throw new Error('salle vide');
    // The room's first passage, unchanged: every other one would be removed.
    const file = [
      'numéro;commission;ordre;heure',
      `${first.number};${room.name};${first.position};${first.time ?? ''}`,
    ].join('\n');
    const sessionId = board.session.id;

    const preview = await admin.csv<ScheduleReport>(
      `/api/admin/exam-sessions/${sessionId}/schedule/preview`,
      file,
    );
    expect(preview.status).toBe(200);
    const locked = preview.body.problems.filter((problem) => problem.code === 'JURY_LOCKED');
    expect(locked).toEqual([
      {
        line: null,
        column: null,
        code: 'JURY_LOCKED',
        message: `${room.name} (${room.room}) : le jury a verrouillé la délibération, son planning ne peut plus changer (${before.length - 1} passages que ce fichier retirerait).`,
      },
    ]);

    const imported = await admin.csv<Refusal<ScheduleReport>>(
      `/api/admin/exam-sessions/${sessionId}/schedule/import`,
      file,
    );
    expect(imported.status).toBe(422);
    expect(
      imported.body.error.details.problems.filter((problem) => problem.code === 'JURY_LOCKED'),
    ).toHaveLength(1);
    expect(await roomPassages(admin, room.id)).toEqual(before);
  });
});
