import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoardView } from '@delib/protocol';
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
import type { PresenceClient, PresencePage } from '../test-support/presence-page.js';
import { signIn } from '../test-support/sign-in.js';
import { waitFor } from '../test-support/sync-client.js';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';

/**
 * A member removed from a jury while their board is open, or an examiner removed from a room
 * they have open, stops hearing who is connected to the jury and its announcements as the
 * removal is made (the removal route has their sockets read again, as it has their sync
 * connections), and leaves the list the others see. The others go on hearing.
 */
describe('a member or examiner removed with the page open', () => {
  let server: TestServer;
  let board: BoardView;
  let admin: AdminClient;
  let president: PresencePage;
  const sockets: PresenceClient[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    const signedIn = await presidentBoard(server);
    board = signedIn.board;
    admin = await AdminClient.signIn(server);
    president = await page(signedIn.president.cookie, { jury: board.jury.id });
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await server.stop();
  });

  async function page(
    cookie: string,
    subject: { jury: number } | { room: number },
  ): Promise<PresencePage> {
    const opened = await openPresencePage(server, cookie, subject, sockets);
    expect(opened.answer.ok).toBe(true);
    return opened;
  }

  const listed = (userId: string) =>
    president.updates.at(-1)?.some((entry) => entry.userId === userId) === true;

  /** Someone arrives in the jury: its list changes, and the president hears it. */
  async function someoneArrives(login: string): Promise<void> {
    const arriving = await signIn(server.url, login);
    await page(arriving.cookie, { jury: board.jury.id });
    await waitFor(() => listed(arriving.me.user.id), `${login} listé`);
    await settle(200);
  }

  /** The centre takes a passage out of a room and puts it back: two announcements. */
  async function passagesChange(commissionId: number): Promise<void> {
    const before = president.passages.length;
    const passages = await roomPassages(admin, commissionId);
    const last = passages.at(-1)?.number as string;
    expect((await savePassages(admin, commissionId, without(passages, last))).status).toBe(200);
    expect(
      (await savePassages(admin, commissionId, withAgain(without(passages, last), last))).status,
    ).toBe(200);
    await waitFor(() => president.passages.length === before + 2, 'passages annoncés');
    await settle(200);
  }

  it('a removed member hears the jury no more, and leaves its list', async () => {
    const member = await signIn(server.url, 'membre.martin');
    const removedPage = await page(member.cookie, { jury: board.jury.id });
    await waitFor(() => listed(member.me.user.id), 'membre listé');

    const removed = await admin.json(
      'DELETE',
      `/api/admin/juries/${board.jury.id}/members/${member.me.user.id}`,
      {},
    );
    expect(removed.status).toBeLessThan(300);
    await waitFor(() => !listed(member.me.user.id), 'membre retiré de la liste');
    const heard = removedPage.updates.length;
    const announced = removedPage.passages.length;

    await someoneArrives('membre.roux');
    await passagesChange(roomHearing(board, 'U22').id);
    expect(removedPage.updates.length).toBe(heard);
    expect(removedPage.passages.length).toBe(announced);
    // And watching again is refused.
    const again = await new Promise<{ ok: boolean }>((resolve) =>
      removedPage.socket.emit('presence:watch', board.jury.id, resolve),
    );
    expect(again.ok).toBe(false);
  });

  it('an examiner removed from their room hears the jury and the room no more', async () => {
    const examiner = await signIn(server.url, 'e22.anglais');
    const room = roomHearing(board, 'U22');
    const removedPage = await page(examiner.cookie, { room: room.id });
    await waitFor(() => listed(examiner.me.user.id), 'examinateur listé');

    const removed = await admin.json(
      'DELETE',
      `/api/admin/commissions/${room.id}/examiners/${examiner.me.user.id}`,
      {},
    );
    expect(removed.status).toBeLessThan(300);
    await waitFor(() => !listed(examiner.me.user.id), 'examinateur retiré de la liste');
    const heard = removedPage.updates.length;
    const announced = removedPage.passages.length;

    await someoneArrives('membre.girard');
    await passagesChange(room.id);
    expect(removedPage.updates.length).toBe(heard);
    expect(removedPage.passages.length).toBe(announced);
  });
});
