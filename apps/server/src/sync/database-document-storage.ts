import path from 'node:path';
import * as Y from 'yjs';
import type { AuditTrail } from '../audit/audit-trail.js';
import type { Db } from '../db/open-database.js';
import { lockedJuries } from '../db/locked-juries.js';
import { syncsEveryCommit, writeWithoutSync } from '../db/write-without-sync.js';
import type { DocumentStore } from './document-store.js';
import type {
  DocumentStorage,
  SetAside,
  StoredDocument,
  UpdateToStore,
} from './document-storage.js';
import { WalFsync } from './wal-fsync.js';
import type { Fsync } from './wal-fsync.js';

/**
 * The sync endpoint's storage in the database, SQLite or PostgreSQL (db-handle.ts).
 *
 * On SQLite, through better-sqlite3 on the event loop: a batch is written in one transaction
 * on a second connection opened `synchronous = NORMAL` (frames into the WAL, no fsync on the
 * event loop), then made durable by an fsync of the WAL on the thread pool (wal-fsync.ts)
 * before `commit` resolves. Should the WAL be removed or replaced under the running server
 * (WalFsync.detached), that fsync would protect nothing: each batch is then made durable by
 * a full checkpoint into the database file instead, every other commit by SQLite's own
 * checkpoint after each commit, and once a second a full one catches up.
 * With the database opened `synchronous = NORMAL`
 * (DELIB_SQLITE_SYNCHRONOUS), the operator chose not to sync each commit, and the batch is
 * acknowledged once written.
 *
 * The rows are visible to every connection as soon as `commit` returns, before they are
 * durable: the lock relies on it (it commits the pending batch, then builds the record from
 * what is stored, in its own FULL transaction, whose fsync covers the batch's frames too).
 *
 * On PostgreSQL, the batch's transaction commits durably before `commit` returns (PostgreSQL
 * flushes its WAL at COMMIT); several processes write, and the jury rows the batch writes
 * to are share-locked inside it, so that a lock committed by another process is seen.
 */
/** A connection with the stores that write through it. */
export interface StorageConnection {
  db: Db;
  store: DocumentStore;
  audit: AuditTrail;
}

/**
 * Writes a batch and the values set aside in one transaction; adds the documents of locked
 * juries to `refused`.
 */
type BatchTransaction = (
  batch: readonly UpdateToStore[],
  setAside: readonly SetAside[],
  refused: Set<string>,
) => void;

/** How often the WAL is checked for removal while no batch comes (HTTP writes, idle rooms). */
export const WAL_WATCH_MS = 1000;

export class DatabaseDocumentStorage implements DocumentStorage {
  private readonly wal: WalFsync | null;
  private readonly batchTransactions = new Map<StorageConnection, BatchTransaction>();
  private readonly walWatch: NodeJS.Timeout | null = null;
  private walReported = false;

  /**
   * `main` is the application's connection; `writer`, when given, a second connection to the
   * same SQLite file opened `synchronous = NORMAL` (openSyncConnection), through which batches
   * are written without switching `main`'s setting. Should `main` be inside a transaction
   * when a batch comes (no caller does it today), the batch joins that transaction, as it
   * would on one connection, instead of waiting for its lock.
   */
  constructor(
    private readonly main: StorageConnection,
    fsync?: Fsync,
    private readonly writer: StorageConnection | null = null,
  ) {
    this.wal = syncsEveryCommit(main.db) ? new WalFsync(`${main.db.name}-wal`, fsync) : null;
    if (this.wal) {
      // A WAL removed while nobody writes a mark still holds the frames of the last seconds
      // (and the HTTP routes' writes): within a second they are checkpointed into the
      // database file, where a crash does not take them.
      this.walWatch = setInterval(() => {
        try {
          if (this.walDetached()) this.checkpoint(this.via.db);
        } catch (error) {
          console.error('[stockage] point de contrôle impossible :', (error as Error).message);
        }
      }, WAL_WATCH_MS);
      this.walWatch.unref();
    }
  }

  /**
   * Whether the WAL was removed or replaced (wal-fsync.ts); said once in the log. `beforeSync`:
   * asked before a batch's fsync (WalFsync.detachedBeforeSync).
   */
  private walDetached(beforeSync = false): boolean {
    if (!this.wal || !(beforeSync ? this.wal.detachedBeforeSync() : this.wal.detached()))
      return false;
    if (!this.walReported) {
      this.walReported = true;
      // From now on SQLite checkpoints after every commit, on either connection: the HTTP
      // routes' writes (a lock, a signature) reach the database file when they commit, not
      // at the next second's checkpoint.
      for (const db of [this.main.db, this.writer?.db]) db?.pragma('wal_autocheckpoint = 1');
      console.error(
        `[stockage] le journal ${path.basename(this.main.db.name)}-wal a été supprimé ou remplacé pendant que le serveur tournait : chaque enregistrement passe désormais par un point de contrôle de la base (plus lent). Redémarrer le serveur pour revenir au journal.`,
      );
    }
    return true;
  }

