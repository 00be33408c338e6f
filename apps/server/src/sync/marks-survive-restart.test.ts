import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOralEntry, writeOralEntry } from '@delib/protocol';
import type { CommissionView } from '@delib/protocol';
import { getJson, signIn } from '../test-support/sign-in.js';
import { connectDocument, waitFor } from '../test-support/sync-client.js';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';

describe('marks after a server restart', () => {
  let server: TestServer;
  beforeAll(async () => {
    // Compact after 5 updates so the restart also reads a compacted snapshot.
    server = await startTestServer({ compactAfterUpdates: 5 });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('are rebuilt from SQLite, including compacted updates', async () => {
    const examiner = await signIn(server.url, 'e22.anglais');
    const commissionId = examiner.me.commissions[0]?.id as number;
    const room = await getJson<CommissionView>(
      `${server.url}/api/commissions/${commissionId}`,
      examiner.cookie,
    );
    const writer = connectDocument(server.url, room.body.document, examiner.cookie);
    await writer.synced;
    const marks = room.body.passages.slice(0, 12).map((passage, index) => ({
      candidateId: passage.candidateId,
      mark: 8 + index / 2,
    }));
    for (const { candidateId, mark } of marks)
      writeOralEntry(writer.doc, candidateId, 'U22', { mark });
    const document = room.body.document;
    const count = (): number =>
      (
        server.app.db
          .prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'saisie'")
          .get() as { n: number }
      ).n;
    await waitFor(() => count() === marks.length, 'toutes les notes enregistrées');
    // Compaction follows the commits once they are durable.
    const rows = (): number =>
      (
        server.app.db
          .prepare('SELECT COUNT(*) AS n FROM document_updates WHERE document = ?')
          .get(document) as { n: number }
      ).n;
    await waitFor(() => rows() < marks.length, 'les mises à jour compactées');
    writer.destroy();

    await server.restart();
    const again = await signIn(server.url, 'e22.anglais');
    const reader = connectDocument(server.url, document, again.cookie);
    await reader.synced;
    for (const { candidateId, mark } of marks) {
      expect(readOralEntry(reader.doc, candidateId, 'U22')).toEqual({ mark });
    }
    reader.destroy();
  });
});
