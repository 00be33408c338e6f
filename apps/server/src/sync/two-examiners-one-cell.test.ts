import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readFilledGrid, readOralEntry, writeFilledGrid, writeOralEntry } from '@delib/protocol';
import type { CommissionView, CommissionWriters, HistoryRow } from '@delib/protocol';
import { firstRoomOf, getJson, signIn } from '../test-support/sign-in.js';
import type { SignedIn } from '../test-support/sign-in.js';
import { connectDocument, waitFor } from '../test-support/sync-client.js';
import type { SyncClient } from '../test-support/sync-client.js';
import { startTestServer } from '../test-support/test-server.js';
import { startTwoProcesses } from '../test-support/two-processes.js';
import type { TestServer } from '../test-support/test-server.js';
import { CONCURRENT_REASONS, OVERRULED_ENTRY, OVERRULED_GRID } from './document-policy.js';

interface Setup {
  /** The teacher's and the president's process. */
  server: { url: string; app: TestServer['app'] };
  /** The professional's process: the same one, or another on the same database. */
  professionalUrl: string;
  stop(): Promise<void>;
}

const setups: [string, () => Promise<Setup>][] = [
  [
    'on one process',
    async () => {
      const server = await startTestServer();
      return { server, professionalUrl: server.url, stop: () => server.stop() };
    },
  ],
  [
    'on two processes (the professional on the other)',
    async () => {
      const two = await startTwoProcesses();
      return { server: two.a, professionalUrl: two.b.url, stop: () => two.stop() };
    },
  ],
];

/**
 * Two examiners of one room type in one cell at once (or one of them offline): Yjs keeps one
 * value, by client id. Whichever it keeps, the cell's history holds both values, who wrote
 * each, and says which one was written without the other in sight; the same when the two
 * examiners' pages are served by two processes.
 */
