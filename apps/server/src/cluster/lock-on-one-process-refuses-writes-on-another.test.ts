import { io } from 'socket.io-client';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode, writeOralEntry } from '@delib/protocol';
import type {
  ClientToServerEvents,
  CommissionView,
  JuryLockedEvent,
  ServerToClientEvents,
} from '@delib/protocol';
import { lockNamingIncomplete } from '../test-support/deliberation-steps.js';
import { openRawSync } from '../test-support/raw-sync-client.js';
import { getJson, signIn } from '../test-support/sign-in.js';
import { waitFor } from '../test-support/sync-client.js';
import { startTwoProcesses } from '../test-support/two-processes.js';
import type { TwoProcesses } from '../test-support/two-processes.js';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * A lock committed through process B: process A's open pages are told (socket.io across
 * processes) and A refuses every later write to the jury's documents (4409), as B does.
 */
describe('a jury locked through one process', () => {
  let cluster: TwoProcesses;
  let socket: Client | null = null;
  beforeAll(async () => {
    cluster = await startTwoProcesses();
  });
  afterAll(async () => {
    socket?.disconnect();
    await cluster.stop();
  });

  it('makes the other process refuse writes (4409) and tell its pages', async () => {
    const { a, b } = cluster;
    const examiner = await signIn(a.url, 'e4.enseignante');
    const commissionId = examiner.me.commissions[0]?.id as number;
    const room = (
      await getJson<CommissionView>(`${a.url}/api/commissions/${commissionId}`, examiner.cookie)
    ).body;
    const candidate = room.passages[0]?.candidateId as number;
    const writer = await openRawSync(a.url, room.document, {
      cookie: examiner.cookie,
      origin: a.origin,
    });
    socket = io(a.url, {
      transports: ['websocket'],
      extraHeaders: { cookie: examiner.cookie, origin: a.origin },
    });
    const heard: JuryLockedEvent[] = [];
    socket.on('jury:locked', (event) => heard.push(event));
    const joined = await new Promise<{ ok: boolean }>((resolve) =>
      socket?.emit('presence:room', commissionId, resolve),
    );
    expect(joined.ok).toBe(true);

    const president = await signIn(b.url, 'presidente');
    const juryId = president.me.juries[0]?.id as number;
    const locked = await lockNamingIncomplete(b, juryId, president.cookie);
    expect(locked.status).toBe(201);

    await waitFor(() => heard.length > 0, 'verrouillage annoncé sur l’autre processus');
    expect(heard[0]?.juryId).toBe(juryId);
    const audited = () =>
      (
        a.app.db.prepare('SELECT COUNT(*) AS n FROM audit_log WHERE action = ?').get('saisie') as {
          n: number;
        }
      ).n;
    const before = audited();
    writer.change((doc) => writeOralEntry(doc, candidate, 'U41', { mark: 12 }));
    const closed = await writer.closed;
    expect(closed.code).toBe(CloseCode.LOCKED);
    expect(audited()).toBe(before);
  });
});
