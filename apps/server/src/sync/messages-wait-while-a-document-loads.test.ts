import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOralEntry, writeOralEntry } from '@delib/protocol';
import type { CommissionView } from '@delib/protocol';
import { firstRoomOf, signIn } from '../test-support/sign-in.js';
import { connectDocument, waitFor } from '../test-support/sync-client.js';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';

/**
 * Storage is asynchronous: a document opens only once its stored updates arrive. Whatever
 * its first connections send meanwhile waits, in order, and is then checked and stored like
 * any other message. Here storage answers the load 400 ms late, and fails one load outright.
 */
describe('a document that takes time to load', () => {
  let server: TestServer;
  let failNextLoad = false;
  beforeAll(async () => {
    server = await startTestServer(
      {},
      {
        storage: (sqlite) => ({
          load: async (document) => {
            await new Promise((resolve) => setTimeout(resolve, 400));
            if (failNextLoad) {
              failNextLoad = false;
              throw new Error('stockage indisponible');
            }
            return sqlite.load(document);
          },
          commit: (batch) => sqlite.commit(batch),
          compact: (document, state) => sqlite.compact(document, state),
          readState: (document) => sqlite.readState(document),
        }),
      },
    );
  });
  afterAll(async () => {
    await server.stop();
  });

  async function room(login: string): Promise<{ view: CommissionView; cookie: string }> {
    const user = await signIn(server.url, login);
    const view = await firstRoomOf(server.url, user);
    return { view, cookie: user.cookie };
  }

  it('keeps the marks typed before it was loaded, and stores them', async () => {
    const { view, cookie } = await room('e22.anglais');
    const candidateId = view.passages[0]?.candidateId as number;
    const writer = connectDocument(server.url, view.document, cookie);
    // Typed at once: the provider sends it while the server is still loading.
    writeOralEntry(writer.doc, candidateId, 'U22', { mark: 11 });
    await writer.synced;
    const president = await signIn(server.url, 'presidente');
    const reader = connectDocument(server.url, view.document, president.cookie);
    await reader.synced;
    await waitFor(
      () => readOralEntry(reader.doc, candidateId, 'U22') !== null,
      'la note tapée pendant le chargement',
    );
    expect(readOralEntry(reader.doc, candidateId, 'U22')).toEqual({ mark: 11 });
    const audited = server.app.db
      .prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'saisie' AND candidate_id = ?")
      .get(candidateId) as { n: number };
    expect(audited.n).toBe(1);
    writer.destroy();
    reader.destroy();
  });

  it('closes its connections when the load fails, and serves them once they come back', async () => {
    const { view, cookie } = await room('e4.enseignante');
    failNextLoad = true;
    const candidateId = view.passages[0]?.candidateId as number;
    const writer = connectDocument(server.url, view.document, cookie);
    writeOralEntry(writer.doc, candidateId, 'U41', { mark: 15 });
    // The provider reconnects by itself; the second load succeeds and the mark arrives.
    await writer.synced;
    await waitFor(
      () =>
        (
          server.app.db
            .prepare(
              "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'saisie' AND candidate_id = ? AND unit = 'U41'",
            )
            .get(candidateId) as { n: number }
        ).n === 1,
      'la note enregistrée après la reconnexion',
    );
    expect(failNextLoad).toBe(false);
    writer.destroy();
  });
});
