import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode, writeJuryValue, candidateKey } from '@delib/protocol';
import type { BoardView, CommissionView } from '@delib/protocol';
import { AdminClient } from '../test-support/admin-client.js';
import { presidentBoard } from '../test-support/deliberation-steps.js';
import { openRawSync } from '../test-support/raw-sync-client.js';
import { getJson, signIn } from '../test-support/sign-in.js';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';

/**
 * Rights are read again for connections that only listen, not only before a write: a member
 * removed from a jury while their board is open, or an examiner removed from a room with the
 * room open, stops hearing its document (closed 4403 as the removal is made, and otherwise at
 * the next sweep of rights, every RIGHTS_SWEEP_MS), while the others go on.
 */
describe('a member removed from a jury with the board open', () => {
  let server: TestServer;
  let board: BoardView;
  let presidentCookie: string;

  beforeAll(async () => {
    server = await startTestServer();
    const signedIn = await presidentBoard(server);
    board = signedIn.board;
    presidentCookie = signedIn.president.cookie;
  });
  afterAll(async () => {
    await server.stop();
  });

  it('is closed 4403 as the removal is made, and hears nothing more', async () => {
    const member = await signIn(server.url, 'membre.martin');
    const document = board.juryDocument;
    const open = (cookie: string) =>
      openRawSync(server.url, document, { cookie, origin: server.origin });
    const listening = await open(member.cookie);
    const president = await open(presidentCookie);

    // Nothing changed: the sweep leaves both connections open.
    server.app.sync.sweepRights(0);
    const admin = await AdminClient.signIn(server);
    const removed = await admin.json(
      'DELETE',
      `/api/admin/juries/${board.jury.id}/members/${member.me.user.id}`,
      {},
    );
    expect(removed.status).toBeLessThan(300);
    // No sweep: the route itself has the member's connections read again.
    expect((await listening.closed).code).toBe(CloseCode.FORBIDDEN);

    // The president still writes, and the document holds it.
    const candidate = board.candidates[0]?.id as number;
    president.change((doc) =>
      writeJuryValue(doc, 'livret', candidateKey(candidate), { consulted: true }),
    );
    const reader = await open(presidentCookie);
    await expect
      .poll(() => reader.doc.getMap('livret').get(candidateKey(candidate)))
      .toEqual({ consulted: true });
    reader.close();
    president.close();
  });

  it('closes an examiner’s open room as they are removed from it', async () => {
    const examiner = await signIn(server.url, 'e22.anglais');
    const commissionId = examiner.me.commissions[0]?.id as number;
    const room = await getJson<CommissionView>(
      `${server.url}/api/commissions/${commissionId}`,
      examiner.cookie,
    );
    const open = await openRawSync(server.url, room.body.document, {
      cookie: examiner.cookie,
      origin: server.origin,
    });
    const admin = await AdminClient.signIn(server);
    const removed = await admin.json(
      'DELETE',
      `/api/admin/commissions/${commissionId}/examiners/${examiner.me.user.id}`,
      {},
    );
    expect(removed.status).toBeLessThan(300);
    expect((await open.closed).code).toBe(CloseCode.FORBIDDEN);
  });
});
