import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoardView } from '@delib/protocol';
import { AdminClient } from '../test-support/admin-client.js';
import { presidentBoard, settle } from '../test-support/deliberation-steps.js';
import { roomHearing, roomPassages, savePassages, without } from '../test-support/passage-steps.js';
import { openPresencePage } from '../test-support/presence-page.js';
import type { PresenceClient, PresencePage } from '../test-support/presence-page.js';
import { signIn } from '../test-support/sign-in.js';
import { waitFor } from '../test-support/sync-client.js';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';

/**
 * Who is connected to a jury (names, roles, rooms) is the board's business: the president's
 * and members' pages hear the list. An examiner's room, often a one-day professional's, is
 * listed in it but never hears it; it still hears what concerns its room.
 */
describe('an examiner’s room and the jury’s presence list', () => {
  let server: TestServer;
  let board: BoardView;
  let president: PresencePage;
  let examiner: PresencePage;
  let examinerId: string;
  const sockets: PresenceClient[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    const signedIn = await presidentBoard(server);
    board = signedIn.board;
    president = await openPresencePage(
      server,
      signedIn.president.cookie,
      { jury: board.jury.id },
      sockets,
    );
    const e22 = await signIn(server.url, 'e22.anglais');
    examinerId = e22.me.user.id;
    examiner = await openPresencePage(
      server,
      e22.cookie,
      { room: roomHearing(board, 'U22').id },
      sockets,
    );
    expect(president.answer.ok && examiner.answer.ok).toBe(true);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await server.stop();
  });

  const listed = (userId: string) =>
    president.updates.at(-1)?.some((entry) => entry.userId === userId) === true;

  it('the board lists the examiner; the examiner hears no list', async () => {
    await waitFor(() => listed(examinerId), 'examinateur listé');
    const member = await signIn(server.url, 'membre.roux');
    await openPresencePage(server, member.cookie, { jury: board.jury.id }, sockets);
    await waitFor(() => listed(member.me.user.id), 'membre listé');
    await settle(300);
    expect(president.updates.length).toBeGreaterThanOrEqual(2);
    expect(examiner.updates).toEqual([]);
  });

  it('the examiner still hears that the room’s passages changed', async () => {
    const admin = await AdminClient.signIn(server);
    const room = roomHearing(board, 'U22');
    const passages = await roomPassages(admin, room.id);
    const last = passages.at(-1)?.number as string;
    expect((await savePassages(admin, room.id, without(passages, last))).status).toBe(200);
    await waitFor(() => examiner.passages.length === 1, 'passages annoncés à la salle');
    expect(examiner.updates).toEqual([]);
  });
});
