import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readOralEntry, writeOralEntry } from '@delib/protocol';
import { startAppOnSameDatabase } from '../test-support/app-on-same-database.js';
import type { SecondApp } from '../test-support/app-on-same-database.js';
import { waitFor } from '../test-support/sync-client.js';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';
import { roomOnTwoProcesses } from '../test-support/two-processes.js';

/**
 * A process compacts a document from its own copy, which may lack an update another
 * process has just stored and not yet fanned out (pub/sub is at most once): the compaction
 * must keep it. Here no Redis at all, the worst case: process A never hears of B's mark.
 */
describe('compacting a document while another process writes it', () => {
  let a: TestServer;
  let b: SecondApp;
  beforeAll(async () => {
    a = await startTestServer({ compactAfterUpdates: 3 });
    b = await startAppOnSameDatabase(a, { compactAfterUpdates: 3 });
  });
  afterAll(async () => {
    await b.stop();
    await a.stop();
  });

  it('keeps the updates stored by the other process', async () => {
    const { room, onA, onB } = await roomOnTwoProcesses(a, b);
    const candidates = room.passages.map((passage) => passage.candidateId);
    const rows = () =>
      a.app.db
        .prepare('SELECT data FROM document_updates WHERE document = ? ORDER BY id')
        .all(room.document) as { data: Buffer }[];

    const fromB = candidates[0] as number;
    onB.change((doc) => writeOralEntry(doc, fromB, 'U42', { mark: 13 }));
    await waitFor(() => rows().length === 1, 'note de B enregistrée');
    for (const [index, candidate] of candidates.slice(1, 4).entries()) {
      onA.change((doc) => writeOralEntry(doc, candidate, 'U41', { mark: 10 + index }));
    }
    // Four rows, then A's third update compacts them into one, holding A's marks.
    const storedDocument = (): Y.Doc => {
      const doc = new Y.Doc();
      for (const row of rows()) Y.applyUpdate(doc, new Uint8Array(row.data));
      return doc;
    };
    await waitFor(() => {
      if (rows().length !== 1) return false;
      const doc = storedDocument();
      const done = readOralEntry(doc, candidates[3] as number, 'U41') !== null;
      doc.destroy();
      return done;
    }, 'compaction par A');
    const stored = storedDocument();
    expect(readOralEntry(stored, fromB, 'U42')).toEqual({ mark: 13 });
    expect(readOralEntry(onA.doc, fromB, 'U42')).toBeNull();
    onA.close();
    onB.close();
  });
});
