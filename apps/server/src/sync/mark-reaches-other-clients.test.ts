import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOralEntry, writeOralEntry } from '@delib/protocol';
import type { BoardView, CommissionView } from '@delib/protocol';
import { getJson, signIn } from '../test-support/sign-in.js';
import { connectDocument, waitFor } from '../test-support/sync-client.js';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';

describe('a mark typed by an examiner', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  it('reaches the other examiner of the room and the president, and is stored', async () => {
    const teacher = await signIn(server.url, 'e4.enseignante');
    const professional = await signIn(server.url, 'e4.professionnel');
    const president = await signIn(server.url, 'presidente');
    const commissionId = teacher.me.commissions[0]?.id as number;
    const room = await getJson<CommissionView>(
      `${server.url}/api/commissions/${commissionId}`,
      teacher.cookie,
    );
    expect(room.status).toBe(200);
    const first = room.body.passages[0];
    if (!first) throw new Error('salle sans candidat');
    expect(first.units).toEqual(['U41', 'U42']);

    const board = await getJson<BoardView>(
      `${server.url}/api/juries/${president.me.juries[0]?.id}/board`,
      president.cookie,
    );
    expect(board.body.candidates).toHaveLength(24);
    expect(
      board.body.candidates.find((c) => c.id === first.candidateId)?.commissionByUnit.U41,
    ).toBe(commissionId);

    const a = connectDocument(server.url, room.body.document, teacher.cookie);
    const b = connectDocument(server.url, room.body.document, professional.cookie);
    const p = connectDocument(server.url, room.body.document, president.cookie);
    await Promise.all([a.synced, b.synced, p.synced]);

    writeOralEntry(a.doc, first.candidateId, 'U41', { mark: 14.5 });
    await waitFor(
      () => readOralEntry(b.doc, first.candidateId, 'U41') !== null,
      'note reçue par le second examinateur',
    );
    await waitFor(
      () => readOralEntry(p.doc, first.candidateId, 'U41') !== null,
      'note reçue par la présidente',
    );
    expect(readOralEntry(b.doc, first.candidateId, 'U41')).toEqual({ mark: 14.5 });
    expect(readOralEntry(p.doc, first.candidateId, 'U41')).toEqual({ mark: 14.5 });

    const stored = server.app.db
      .prepare('SELECT COUNT(*) AS n FROM document_updates WHERE document = ?')
      .get(room.body.document) as { n: number };
    expect(stored.n).toBeGreaterThan(0);
    const audit = server.app.db
      .prepare("SELECT candidate_id, unit, after FROM audit_log WHERE action = 'saisie'")
      .all() as { candidate_id: number; unit: string; after: string }[];
    expect(audit).toContainEqual({
      candidate_id: first.candidateId,
      unit: 'U41',
      after: '{"mark":14.5}',
    });
    for (const client of [a, b, p]) client.destroy();
  });

  it('is not applied when it comes from a read-only connection (the president)', async () => {
    const president = await signIn(server.url, 'presidente');
    const teacher = await signIn(server.url, 'e4.enseignante');
    const commissionId = teacher.me.commissions[0]?.id as number;
    const room = await getJson<CommissionView>(
      `${server.url}/api/commissions/${commissionId}`,
      teacher.cookie,
    );
    const candidate = room.body.passages[1]?.candidateId as number;
    const p = connectDocument(server.url, room.body.document, president.cookie);
    const t = connectDocument(server.url, room.body.document, teacher.cookie);
    await Promise.all([p.synced, t.synced]);
    writeOralEntry(p.doc, candidate, 'U42', { mark: 20 });
    // A later write by the examiner proves the server has processed the president's message.
    writeOralEntry(t.doc, candidate, 'U41', { mark: 9 });
    await waitFor(() => readOralEntry(p.doc, candidate, 'U41') !== null, 'note de l’examinatrice');
    expect(readOralEntry(t.doc, candidate, 'U42')).toBeNull();
    p.destroy();
    t.destroy();
  });
});
