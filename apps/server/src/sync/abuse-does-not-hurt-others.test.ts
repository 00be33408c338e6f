import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { CloseCode, SYNC_PATH, writeOralEntry } from '@delib/protocol';
import type { CommissionView } from '@delib/protocol';
import { openHonestRoom } from '../test-support/honest-room.js';
import type { HonestRoom } from '../test-support/honest-room.js';
import { openRawSync, syncMessage } from '../test-support/raw-sync-client.js';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';
import { ALLOWANCE_TO_CONNECT, REFILL_PER_SECOND } from './sync-endpoint.js';

/**
 * Abuse from one client must not hurt the others: after each attack, a mark written by one
 * honest examiner still reaches the other honest examiner.
 */
describe('abuse of the sync endpoint', () => {
  let server: TestServer;
  let room: CommissionView;
  let cookie: string;
  /** A reader of the room (the centre's admin): floods come from a user other than the honest two. */
  let readerCookie: string;
  let honest: HonestRoom;

  beforeAll(async () => {
    server = await startTestServer();
    honest = await openHonestRoom(server.url);
    ({ room, examinerCookie: cookie, attackerCookie: readerCookie } = honest);
  });
  afterAll(async () => {
    honest.close();
    await server.stop();
  });

  const honestRoundTrip = (): Promise<void> => honest.roundTrip();

  const openReader = () =>
    openRawSync(server.url, room.document, { cookie: readerCookie, origin: server.origin });

  it('closes a flooding client (4429) and keeps serving the others', async () => {
    const flooder = await openReader();
    for (let i = 0; i < 1000; i++) flooder.sendRaw(syncMessage(0, new Uint8Array([0])));
    expect((await flooder.closed).code).toBe(CloseCode.RATE_LIMITED);
    await honestRoundTrip();
  });

  it('keeps the allowance per user: a reconnection does not get a fresh one', async () => {
    // A flood spends the reader's allowance: reconnecting at once is refused before the
    // handshake (a connection needs ALLOWANCE_TO_CONNECT messages, refilled in `refilled`),
    // and a connection made once a few messages have refilled is closed long before the 200
    // messages a fresh allowance would take. (The previous test's flood spent it too: wait
    // until it lets one in.)
    const refilled = 2 * (ALLOWANCE_TO_CONNECT / REFILL_PER_SECOND) * 1000;
    await new Promise((resolve) => setTimeout(resolve, refilled));
    const flooder = await openReader();
    for (let i = 0; i < 1000; i++) flooder.sendRaw(syncMessage(0, new Uint8Array([0])));
    expect((await flooder.closed).code).toBe(CloseCode.RATE_LIMITED);
    await expect(openReader()).rejects.toThrow('429');
    await new Promise((resolve) => setTimeout(resolve, refilled));
    const again = await openReader();
    for (let i = 0; i < 120; i++) again.sendRaw(syncMessage(0, new Uint8Array([0])));
    expect((await again.closed).code).toBe(CloseCode.RATE_LIMITED);
    await honestRoundTrip();
  });

  it('ignores what a refused connection had already sent', async () => {
    const warn = vi.spyOn(console, 'warn');
    try {
      const forger = await openRawSync(server.url, room.document, {
        cookie,
        origin: server.origin,
      });
      const candidate = room.passages[0]?.candidateId as number;
      // Thirty invalid marks in one burst: the first is refused and closes the connection.
      const bad = new Y.Doc();
      const before = Y.encodeStateVector(bad);
      writeOralEntry(bad, candidate, 'U41', { mark: 25 });
      const update = Y.encodeStateAsUpdate(bad, before);
      for (let i = 0; i < 30; i++) forger.sendUpdate(update);
      expect((await forger.closed).code).toBe(CloseCode.INVALID_UPDATE);
      const refusals = warn.mock.calls.filter((call) => String(call[0]).includes('refusée'));
      expect(refusals).toHaveLength(1);
    } finally {
      warn.mockRestore();
    }
    await honestRoundTrip();
  });

  it('drops a frame over 1 MiB (1009) and keeps serving the others', async () => {
    const big = await openRawSync(server.url, room.document, { cookie, origin: server.origin });
    big.sendRaw(new Uint8Array(2 * 1024 * 1024));
    expect((await big.closed).code).toBe(1009);
    await honestRoundTrip();
  });

  it('survives a thousand upgrade attempts without a session', async () => {
    const url = `${server.url.replace('http', 'ws')}${SYNC_PATH}/${room.document}`;
    const codes = await Promise.all(
      Array.from(
        { length: 1000 },
        () =>
          new Promise<number>((resolve) => {
            const ws = new WebSocket(url, { headers: { origin: server.origin } });
            ws.on('close', (code) => resolve(code));
            ws.on('error', () => resolve(-1));
          }),
      ),
    );
    expect(codes.filter((code) => code === CloseCode.UNAUTHENTICATED).length).toBe(1000);
    await honestRoundTrip();
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(200);
  });

  it('keeps serving the others while a client never reads what it is sent', async () => {
    const sleeper = await openRawSync(server.url, room.document, { cookie, origin: server.origin });
    // The sleeper stops reading its socket; the server keeps broadcasting to it.
    (sleeper.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    for (let i = 0; i < 50; i++) await honestRoundTrip();
    await honestRoundTrip();
    sleeper.ws.terminate();
  });
});
