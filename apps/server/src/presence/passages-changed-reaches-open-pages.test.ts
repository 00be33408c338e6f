import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoardView, PassagesChangedEvent, ScheduleReport } from '@delib/protocol';
import { AdminClient } from '../test-support/admin-client.js';
import { presidentBoard, settle } from '../test-support/deliberation-steps.js';
import {
  roomHearing,
  roomPassages,
  savePassages,
  withAgain,
  without,
} from '../test-support/passage-steps.js';
import { openPresencePage } from '../test-support/presence-page.js';
import type { PresenceClient } from '../test-support/presence-page.js';
import { signIn } from '../test-support/sign-in.js';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';

/**
 * When the centre changes who passes where, the open pages of that jury's board and of the
 * rooms changed are told over socket.io (ids only) and load their data again. Nobody else
 * hears of it: not another room's examiners, not another jury.
 */
describe('a change of passages reaches the open boards and rooms of that jury only', () => {
  let server: TestServer;
  let admin: AdminClient;
  let board: BoardView;
  let otherJuryId: number;
  const sockets: PresenceClient[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    admin = await AdminClient.signIn(server);
    ({ board } = await presidentBoard(server));
    const other = await admin.json<{ jury: { id: number } }>(
      'POST',
      `/api/admin/exam-sessions/${board.session.id}/juries`,
      {
        name: 'Jury 2',
        appointmentRef: null,
        members: [
          {
            person: { login: 'autre.president', name: 'Paul Autre', password: 'mot-de-passe-long' },
            category: 'enseignant',
            president: true,
          },
        ],
      },
    );
    expect(other.status).toBe(201);
    otherJuryId = other.body.jury.id;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await server.stop();
  });

  /** A page's socket, announcing a room (examiner) or watching a jury; records what it hears. */
  async function page(
    login: string,
    subject: { room: number } | { jury: number },
    password?: string,
  ): Promise<{ heard: PassagesChangedEvent[]; answer: { ok: boolean } }> {
    const { cookie } = await signIn(server.url, login, password);
    const opened = await openPresencePage(server, cookie, subject, sockets);
    return { heard: opened.passages, answer: opened.answer };
  }

  it('tells the jury’s board and the changed room, and no one else', async () => {
    const e22 = roomHearing(board, 'U22');
    const e4 = roomHearing(board, 'U41');
    const president = await page('presidente', { jury: board.jury.id });
    const member = await page('membre.roux', { jury: board.jury.id });
    const centre = await page('admin', { jury: board.jury.id });
    const e22Examiner = await page('e22.anglais', { room: e22.id });
    const e4Examiner = await page('e4.enseignante', { room: e4.id });
    const otherPresident = await page(
      'autre.president',
      { jury: otherJuryId },
      'mot-de-passe-long',
    );
    // Someone of another jury may not follow this one (and so hears nothing of it).
    const intruder = await page('autre.president', { jury: board.jury.id }, 'mot-de-passe-long');
    expect(intruder.answer.ok).toBe(false);
    for (const listener of [president, member, centre, e22Examiner, e4Examiner, otherPresident])
      expect(listener.answer.ok).toBe(true);

    const passages = await roomPassages(admin, e22.id);
    const last = passages.at(-1)?.number as string;
    const removed = await savePassages<ScheduleReport>(admin, e22.id, without(passages, last));
    expect(removed.status).toBe(200);
    await settle(300);
    const expected = [{ juryId: board.jury.id, commissionIds: [e22.id] }];
    expect(president.heard).toEqual(expected);
    expect(member.heard).toEqual(expected);
    expect(centre.heard).toEqual(expected);
    expect(e22Examiner.heard).toEqual(expected);
    expect(e4Examiner.heard).toEqual([]);
    expect(otherPresident.heard).toEqual([]);
    expect(intruder.heard).toEqual([]);

    // Saving the same order again changes nothing: nobody is bothered.
    expect((await savePassages(admin, e22.id, without(passages, last))).status).toBe(200);
    await settle(300);
    expect(president.heard).toHaveLength(1);

    expect(
      (await savePassages(admin, e22.id, withAgain(without(passages, last), last))).status,
    ).toBe(200);
    await settle(300);
    expect(president.heard).toHaveLength(2);
    expect(e22Examiner.heard).toHaveLength(2);
    expect(e4Examiner.heard).toEqual([]);
  });
});
