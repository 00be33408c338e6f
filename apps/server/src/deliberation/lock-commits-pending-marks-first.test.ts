import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  cellKey,
  CloseCode,
  readAllOralEntries,
  readOralEntry,
  writeOralEntry,
} from '@delib/protocol';

import { AuditTrail } from '../audit/audit-trail.js';
import { ExamRepository } from '../db/exam-repository.js';
import { DocumentPolicy } from '../sync/document-policy.js';
import type { DocumentTarget } from '../sync/document-policy.js';
import { DocumentStore } from '../sync/document-store.js';
import { postJson } from '../test-support/intruder-connection.js';
import { openRawSync } from '../test-support/raw-sync-client.js';
import { firstRoomOf, signIn } from '../test-support/sign-in.js';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';
import { lockJury } from './lock-jury.js';
import type { StoredRecord } from './lock-jury.js';

/** Marks acknowledged before the lock; the endpoint's flood limit allows 200 at once. */
const LOCK_AFTER_ACKNOWLEDGED = 30;

interface AuditRow {
  id: number;
  document: string | null;
  candidate_id: number | null;
  unit: string | null;
  action: string;
  after: string | null;
}

/** A y-websocket sync update message (message type 0, sync type 2). */
const isUpdateMessage = (data: Buffer): boolean => data[0] === 0 && data[1] === 2;

describe('the lock under an examiner who keeps typing marks', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  it('commits the pending mark first, builds the record from what is committed, then refuses the next ones (4409)', async () => {
    const { db, sync } = server.app;
    const exams = new ExamRepository(db);
    const policy = new DocumentPolicy(exams, (target) => sync.documentState(target));
    const audit = new AuditTrail(db);
    const president = await signIn(server.url, 'presidente');
    const juryId = president.me.juries[0]?.id as number;
    const examiner = await signIn(server.url, 'e4.enseignante');
    const room = await firstRoomOf(server.url, examiner);
    const target = policy.resolve(room.document) as DocumentTarget;
    // Asked before any mark: marks only complete candidates, so this list covers the lock.
    const refused = (await postJson(server.url, `/api/juries/${juryId}/lock`, president.cookie))
      .body as { error: { details: { candidates: { candidateId: number }[] } } };
    const confirmIncomplete = refused.error.details.candidates.map((c) => c.candidateId);
    const cells = room.passages.flatMap((passage) =>
      passage.units.map((unit) => ({ candidateId: passage.candidateId, unit })),
    );

    const writer = await openRawSync(server.url, room.document, {
      cookie: examiner.cookie,
      origin: server.origin,
    });
    const sent: { candidateId: number; unit: string; entry: { mark: number } }[] = [];
    const writeNext = (): void => {
      const cell = cells[sent.length % cells.length] as (typeof cells)[number];
      const entry = { mark: 10 + (sent.length % 11) };
      sent.push({ ...cell, entry });
      writer.change((doc) => writeOralEntry(doc, cell.candidateId, cell.unit, entry));
    };
    const audited = (): number =>
      (
        db.prepare('SELECT COUNT(*) AS n FROM audit_log WHERE document = ?').get(room.document) as {
          n: number;
        }
      ).n;
    /** Whether the server took this mark into its live document, its group commit pending. */
    const pending = (mark: (typeof sent)[number]): boolean => {
      const live = new Y.Doc();
      Y.applyUpdate(live, sync.documentState(target));
      const entry = readOralEntry(live, mark.candidateId, mark.unit);
      const taken = entry !== null && 'mark' in entry && entry.mark === mark.entry.mark;
      live.destroy();
      return taken && audited() < sent.length;
    };

    let writerClosed = false;
    void writer.closed.then(() => (writerClosed = true));
    let record: StoredRecord | null = null;
    // The lock is called as its route calls it, at the one moment that matters: a mark was
    // accepted into the live document and its group commit has not run yet. Over HTTP that
    // moment is only likely (the commit waits at most 8 ms); here it is certain.
    const lockWhilePending = (mark: (typeof sent)[number]): void => {
      // Checked on every turn of the event loop, before the group commit's own turn.
      if (writerClosed) return;
      if (!pending(mark)) {
        setImmediate(() => lockWhilePending(mark));
        return;
      }
      record = lockJury(
        { db, exams, policy, sync, audit },
        president.me.user,
        juryId,
        confirmIncomplete,
      );
    };
    // The examiner types the next mark as soon as the previous one is acknowledged (the
    // server echoes an update to every connection once it is committed), and goes on after
    // the lock until refused.
    let acknowledged = 0;
    writer.ws.on('message', (data: Buffer) => {
      if (!isUpdateMessage(data)) return;
      acknowledged += 1;
      writeNext();
      if (acknowledged === LOCK_AFTER_ACKNOWLEDGED)
        lockWhilePending(sent.at(-1) as (typeof sent)[number]);
    });
    writeNext();
    const closed = await writer.closed;
    expect(record).not.toBeNull();
    const locked = record as unknown as StoredRecord;
    // The mark typed after the lock was refused, never acknowledged.
    expect(closed.code).toBe(CloseCode.LOCKED);
    expect(sent.length).toBe(acknowledged + 1);

    const rows = db.prepare('SELECT * FROM audit_log ORDER BY id').all() as AuditRow[];
    const lockRow = rows.find(
      (row) =>
        row.action === 'verrouillage' &&
        (JSON.parse(row.after ?? 'null') as { juryId: number }).juryId === juryId,
    ) as AuditRow;
    // No mark's audit row after the lock's own row.
    expect(rows.filter((row) => row.id > lockRow.id && row.document !== null)).toEqual([]);

    // Each mark in the record is the last value audited for its cell before the lock...
    const auditedMarks = new Map<string, unknown>();
    for (const row of rows) {
      if (row.id < lockRow.id && row.document === room.document && row.unit !== null) {
        auditedMarks.set(
          cellKey(row.candidate_id as number, row.unit),
          JSON.parse(row.after ?? 'null'),
        );
      }
    }
    const recorded = new Map<string, unknown>();
    for (const { candidateId, unit } of cells) {
      // A candidate still missing units is listed apart, not deliberated, with the same lines.
      const candidate =
        locked.record.candidates.find((c) => c.id === candidateId) ??
        ('notDeliberated' in locked.record
          ? locked.record.notDeliberated.find((c) => c.id === candidateId)
          : undefined);
      const entry = candidate?.lines.find((line) => line.unit === unit)?.entry;
      if (entry) recorded.set(cellKey(candidateId, unit), entry);
    }
    expect(recorded).toEqual(auditedMarks);

    // ... and the record is exactly what was acknowledged, which is what SQLite holds.
    const acknowledgedMarks = new Map(
      sent
        .slice(0, acknowledged)
        .map(({ candidateId, unit, entry }) => [cellKey(candidateId, unit), entry] as const),
    );
    expect(recorded).toEqual(acknowledgedMarks);
    const stored = new DocumentStore(db, Number.MAX_SAFE_INTEGER).load(room.document).doc;
    expect(readAllOralEntries(stored)).toEqual(acknowledgedMarks);
  });
});
