import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode, readOralEntry, writeOralEntry } from '@delib/protocol';
import type { FinalRecord } from '@delib/protocol';
import type { DocumentStorage } from '../sync/document-storage.js';
import { DocumentStore } from '../sync/document-store.js';
import { startAppOnSameDatabase } from '../test-support/app-on-same-database.js';
import type { SecondApp } from '../test-support/app-on-same-database.js';
import { lockNamingIncomplete } from '../test-support/deliberation-steps.js';
import { openRawSync } from '../test-support/raw-sync-client.js';
import { firstRoomOf, signIn } from '../test-support/sign-in.js';
import { waitFor } from '../test-support/sync-client.js';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';

/**
 * The race the Redis event cannot close: process A has validated an examiner's mark (the
 * jury was open) and is about to commit it when process B commits the lock. A's commit reads
 * the jury's row inside its own transaction (FOR SHARE on PostgreSQL, after the lock's FOR
 * UPDATE) and finds it locked: the mark is not stored, the room is told 4409, and the record
 * B built holds the trail up to the lock and nothing of the mark. No Redis here: only the database decides.
 */
describe('a mark validated on one process while the jury is locked on another', () => {
  let a: TestServer;
  let b: SecondApp;
  let openGate: () => void = () => undefined;
  let gateHeld = false;
  let commitsHeld = 0;

  beforeAll(async () => {
    const gated = (storage: DocumentStorage): DocumentStorage => ({
      load: (document) => storage.load(document),
      compact: (document, state) => storage.compact(document, state),
      readState: (document) => storage.readState(document),
      async commit(batch) {
        if (gateHeld) {
          commitsHeld += 1;
          await new Promise<void>((resolve) => (openGate = resolve));
        }
        return storage.commit(batch);
      },
    });
    a = await startTestServer({}, { storage: gated });
    b = await startAppOnSameDatabase(a);
  });
  afterAll(async () => {
    openGate();
    await b?.stop();
    await a?.stop();
  });

  it('is not stored, and its room is told the jury is locked', async () => {
    const examiner = await signIn(a.url, 'e4.enseignante');
    const room = await firstRoomOf(a.url, examiner);
    const writer = await openRawSync(a.url, room.document, {
      cookie: examiner.cookie,
      origin: a.origin,
    });

    const storedEntry = (candidateId: number): unknown =>
      readOralEntry(
        new DocumentStore(a.app.db, Number.MAX_SAFE_INTEGER).load(room.document).doc,
        candidateId,
        'U41',
      );
    const candidate = room.passages[0]?.candidateId as number;
    expect(storedEntry(candidate)).toBeNull();

    gateHeld = true;
    writer.change((doc) => writeOralEntry(doc, candidate, 'U41', { mark: 17.5 }));
    await waitFor(() => commitsHeld === 1, 'la note validée sur A, son enregistrement retenu');

    const president = await signIn(b.url, 'presidente');
    const juryId = president.me.juries[0]?.id as number;
    const locked = await lockNamingIncomplete(b, juryId, president.cookie);
    expect(locked.status).toBe(201);

    gateHeld = false;
    openGate();
    const closed = await writer.closed;
    expect(closed.code).toBe(CloseCode.LOCKED);

    expect(storedEntry(candidate)).toBeNull();
    const audited = a.app.db
      .prepare('SELECT COUNT(*) AS n FROM audit_log WHERE action = ? AND candidate_id = ?')
      .get('saisie', candidate) as { n: number };
    expect(audited.n).toBe(0);
    // The record B built holds the audit trail up to its own row, and nothing of the mark.
    const record = JSON.parse(
      (
        a.app.db.prepare('SELECT record FROM final_records WHERE jury_id = ?').get(juryId) as {
          record: string;
        }
      ).record,
    ) as FinalRecord;
    const lockRow = a.app.db
      .prepare("SELECT id FROM audit_log WHERE action = 'verrouillage'")
      .get() as { id: number };
    expect(record.audit.rows).toBe(lockRow.id - 1);
  });
});
