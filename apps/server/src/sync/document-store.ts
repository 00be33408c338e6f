import * as Y from 'yjs';
import type { Db } from '../db/open-database.js';

/**
 * Persistence of Yjs documents in SQLite: an append-only list of updates per document.
 * At load, the updates are merged into one document; when a document has gathered more than
 * `compactAfter` rows, they are replaced by a single update holding its whole state, in one
 * transaction, so a crash in the middle leaves either the old rows or the new one.
 */
export class DocumentStore {
  private readonly appendStatement;
  private readonly loadStatement;
  private readonly countStatement;
  private readonly ownersStatement;
  private readonly claimStatement;

  constructor(
    private readonly db: Db,
    private readonly compactAfter: number,
  ) {
    this.appendStatement = db.prepare(
      'INSERT INTO document_updates (document, data, created_at) VALUES (?, ?, ?)',
    );
    this.loadStatement = db.prepare(
      'SELECT id, data FROM document_updates WHERE document = ? ORDER BY id',
    );
    this.countStatement = db.prepare(
      'SELECT COUNT(*) AS count FROM document_updates WHERE document = ?',
    );
    this.ownersStatement = db.prepare(
      'SELECT client, user_id AS "userId" FROM document_clients WHERE document = ?',
    );
    this.claimStatement = db.prepare(
      `INSERT INTO document_clients (document, client, user_id, created_at) VALUES (?, ?, ?, ?)
       ON CONFLICT DO NOTHING`,
    );
  }

  /** Who owns each Yjs client id that has written to the document. */
  owners(name: string): Map<number, string> {
    const rows = this.ownersStatement.all(name) as { client: number; userId: string }[];
    return new Map(rows.map((row) => [row.client, row.userId]));
  }

  /** Records that a client id belongs to a user (inside the caller's transaction). */
  claim(name: string, client: number, userId: string): void {
    this.claimStatement.run(name, client, userId, Date.now());
  }

  /** The document's stored rows with their ids, oldest first. */
  storedRows(name: string): { id: number; data: Uint8Array }[] {
    const rows = this.loadStatement.all(name) as { id: number; data: Buffer }[];
    return rows.map((row) => ({ id: row.id, data: new Uint8Array(row.data) }));
  }

  /** The document's stored updates, oldest first. */
  rows(name: string): Uint8Array[] {
    const rows = this.loadStatement.all(name) as { id: number; data: Buffer }[];
    return rows.map((row) => new Uint8Array(row.data));
  }

  /** Rebuilds a document from its stored updates; compacts them when there are many. */
  load(name: string): { doc: Y.Doc; storedUpdates: number } {
    const doc = new Y.Doc({ gc: true });
    const rows = this.loadStatement.all(name) as { id: number; data: Buffer }[];
    // Applied one by one inside one transaction: linear in the rows. (Y.mergeUpdates first
    // grew much faster than that: 21 s for 20,000 rows, measured by `pnpm bench:doc-cost`.)
    doc.transact(() => {
      for (const row of rows) Y.applyUpdate(doc, new Uint8Array(row.data));
    });
    let storedUpdates = rows.length;
    if (storedUpdates > this.compactAfter) {
      this.compact(name, Y.encodeStateAsUpdate(doc), (rows.at(-1) as { id: number }).id);
      storedUpdates = 1;
    }
    return { doc, storedUpdates };
  }

  append(name: string, update: Uint8Array): void {
    this.appendStatement.run(name, Buffer.from(update), Date.now());
  }

  count(name: string): number {
    return (this.countStatement.get(name) as { count: number }).count;
  }

  /** Replaces the rows up to `upToId` (all of them by default) by one holding `state`. */
  compact(name: string, state: Uint8Array, upToId?: number): void {
    this.db.transaction(() => {
      const lastId =
        upToId ??
        (
          this.db
            .prepare('SELECT MAX(id) AS id FROM document_updates WHERE document = ?')
            .get(name) as { id: number | null }
        ).id;
      if (lastId === null) return;
      this.db
        .prepare('DELETE FROM document_updates WHERE document = ? AND id <= ?')
        .run(name, lastId);
      this.appendStatement.run(name, Buffer.from(state), Date.now());
    })();
  }
}