  /**
   * Copies every frame of the WAL into the database file, which SQLite then syncs: what the
   * WAL held is durable without it. Throws unless every frame was copied.
   */
  private checkpoint(db: Db): void {
    const [result] = db.pragma('wal_checkpoint(FULL)') as {
      busy: number;
      log: number;
      checkpointed: number;
    }[];
    if (!result || result.busy !== 0 || result.checkpointed < result.log)
      throw new Error('point de contrôle incomplet du journal WAL');
  }

  /** The connection to use now. */
  private get via(): StorageConnection {
    return this.writer && !this.main.db.inTransaction ? this.writer : this.main;
  }

  load(document: string): Promise<StoredDocument> {
    try {
      const { store } = this.via;
      return Promise.resolve({
        updates: store.rows(document),
        owners: store.owners(document),
      });
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }

  /**
   * The transaction that writes a batch, made once per connection: made for each batch, it
   * built better-sqlite3's four wrappers every time (4 % of what the sync path allocated,
   * `pnpm bench:sync`, sampling heap profile).
   */
  private batchTransaction(connection: StorageConnection): BatchTransaction {
    let transaction = this.batchTransactions.get(connection);
    if (!transaction) {
      const { db, store, audit } = connection;
      transaction = db.transaction(
        (batch: readonly UpdateToStore[], setAside: readonly SetAside[], refused: Set<string>) => {
          const locked = lockedJuries(db, new Set(batch.map((item) => item.juryId)));
          for (const item of batch) {
            if (locked.has(item.juryId)) {
              refused.add(item.document);
              continue;
            }
            store.append(item.document, item.update);
            for (const claim of item.claims) store.claim(item.document, claim.client, claim.userId);
            audit.append([...item.audit]);
          }
          // After the batch's own rows, which may hold the value a conflict set aside. Rows of
          // a jury locked since are written too: they change no document, and tell what Yjs
          // did before the lock.
          for (const { event, actions } of setAside) audit.appendSetAside(event, actions);
        },
      );
      this.batchTransactions.set(connection, transaction);
    }
    return transaction;
  }

  commit(
    batch: readonly UpdateToStore[],
    setAside: readonly SetAside[] = [],
  ): Promise<ReadonlySet<string>> {
    const refused = new Set<string>();
    const connection = this.via;
    const { db } = connection;
    try {
      writeWithoutSync(db, () => this.batchTransaction(connection)(batch, setAside, refused));
    } catch (error) {
      return Promise.reject(error as Error);
    }
    if (!this.wal) return Promise.resolve(refused);
    // Looked at before the fsync too, until the WAL is held open: the first fsync opens it by
    // its name, and a WAL removed before then could not be opened (every batch refused).
    try {
      if (this.walDetached(true)) {
        this.checkpoint(db);
        return Promise.resolve(refused);
      }
    } catch (error) {
      return Promise.reject(error as Error);
    }
    // Removed while its fsync ran: that fsync went to a file a crash would take.
    return this.wal.sync().then(() => {
      if (this.walDetached()) this.checkpoint(this.via.db);
      return refused;
    });
  }

  compact(document: string, state: Uint8Array): Promise<void> {
    const { db, store } = this.via;
    try {
      // Not synced: should the compaction be lost, the rows it replaced are still there.
      // With several processes on one file, another may have stored updates this process has
      // not received yet: the rows are merged into the state inside the transaction that
      // replaces them, so none is dropped.
      writeWithoutSync(db, () =>
        db.transaction(() => {
          const merged = new Y.Doc({ gc: true });
          try {
            // Only the rows read here are replaced (up to the last one's id): on PostgreSQL
            // a row committed meanwhile by another process stays beside the compacted one.
            const rows = store.storedRows(document);
            const last = rows.at(-1);
            if (!last) return;
            merged.transact(() => {
              Y.applyUpdate(merged, state);
              for (const row of rows) Y.applyUpdate(merged, row.data);
            });
            store.compact(document, Y.encodeStateAsUpdate(merged), last.id);
          } finally {
            merged.destroy();
          }
        })(),
      );
      return Promise.resolve();
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }

  readState(document: string): Uint8Array {
    const doc = this.via.store.load(document).doc;
    try {
      return Y.encodeStateAsUpdate(doc);
    } finally {
      doc.destroy();
    }
  }

  close(): void {
    if (this.walWatch) clearInterval(this.walWatch);
    this.wal?.close();
    this.writer?.db.close();
  }
}
