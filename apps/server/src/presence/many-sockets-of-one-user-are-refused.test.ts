import { io } from 'socket.io-client';
import type { Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '@delib/protocol';
import type {
  BoardView,
  ClientToServerEvents,
  PresenceEntry,
  ServerToClientEvents,
} from '@delib/protocol';
import { presidentBoard, settle } from '../test-support/deliberation-steps.js';
import { signIn } from '../test-support/sign-in.js';
import { waitFor } from '../test-support/sync-client.js';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';
import { MAX_SOCKETS_PER_USER } from './presence-hub.js';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A page's socket and what it heard of the jury's presence. */
interface Page {
  socket: Client;
  updates: PresenceEntry[][];
}

/**
 * One account cannot hold the server with socket.io connections: beyond MAX_SOCKETS_PER_USER
 * live connections of one user the handshake is refused (connect_error, in French), and the
 * jury's presence list is sent once for a burst of watches, not once per watch to every
 * socket (1000 sockets of one member made 500,500 packets and /api/health wait 9.8 s).
 */
describe('many socket.io connections of one user', () => {
  let server: TestServer;
  let board: BoardView;
  let presidentCookie: string;
  let memberCookie: string;
  let memberId: string;
  let pages: Page[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    const signedIn = await presidentBoard(server);
    board = signedIn.board;
    presidentCookie = signedIn.president.cookie;
    const member = await signIn(server.url, 'membre.roux');
    memberCookie = member.cookie;
    memberId = member.me.user.id;
  });
  afterEach(async () => {
    for (const page of pages) page.socket.disconnect();
    pages = [];
    // The server has seen the disconnections before the next test counts again.
    await waitFor(
      () => server.app.presence.io.of('/').sockets.size === 0,
      'toutes les connexions fermées',
    );
  });
  afterAll(async () => {
    await server.stop();
  });

  /** Opens a socket; resolves once connected, or with the refusal's message and data. */
  async function open(
    cookie: string,
  ): Promise<{ page: Page; refusal: null | { message: string; data: unknown } }> {
    const socket: Client = io(server.url, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      extraHeaders: { cookie, origin: server.origin },
    });
    const page: Page = { socket, updates: [] };
    pages.push(page);
    socket.on('presence:update', (_juryId, people) => page.updates.push(people));
    const refusal = await new Promise<null | { message: string; data: unknown }>((resolve) => {
      socket.on('connect', () => resolve(null));
      socket.on('connect_error', (error) =>
        resolve({ message: error.message, data: (error as Error & { data?: unknown }).data }),
      );
    });
    return { page, refusal };
  }

  const watch = (page: Page, juryId: number) =>
    new Promise<{ ok: boolean }>((resolve) => page.socket.emit('presence:watch', juryId, resolve));

  it(`accepts ${MAX_SOCKETS_PER_USER} connections of one user, refuses the next in French, and counts only live ones`, async () => {
    const opened = await Promise.all(
      Array.from({ length: MAX_SOCKETS_PER_USER }, () => open(memberCookie)),
    );
    expect(opened.map((attempt) => attempt.refusal)).toEqual(opened.map(() => null));

    const beyond = await open(memberCookie);
    expect(beyond.refusal?.message).toMatch(/^Trop de connexions ouvertes pour ce compte/);
    expect(beyond.refusal?.data).toMatchObject({ code: ErrorCode.RATE_LIMITED });
    // A burst of handshakes does not slip through together either.
    const burst = await Promise.all(Array.from({ length: 20 }, () => open(memberCookie)));
    expect(burst.filter((attempt) => attempt.refusal === null)).toHaveLength(0);

    // Someone else is not held by that user's connections.
    expect((await open(presidentCookie)).refusal).toBeNull();

    // A closed tab frees its place.
    const first = opened[0] as { page: Page };
    first.page.socket.disconnect();
    await waitFor(
      () =>
        [...server.app.presence.io.of('/').sockets.values()].filter(
          (socket) => socket.data.user.id === memberId,
        ).length ===
        MAX_SOCKETS_PER_USER - 1,
      'une connexion du membre fermée',
    );
    expect((await open(memberCookie)).refusal).toBeNull();
    expect((await open(memberCookie)).refusal).not.toBeNull();
  });

  it('sends the list once for a burst of watches, and not again when nothing changed', async () => {
    const { page: president } = await open(presidentCookie);
    expect((await watch(president, board.jury.id)).ok).toBe(true);
    await waitFor(() => president.updates.length > 0, 'la présidente listée');
    await settle(300);
    const heardBefore = president.updates.length;

    const members: Page[] = [];
    for (let index = 0; index < MAX_SOCKETS_PER_USER; index++) {
      const { page, refusal } = await open(memberCookie);
      expect(refusal).toBeNull();
      members.push(page);
    }
    // Every tab watches at once: one watch per socket, sent back to back.
    const answers = await Promise.all(members.map((page) => watch(page, board.jury.id)));
    expect(answers.every((answer) => answer.ok)).toBe(true);
    const memberListed = (people: PresenceEntry[] | undefined) =>
      people?.find((entry) => entry.userId === memberId)?.connections === MAX_SOCKETS_PER_USER;
    await waitFor(() => memberListed(president.updates.at(-1)), 'les onglets du membre comptés');
    await settle(300);
    // Without grouping, each of the 16 watches sent the list to every socket of the jury:
    // 16 lists to the president, 136 to the member's tabs.
    const heardByPresident = president.updates.length - heardBefore;
    const heardByTabs = members.reduce((sum, page) => sum + page.updates.length, 0);
    expect(heardByPresident).toBeLessThanOrEqual(3);
    expect(heardByTabs).toBeLessThanOrEqual(3 * MAX_SOCKETS_PER_USER);
    expect(memberListed(president.updates.at(-1))).toBe(true);

    // Watching again what a tab already watches changes nobody's list: nothing is sent,
    // though each watch is answered with the list.
    const tab = members[0] as Page;
    const heardByTab = tab.updates.length;
    const again = await Promise.all(
      Array.from(
        { length: 50 },
        () =>
          new Promise<{ ok: boolean; value?: PresenceEntry[] }>((resolve) =>
            tab.socket.emit('presence:watch', board.jury.id, resolve),
          ),
      ),
    );
    expect(again.every((answer) => answer.ok && memberListed(answer.value))).toBe(true);
    await settle(300);
    expect(president.updates.length - heardBefore).toBe(heardByPresident);
    expect(tab.updates.length).toBe(heardByTab);

    // A real change is still sent: a tab closing lowers the count the president sees.
    tab.socket.disconnect();
    await waitFor(
      () =>
        president.updates.at(-1)?.find((entry) => entry.userId === memberId)?.connections ===
        MAX_SOCKETS_PER_USER - 1,
      'un onglet du membre fermé',
    );
  });
});
