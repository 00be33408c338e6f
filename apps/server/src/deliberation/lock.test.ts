import { createHash } from 'node:crypto';
import { io } from 'socket.io-client';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode, writeOralEntry } from '@delib/protocol';
import type { ClientToServerEvents, JuryLockedEvent, ServerToClientEvents } from '@delib/protocol';
import { firstRoomOf, getJson, signIn } from '../test-support/sign-in.js';
import { postJson } from '../test-support/deliberation-steps.js';
import { openRawSync } from '../test-support/raw-sync-client.js';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';

describe('locking a jury', () => {
  let server: TestServer;
  let president: Awaited<ReturnType<typeof signIn>>;
  let juryId: number;
  beforeAll(async () => {
    server = await startTestServer();
    president = await signIn(server.url, 'presidente');
    juryId = president.me.juries[0]?.id as number;
  });
  afterAll(async () => {
    await server.stop();
  });

  it('is refused to a member and to an examiner', async () => {
    for (const login of ['membre.martin', 'e4.enseignante']) {
      const { cookie } = await signIn(server.url, login);
      expect((await postJson(server, `/api/juries/${juryId}/lock`, cookie, {})).status).toBe(403);
    }
  });

  it('is refused while candidates are incomplete, naming each of them', async () => {
    const answer = await postJson(server, `/api/juries/${juryId}/lock`, president.cookie, {});
    expect(answer.status).toBe(409);
    expect(answer.body.error.code).toBe('INCOMPLETE_CANDIDATES');
    // 24 candidates without oral marks; the one absent without justification is 'absent'
    // whatever is missing, so 23 are incomplete.
    expect(answer.body.error.details.candidates).toHaveLength(23);
    expect(
      answer.body.error.details.candidates.map((c: { number: string }) => c.number),
    ).not.toContain('02700009');
    expect(answer.body.error.details.candidates[0]).toMatchObject({
      number: '02700001',
      name: 'ARNAUD Léa',
    });
  });

  it('stores the record built by the server, then refuses every write (4409) and announces it', async () => {
    const examiner = await signIn(server.url, 'e4.enseignante');
    const room = await firstRoomOf(server.url, examiner);
    const writer = await openRawSync(server.url, room.document, {
      cookie: examiner.cookie,
      origin: server.origin,
    });
    const first = room.passages[0]?.candidateId as number;
    writer.change((doc) => writeOralEntry(doc, first, 'U41', { mark: 16 }));
    await new Promise((resolve) => setTimeout(resolve, 100));

    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(server.url, {
      transports: ['websocket'],
      extraHeaders: { cookie: examiner.cookie, origin: server.origin },
    });
    await new Promise<void>((resolve) =>
      socket.emit('presence:room', room.commission.id, () => resolve()),
    );
    const announced = new Promise<JuryLockedEvent>((resolve) => socket.on('jury:locked', resolve));

    const all = (await postJson(server, `/api/juries/${juryId}/lock`, president.cookie, {})).body
      .error.details.candidates as { candidateId: number }[];
    const locked = await postJson(server, `/api/juries/${juryId}/lock`, president.cookie, {
      confirmIncomplete: all.map((c) => c.candidateId),
    });
    expect(locked.status).toBe(201);
    expect((await announced).juryId).toBe(juryId);
    socket.disconnect();

    const stored = server.app.db
      .prepare('SELECT record, sha256 FROM final_records WHERE jury_id = ?')
      .get(juryId) as { record: string; sha256: string };
    expect(createHash('sha256').update(stored.record).digest('hex')).toBe(stored.sha256);
    expect(locked.body.sha256).toBe(stored.sha256);
    // Without its other orals, the candidate is listed apart, with the mark entered.
    const apart = locked.body.record.notDeliberated.find((c: { id: number }) => c.id === first);
    expect(apart.missing).toEqual(['U22', 'U42']);
    const line = apart.lines.find((l: { unit: string }) => l.unit === 'U41');
    expect(line.entry).toEqual({ mark: 16 });

    const before = (
      server.app.db.prepare('SELECT COUNT(*) AS n FROM document_updates').get() as { n: number }
    ).n;
    writer.change((doc) => writeOralEntry(doc, first, 'U42', { mark: 11 }));
    const closed = await writer.closed;
    expect(closed.code).toBe(CloseCode.LOCKED);
    expect(
      (server.app.db.prepare('SELECT COUNT(*) AS n FROM document_updates').get() as { n: number })
        .n,
    ).toBe(before);
    expect(
      (await postJson(server, `/api/juries/${juryId}/lock`, president.cookie, {})).status,
    ).toBe(409);
  });

  it('cannot be undone nor the record edited, even in SQL', () => {
    expect(() =>
      server.app.db.prepare('UPDATE juries SET locked_at = NULL WHERE id = ?').run(juryId),
    ).toThrow(/pas de déverrouillage/);
    expect(() => server.app.db.prepare("UPDATE final_records SET record = '{}'").run()).toThrow(
      /modification interdite/,
    );
    expect(() => server.app.db.prepare('DELETE FROM final_records').run()).toThrow(
      /suppression interdite/,
    );
  });

  it('takes a correction as a dated amendment beside the record', async () => {
    const record = (
      await getJson<{ record: { notDeliberated: { id: number }[] } }>(
        `${server.url}/api/juries/${juryId}/record`,
        president.cookie,
      )
    ).body;
    const candidateId = record.record.notDeliberated[0]?.id as number;
    const refused = await postJson(server, `/api/juries/${juryId}/amendments`, president.cookie, {
      candidateId,
      unit: 'U42',
      input: 'entry',
      after: { mark: 21 },
      reason: 'erreur de report',
    });
    expect(refused.status).toBe(400);
    const accepted = await postJson(server, `/api/juries/${juryId}/amendments`, president.cookie, {
      candidateId,
      unit: 'U42',
      input: 'entry',
      after: { mark: 13 },
      reason: 'Erreur de report de la note sur la grille',
    });
    expect(accepted.status).toBe(201);
    const after = (
      await getJson<{ sha256: string; amendments: { after: unknown; reason: string }[] }>(
        `${server.url}/api/juries/${juryId}/record`,
        president.cookie,
      )
    ).body;
    expect(after.amendments).toEqual([
      expect.objectContaining({
        after: { mark: 13 },
        reason: 'Erreur de report de la note sur la grille',
      }),
    ]);
    const history = (
      await getJson<{ action: string }[]>(
        `${server.url}/api/juries/${juryId}/candidates/${candidateId}/history`,
        president.cookie,
      )
    ).body;
    expect(history.map((row) => row.action)).toEqual(['saisie', 'rectificatif']);
  });
});
