import { io } from 'socket.io-client';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ClientToServerEvents,
  PassagesChangedEvent,
  PresenceEntry,
  ServerToClientEvents,
} from '@delib/protocol';
import { AdminClient } from '../test-support/admin-client.js';
import { presidentBoard } from '../test-support/deliberation-steps.js';
import { roomHearing, roomPassages, savePassages, without } from '../test-support/passage-steps.js';
import { signIn } from '../test-support/sign-in.js';
import { waitFor } from '../test-support/sync-client.js';
import { startTwoProcesses } from '../test-support/two-processes.js';
import type { TwoProcesses } from '../test-support/two-processes.js';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * socket.io's rooms span the processes (`@socket.io/redis-adapter`): who is connected to a
 * jury, and the centre's announcements, reach the pages whichever process holds them.
 */
describe('presence and announcements across processes', () => {
  let cluster: TwoProcesses;
  const sockets: Client[] = [];
  beforeAll(async () => {
    cluster = await startTwoProcesses();
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await cluster.stop();
  });

  function page(url: string, cookie: string): Client {
    const socket: Client = io(url, {
      transports: ['websocket'],
      extraHeaders: { cookie, origin: url },
    });
    sockets.push(socket);
    return socket;
  }

  it('lists an examiner of process A to the president on process B, and tells B of passages changed on A', async () => {
    const { a, b } = cluster;
    const { board } = await presidentBoard(a);
    const room = roomHearing(board, 'U22');

    const president = await signIn(b.url, 'presidente');
    const watcher = page(b.url, president.cookie);
    const presence: PresenceEntry[][] = [];
    const changes: PassagesChangedEvent[] = [];
    watcher.on('presence:update', (_juryId, people) => presence.push(people));
    watcher.on('passages:changed', (event) => changes.push(event));
    const watching = await new Promise<{ ok: boolean }>((resolve) =>
      watcher.emit('presence:watch', board.jury.id, resolve),
    );
    expect(watching.ok).toBe(true);

    const examiner = await signIn(a.url, 'e22.anglais');
    const examinerPage = page(a.url, examiner.cookie);
    const joined = await new Promise<{ ok: boolean }>((resolve) =>
      examinerPage.emit('presence:room', room.id, resolve),
    );
    expect(joined.ok).toBe(true);
    await waitFor(
      () => presence.at(-1)?.some((entry) => entry.userId === examiner.me.user.id) === true,
      'examinateur du processus A listé sur B',
    );
    expect(presence.at(-1)?.find((entry) => entry.userId === examiner.me.user.id)).toMatchObject({
      commissionId: room.id,
      connections: 1,
    });

    const admin = await AdminClient.signIn(a);
    const passages = await roomPassages(admin, room.id);
    const saved = await savePassages(
      admin,
      room.id,
      without(passages, passages.at(-1)?.number ?? ''),
    );
    expect(saved.status).toBe(200);
    await waitFor(() => changes.length > 0, 'passages:changed reçu sur B');
    expect(changes).toEqual([{ juryId: board.jury.id, commissionIds: [room.id] }]);
  });
});
