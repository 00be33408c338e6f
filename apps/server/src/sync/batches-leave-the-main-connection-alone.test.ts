import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AuditTrail } from '../audit/audit-trail.js';
import type { AuditEvent } from '../audit/audit-trail.js';
import type { Db } from '../db/db-handle.js';
import { openDatabase, openSyncConnection } from '../db/open-database.js';
import { testEngine } from '../test-support/test-database.js';
import { DatabaseDocumentStorage } from './database-document-storage.js';
import { DocumentStore } from './document-store.js';

const event: AuditEvent = {
  userId: null,
  role: null,
  document: 'commission/1/1',
  candidateId: null,
  unit: null,
  action: 'saisie',
  before: null,
  after: { mark: 12 },
  reason: null,
};

function batch(document: string, byte: number) {
  return [{ document, juryId: 1, update: new Uint8Array([byte]), claims: [], audit: [event] }];
}

/** The main connection, with every pragma it is asked counted. */
function counted(db: Db): { db: Db; pragmas: string[] } {
  const pragmas: string[] = [];
  const watched = new Proxy(db, {
    get(target, key) {
      if (key === 'pragma')
        return (source: string, options?: { simple?: boolean }) => {
          pragmas.push(source);
          return target.pragma(source, options);
        };
      const value = Reflect.get(target, key, target) as unknown;
      return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
    },
  });
  return { db: watched, pragmas };
}

// SQLite only: the second connection exists for a FULL SQLite file.
describe.skipIf(testEngine() === 'postgres')('a batch of the sync endpoint', () => {
  const opened: Db[] = [];
  afterEach(() => {
    for (const db of opened.splice(0)) db.close();
  });

  function storage(): { main: Db; pragmas: string[]; storage: DatabaseDocumentStorage } {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'delib-writer-')), 'd.sqlite');
    const raw = openDatabase(file);
    const writer = openSyncConnection(raw);
    opened.push(raw);
    const { db: main, pragmas } = counted(raw);
    return {
      main,
      pragmas,
      storage: new DatabaseDocumentStorage(
        { db: main, store: new DocumentStore(main, 1000), audit: new AuditTrail(main) },
        undefined,
        { db: writer, store: new DocumentStore(writer, 1000), audit: new AuditTrail(writer) },
      ),
    };
  }

  it('is written through its own connection: the main one stays FULL, never switched', async () => {
    const { main, pragmas, storage: store } = storage();
    pragmas.length = 0;
    await store.commit(batch('commission/1/1', 1));
    await store.commit(batch('commission/1/1', 2));
    expect(pragmas).toEqual([]);
    expect(main.pragma('synchronous', { simple: true })).toBe(2);
    // Committed, readable from the main connection, with its audit rows chained.
    const rows = main
      .prepare("SELECT COUNT(*) AS n FROM document_updates WHERE document = 'commission/1/1'")
      .get() as { n: number };
    expect(rows.n).toBe(2);
    expect(new AuditTrail(main).head().rows).toBe(2);
    store.close();
  });

  it('joins a transaction the main connection holds, instead of waiting for its lock', async () => {
    const { main, storage: store } = storage();
    let committed: Promise<ReadonlySet<string>> | null = null;
    expect(() =>
      main.transaction(() => {
        new AuditTrail(main).append([{ ...event, action: 'avant' }]);
        committed = store.commit(batch('commission/1/2', 3));
        throw new Error('annulée');
      })(),
    ).toThrow('annulée');
    await committed;
    // Rolled back with the transaction it joined: neither row nor audit row is left.
    const rows = main
      .prepare("SELECT COUNT(*) AS n FROM document_updates WHERE document = 'commission/1/2'")
      .get() as { n: number };
    expect(rows.n).toBe(0);
    expect(new AuditTrail(main).head().rows).toBe(0);
    store.close();
  });
});
