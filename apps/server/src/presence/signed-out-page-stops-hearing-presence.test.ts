import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoardView } from '@delib/protocol';
import { presidentBoard, settle } from '../test-support/deliberation-steps.js';
import { roomHearing } from '../test-support/passage-steps.js';
import { openPresencePage } from '../test-support/presence-page.js';
import type { PresenceClient, PresencePage } from '../test-support/presence-page.js';
import { signIn } from '../test-support/sign-in.js';
import type { SignedIn } from '../test-support/sign-in.js';
import { waitFor } from '../test-support/sync-client.js';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';

/**
 * A signed-out session's socket.io connections are closed at once, as its sync connections
 * are (SessionStore.onRevoked): the page hears no more of who is connected where. The
 * user's other sessions go on. A session that ended without anyone saying so (expired) is
 * found by the periodic reading of sessions and rights.
 */
describe('a signed-out page stops hearing the jury’s presence', () => {
  let server: TestServer;
  let board: BoardView;
  let presidentCookie: string;
  const sockets: PresenceClient[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    const signedIn = await presidentBoard(server);
    board = signedIn.board;
    presidentCookie = signedIn.president.cookie;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await server.stop();
  });

  async function watching(cookie: string): Promise<PresencePage> {
    const opened = await openPresencePage(server, cookie, { jury: board.jury.id }, sockets);
    expect(opened.answer.ok).toBe(true);
    return opened;
  }

  /** An examiner announces their room of the jury: the jury's list changes. */
  async function examinerArrives(): Promise<SignedIn> {
    const examiner = await signIn(server.url, 'e22.anglais');
    const room = { room: roomHearing(board, 'U22').id };
    expect((await openPresencePage(server, examiner.cookie, room, sockets)).answer.ok).toBe(true);
    return examiner;
  }

  const listed = (page: PresencePage, userId: string) =>
    page.updates.at(-1)?.find((entry) => entry.userId === userId);

  it('closes the signed-out session’s socket at once; the same user’s other session goes on', async () => {
    const president = await watching(presidentCookie);
    const signedOut = await signIn(server.url, 'membre.roux');
    const stillIn = await signIn(server.url, 'membre.roux');
    const memberId = signedOut.me.user.id;
    const closing = await watching(signedOut.cookie);
    const staying = await watching(stillIn.cookie);
    await waitFor(() => listed(president, memberId)?.connections === 2, 'deux pages du membre');

    const logout = await fetch(`${server.url}/api/auth/logout`, {
      method: 'POST',
      headers: { cookie: signedOut.cookie, origin: server.origin },
    });
    expect(logout.status).toBe(204);
    // No event from the page needed: the sign-out itself ends the connection.
    await waitFor(() => closing.disconnected !== null, 'page déconnectée à la déconnexion');
    expect(closing.disconnected).toBe('io server disconnect');
    const heardWhenClosed = closing.updates.length;

    await waitFor(() => listed(president, memberId)?.connections === 1, 'une page du membre');
    const examiner = await examinerArrives();
    await waitFor(
      () => listed(staying, examiner.me.user.id) !== undefined,
      'l’autre session du membre voit l’examinateur',
    );
    await settle(200);
    expect(closing.updates.length).toBe(heardWhenClosed);
    expect(staying.disconnected).toBeNull();
    expect(
      [...server.app.presence.io.of('/').sockets.values()].filter(
        (socket) =>
          socket.data.sessionId ===
          ((signedOut.cookie.split('=')[1] as string).split('.')[0] as string),
      ),
    ).toEqual([]);
  });

  it('closes, at the periodic reading, a socket whose session expired unannounced', async () => {
    const expiring = await signIn(server.url, 'membre.girard');
    const page = await watching(expiring.cookie);
    const sessionId = (expiring.cookie.split('=')[1] as string).split('.')[0] as string;
    server.app.db.prepare('UPDATE sessions SET expires_at = 0 WHERE id = ?').run(sessionId);
    await settle(100);
    expect(page.disconnected).toBeNull();

    server.app.presence.sweepRights();
    await waitFor(() => page.disconnected !== null, 'page de la session expirée fermée');
    expect(page.disconnected).toBe('io server disconnect');
  });
});
