import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode, SYNC_PATH } from '@delib/protocol';
import type { CommissionView } from '@delib/protocol';
import { openHonestRoom } from '../test-support/honest-room.js';
import type { HonestRoom } from '../test-support/honest-room.js';
import {
  openRawSync,
  rawRequest,
  syncMessage,
  UPGRADE_HEADERS,
} from '../test-support/raw-sync-client.js';
import { waitFor } from '../test-support/sync-client.js';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';
import { MAX_HELD_REFUSALS, MAX_HOLD_MS } from './sync-endpoint.js';

/**
 * A user whose allowance is spent is refused before the handshake: once with a 429, then,
 * while the refusal lasts, each reconnection is held open without an answer until the
 * allowance would let it in (a client that reconnects at once then waits, instead of
 * costing the server a thousand accepts a second). Held ones are bounded; a peer that
 * resets one, or a flood of them, must neither end the process nor stop the others.
 */
describe('reconnections refused for a spent allowance', () => {
  let server: TestServer;
  let room: CommissionView;
  let readerCookie: string;
  let honest: HonestRoom;

  beforeAll(async () => {
    server = await startTestServer();
    honest = await openHonestRoom(server.url);
    ({ room, attackerCookie: readerCookie } = honest);
  });
  afterAll(async () => {
    honest.close();
    await server.stop();
  });

  const honestRoundTrip = (): Promise<void> => honest.roundTrip();

  /** Spends the reader's allowance, then checks that the next attempt is answered 429. */
  async function spendTheReadersAllowance(): Promise<void> {
    // A refusal still running from an earlier test would hold the next attempt instead.
    await new Promise((resolve) => setTimeout(resolve, MAX_HOLD_MS));
    const flooder = await openRawSync(server.url, room.document, {
      cookie: readerCookie,
      origin: server.origin,
    });
    for (let i = 0; i < 1000; i++) flooder.sendRaw(syncMessage(0, new Uint8Array([0])));
    expect((await flooder.closed).code).toBe(CloseCode.RATE_LIMITED);
    await expect(
      openRawSync(server.url, room.document, { cookie: readerCookie, origin: server.origin }),
    ).rejects.toThrow('429');
  }

  interface Attempt {
    socket: net.Socket;
    /** Everything the server sent back. */
    received: () => string;
    closed: Promise<void>;
  }

  /** A websocket upgrade written by hand, by default with the reader's session. */
  function attempt({ origin = server.origin, cookie = readerCookie } = {}): Attempt {
    const socket = net.connect(server.app.port, '127.0.0.1');
    let text = '';
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
    socket.on('error', () => undefined);
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.write(
      rawRequest([
        `GET ${SYNC_PATH}/${room.document} HTTP/1.1`,
        `Host: 127.0.0.1:${server.app.port}`,
        `Origin: ${origin}`,
        ...(cookie ? [`Cookie: ${cookie}`] : []),
        ...UPGRADE_HEADERS,
      ]),
    );
    return { socket, received: () => text, closed };
  }

  it('holds a reconnection without an answer, then closes it, and lets one in later', async () => {
    await spendTheReadersAllowance();
    const held = attempt();
    await waitFor(() => server.app.sync.heldRefusalCount() === 1, 'la reconnexion retenue');
    // Meanwhile the others are served.
    await honestRoundTrip();
    await held.closed;
    expect(held.received()).toBe('');
    await waitFor(() => server.app.sync.heldRefusalCount() === 0, 'la retenue levée');
    // Once the allowance has refilled, the same user gets in (a few tries, as a client would).
    let admitted = false;
    for (let tries = 0; tries < 20 && !admitted; tries++) {
      try {
        const reader = await openRawSync(server.url, room.document, {
          cookie: readerCookie,
          origin: server.origin,
        });
        reader.close();
        admitted = true;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    expect(admitted).toBe(true);
  });

  it('holds at most MAX_HELD_REFUSALS, drops the rest, and survives peers resetting them', async () => {
    await spendTheReadersAllowance();
    const attempts = Array.from({ length: MAX_HELD_REFUSALS + 40 }, () => attempt());
    let closedCount = 0;
    for (const each of attempts) void each.closed.then(() => (closedCount += 1));
    // Those beyond the bound are dropped as soon as they are read.
    await waitFor(() => closedCount >= 40, 'les tentatives au-delà de la borne fermées');
    expect(server.app.sync.heldRefusalCount()).toBeLessThanOrEqual(MAX_HELD_REFUSALS);
    // Half the peers reset their held connection: no error may reach the process.
    for (const each of attempts.slice(0, attempts.length / 2)) each.socket.resetAndDestroy();
    await Promise.all(attempts.map((each) => each.closed));
    expect(attempts.every((each) => each.received() === '')).toBe(true);
    await waitFor(() => server.app.sync.heldRefusalCount() === 0, 'plus aucune retenue');
    await honestRoundTrip();
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });

  it('survives peers that reset at once, whatever the refusal (403, 429, held)', async () => {
    await spendTheReadersAllowance();
    const resetAtOnce = (options: Parameters<typeof attempt>[0]): Promise<void>[] =>
      Array.from({ length: 100 }, () => {
        const each = attempt(options);
        each.socket.resetAndDestroy();
        return each.closed;
      });
    // Held (the reader's token is refused), then a forged origin without a session (403).
    await Promise.all(resetAtOnce({}));
    await Promise.all(resetAtOnce({ origin: 'https://evil.example', cookie: '' }));
    await new Promise((resolve) => setTimeout(resolve, 200));
    await honestRoundTrip();
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });
});
