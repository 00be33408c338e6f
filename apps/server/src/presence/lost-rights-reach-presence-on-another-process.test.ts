import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoardView } from '@delib/protocol';
import { AdminClient } from '../test-support/admin-client.js';
import { presidentBoard } from '../test-support/deliberation-steps.js';
import { roomHearing } from '../test-support/passage-steps.js';
import { openPresencePage } from '../test-support/presence-page.js';
import type { PresenceClient, PresencePage } from '../test-support/presence-page.js';
import { signIn } from '../test-support/sign-in.js';
import { waitFor } from '../test-support/sync-client.js';
import { startTwoProcesses } from '../test-support/two-processes.js';
import type { TwoProcesses } from '../test-support/two-processes.js';

/**
 * A right lost through process B reaches the socket.io connections process A holds (cluster
 * events session-revoked and rights-changed): a sign-out on B disconnects the session's
 * sockets on A, an examiner's removal made on B takes their socket on A out of the jury.
 */
describe('a right lost through one process, for presence on the other', () => {
  let cluster: TwoProcesses;
  let board: BoardView;
  let president: PresencePage;
  const sockets: PresenceClient[] = [];

  beforeAll(async () => {
    cluster = await startTwoProcesses();
    const signedIn = await presidentBoard(cluster.a);
    board = signedIn.board;
    president = await page(signedIn.president.cookie, { jury: board.jury.id });
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await cluster.stop();
  });

  /** A page on process A. */
  async function page(
    cookie: string,
    subject: { jury: number } | { room: number },
  ): Promise<PresencePage> {
    const opened = await openPresencePage(cluster.a, cookie, subject, sockets);
    expect(opened.answer.ok).toBe(true);
    return opened;
  }

  const connectionsOf = (userId: string) =>
    president.updates.at(-1)?.find((entry) => entry.userId === userId)?.connections ?? 0;

  it('a sign-out on B disconnects the session’s socket on A', async () => {
    const member = await signIn(cluster.a.url, 'membre.roux');
    const closing = await page(member.cookie, { jury: board.jury.id });
    await waitFor(() => connectionsOf(member.me.user.id) === 1, 'membre listé');

    const out = await fetch(`${cluster.b.url}/api/auth/logout`, {
      method: 'POST',
      headers: { cookie: member.cookie, origin: cluster.b.origin },
    });
    expect(out.status).toBe(204);
    await waitFor(() => closing.disconnected !== null, 'page fermée sur A');
    expect(closing.disconnected).toBe('io server disconnect');
    await waitFor(() => connectionsOf(member.me.user.id) === 0, 'membre retiré de la liste');
  });

  it('an examiner removed on B leaves the jury on A', async () => {
    const examiner = await signIn(cluster.a.url, 'e22.anglais');
    const room = roomHearing(board, 'U22');
    const removedPage = await page(examiner.cookie, { room: room.id });
    await waitFor(() => connectionsOf(examiner.me.user.id) === 1, 'examinateur listé');

    const admin = await AdminClient.signIn(cluster.b);
    const removed = await admin.json(
      'DELETE',
      `/api/admin/commissions/${room.id}/examiners/${examiner.me.user.id}`,
      {},
    );
    expect(removed.status).toBeLessThan(300);
    await waitFor(() => connectionsOf(examiner.me.user.id) === 0, 'examinateur retiré sur A');
    const heard = removedPage.updates.length;
    const member = await signIn(cluster.a.url, 'membre.girard');
    await page(member.cookie, { jury: board.jury.id });
    await waitFor(() => connectionsOf(member.me.user.id) === 1, 'membre listé');
    expect(removedPage.updates.length).toBe(heard);
  });
});