describe.each(setups)('two examiners on one cell %s', (_shape, start) => {
  let setup: Setup;
  let server: Setup['server'];
  let teacher: SignedIn;
  let professional: SignedIn;
  let president: SignedIn;
  let room: CommissionView;
  const clients: SyncClient[] = [];

  beforeAll(async () => {
    setup = await start();
    server = setup.server;
    teacher = await signIn(server.url, 'e4.enseignante');
    professional = await signIn(setup.professionalUrl, 'e4.professionnel');
    president = await signIn(server.url, 'presidente');
    room = await firstRoomOf(server.url, teacher);
  });
  afterAll(async () => {
    for (const client of clients) client.destroy();
    await setup.stop();
  });

  function connect(who: SignedIn): SyncClient {
    const url = who === professional ? setup.professionalUrl : server.url;
    const client = connectDocument(url, room.document, who.cookie);
    clients.push(client);
    return client;
  }

  /**
   * Waits until the professional's process holds what the teacher's stored: on two
   * processes it arrives through Redis. (Two values typed at the very same instant on two
   * processes are both recorded as « saisie »: neither process has seen the other's yet.)
   */
  async function heldByTheProfessionalsProcess(holds: (doc: Y.Doc) => boolean): Promise<void> {
    const reader = connectDocument(setup.professionalUrl, room.document, president.cookie);
    clients.push(reader);
    await reader.synced;
    await waitFor(() => holds(reader.doc), 'reçu par le processus de l’examinateur');
  }

  async function history(candidateId: number): Promise<HistoryRow[]> {
    const juryId = president.me.juries[0]?.id as number;
    const answer = await getJson<HistoryRow[]>(
      `${server.url}/api/juries/${juryId}/candidates/${candidateId}/history`,
      president.cookie,
    );
    expect(answer.status).toBe(200);
    return answer.body.filter((row) => row.unit === 'U41');
  }

  /**
   * The teacher's 9 is stored; the professional, offline, types 14 under a client id that
   * Yjs orders after (`wins`) or before the teacher's, then comes back.
   */
  async function concurrentWrites(candidateId: number, wins: boolean) {
    const a = connect(teacher);
    const b = connect(professional);
    await Promise.all([a.synced, b.synced]);
    b.provider.disconnect();
    writeOralEntry(a.doc, candidateId, 'U41', { mark: 9 });
    await waitFor(
      () =>
        server.app.db
          .prepare('SELECT 1 FROM audit_log WHERE candidate_id = ? AND after = ?')
          .get(candidateId, JSON.stringify({ mark: 9 })) !== undefined,
      'note 9 enregistrée',
    );
    await heldByTheProfessionalsProcess((doc) => readOralEntry(doc, candidateId, 'U41') !== null);
    // Typed under a client id of its own (as after a reload offline), ordered by `wins`.
    const offline = new Y.Doc();
    const offlineClient = wins ? a.doc.clientID + 1 : a.doc.clientID - 1;
    offline.clientID = offlineClient;
    Y.applyUpdate(offline, Y.encodeStateAsUpdate(b.doc));
    writeOralEntry(offline, candidateId, 'U41', { mark: 14 });
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(offline, Y.encodeStateVector(b.doc)));
    offline.destroy();
    b.provider.connect();
    const kept = wins ? 14 : 9;
    for (const client of [a, b]) {
      await waitFor(() => {
        const entry = readOralEntry(client.doc, candidateId, 'U41');
        return entry !== null && 'mark' in entry && entry.mark === kept && client.provider.synced;
      }, `les deux examinateurs voient ${kept}`);
    }
    return { a, b, offlineClient };
  }

  it('keeps the later-ordered 14 and tells, in the history, that it replaced an unseen 9', async () => {
    const candidateId = (room.passages[0] as { candidateId: number }).candidateId;
    const { a, offlineClient } = await concurrentWrites(candidateId, true);
    const rows = await history(candidateId);
    expect(
      rows.map(({ who, action, before, after, reason }) => ({
        who,
        action,
        before,
        after,
        reason,
      })),
    ).toEqual([
      { who: 'Julie Bernard', action: 'saisie', before: null, after: { mark: 9 }, reason: null },
      {
        who: expect.any(String) as string,
        action: 'saisie',
        before: { mark: 9 },
        after: { mark: 14 },
        reason: CONCURRENT_REASONS.concurrent,
      },
    ]);
    // The writers of the room's document, named for the page of the examiner whose 9 went.
    const writers = await getJson<CommissionWriters>(
      `${server.url}/api/commissions/${room.commission.id}/writers`,
      teacher.cookie,
    );
    expect(writers.status).toBe(200);
    expect(writers.body.writers).toContainEqual({
      client: a.doc.clientID,
      name: 'Julie Bernard',
      own: true,
    });
    expect(writers.body.writers).toContainEqual({
      client: offlineClient,
      name: professional.me.user.name,
      own: false,
    });
  });

  it('keeps the stored 9 and still records the 14 that lost, as set aside', async () => {
    const candidateId = (room.passages[1] as { candidateId: number }).candidateId;
    await concurrentWrites(candidateId, false);
    await waitFor(
      () =>
        server.app.db
          .prepare('SELECT 1 FROM audit_log WHERE action = ? AND candidate_id = ?')
          .get(OVERRULED_ENTRY, candidateId) !== undefined,
      'saisie écartée enregistrée',
    );
    const rows = await history(candidateId);
    expect(
      rows.map(({ action, before, after, reason }) => ({ action, before, after, reason })),
    ).toEqual([
      { action: 'saisie', before: null, after: { mark: 9 }, reason: null },
      {
        action: OVERRULED_ENTRY,
        before: { mark: 14 },
        after: { mark: 9 },
        reason: CONCURRENT_REASONS.overruled,
      },
    ]);
  });

  it('records a grid that lost to a concurrent grid as « grille écartée », not as a mark', async () => {
    const candidateId = (room.passages[2] as { candidateId: number }).candidateId;
    const a = connect(teacher);
    const b = connect(professional);
    await Promise.all([a.synced, b.synced]);
    b.provider.disconnect();
    writeFilledGrid(a.doc, candidateId, 'U41', { cibler: 's' });
    await waitFor(
      () =>
        server.app.db
          .prepare('SELECT 1 FROM audit_log WHERE action = ? AND candidate_id = ?')
          .get('grille', candidateId) !== undefined,
      'grille enregistrée',
    );
    await heldByTheProfessionalsProcess((doc) => readFilledGrid(doc, candidateId, 'U41') !== null);
    // The professional's grid, typed offline under a client id Yjs orders before the teacher's.
    const offline = new Y.Doc();
    offline.clientID = a.doc.clientID - 1;
    Y.applyUpdate(offline, Y.encodeStateAsUpdate(b.doc));
    writeFilledGrid(offline, candidateId, 'U41', { cibler: 'ts' });
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(offline, Y.encodeStateVector(b.doc)));
    offline.destroy();
    b.provider.connect();
    await waitFor(
      () =>
        server.app.db
          .prepare('SELECT 1 FROM audit_log WHERE action = ? AND candidate_id = ?')
          .get(OVERRULED_GRID, candidateId) !== undefined,
      'grille écartée enregistrée',
    );
    expect(readFilledGrid(a.doc, candidateId, 'U41')).toEqual({ cibler: 's' });
    const rows = await history(candidateId);
    expect(
      rows.map(({ action, before, after, reason }) => ({ action, before, after, reason })),
    ).toEqual([
      { action: 'grille', before: null, after: { cibler: 's' }, reason: null },
      {
        action: OVERRULED_GRID,
        before: { cibler: 'ts' },
        after: { cibler: 's' },
        reason: CONCURRENT_REASONS.overruled,
      },
    ]);
  });

  it('names the writers only for those who may read the room', async () => {
    const path = `${server.url}/api/commissions/${room.commission.id}/writers`;
    const other = await signIn(server.url, 'e22.anglais');
    expect((await getJson(path, other.cookie)).status).toBe(403);
    expect((await getJson(path, '')).status).toBe(401);
    const ofJury = await getJson<CommissionWriters>(path, president.cookie);
    expect(ofJury.status).toBe(200);
    expect(ofJury.body.writers.every((writer) => !writer.own)).toBe(true);
    expect(
      (await getJson(`${server.url}/api/commissions/999999/writers`, teacher.cookie)).status,
    ).toBe(404);
  });
});
