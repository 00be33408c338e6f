import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { SYNC_PATH } from '@delib/protocol';
import { syncMessage } from '../test-support/raw-sync-client.js';
import { firstRoomOf, signIn } from '../test-support/sign-in.js';
import { waitFor } from '../test-support/sync-client.js';
import { startTwoProcesses } from '../test-support/two-processes.js';
import type { TwoProcesses } from '../test-support/two-processes.js';

/** Messages sent through each process: under one bucket (200) each, well over it together. */
const MESSAGES_PER_PROCESS = 150;
/** A connection needs this much allowance left (sync-endpoint.ts). */
const ALLOWANCE_TO_CONNECT = 10;

/** Opens a sync socket; resolves once open, or with the HTTP status the upgrade got instead. */
function connect(url: string, document: string, cookie: string): Promise<WebSocket | number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${url.replace(/^http/, 'ws')}${SYNC_PATH}/${document}`, {
      headers: { cookie, origin: url },
    });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
    ws.once('error', reject);
  });
}

/** Sends `count` sync step 1 messages (one token each) and waits for the server's answers. */
function flood(ws: WebSocket, count: number): Promise<void> {
  return new Promise((resolve) => {
    let answers = 0;
    ws.on('message', (data: Buffer) => {
      // Sync step 2 (0, 1, …): the answer to one step 1.
      if (data[0] === 0 && data[1] === 1 && ++answers === count) resolve();
    });
    for (let i = 0; i < count; i += 1) ws.send(syncMessage(0, new Uint8Array([0])));
  });
}

/**
 * A user flooding through two processes gets one allowance, not two: each process is
 * charged, within a report (~100 ms), with what the user spent on the other.
 */
describe('a user flooding through two processes', () => {
  let cluster: TwoProcesses;
  beforeAll(async () => {
    cluster = await startTwoProcesses();
  });
  afterAll(async () => {
    await cluster.stop();
  });

  it('is limited by one allowance across both', async () => {
    const { a, b } = cluster;
    const examiner = await signIn(a.url, 'e4.enseignante');
    const userId = examiner.me.user.id;
    const room = await firstRoomOf(a.url, examiner);
    const throughA = await connect(a.url, room.document, examiner.cookie);
    const throughB = await connect(b.url, room.document, examiner.cookie);
    if (typeof throughA === 'number' || typeof throughB === 'number')
      throw new Error('connexion refusée avant l’abus');

    await Promise.all([
      flood(throughA, MESSAGES_PER_PROCESS),
      flood(throughB, MESSAGES_PER_PROCESS),
    ]);
    // Alone, each process would still hold about 200 − 150 = 50 tokens and let a new
    // connection in; charged with the other's 150, each is in debt.
    await waitFor(
      () =>
        a.app.sync.allowanceLeft(userId) < ALLOWANCE_TO_CONNECT &&
        b.app.sync.allowanceLeft(userId) < ALLOWANCE_TO_CONNECT,
      'consommation de l’autre processus imputée',
    );
    expect(await connect(a.url, room.document, examiner.cookie)).toBe(429);
    expect(await connect(b.url, room.document, examiner.cookie)).toBe(429);
    throughA.close();
    throughB.close();
  });
});
