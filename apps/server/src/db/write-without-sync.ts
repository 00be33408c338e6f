import { engineOf } from './db-handle.js';
import type { Db } from './db-handle.js';

/** SQLite's `PRAGMA synchronous` value for FULL. */
const SYNCHRONOUS_FULL = 2;

const syncing = new WeakMap<Db, boolean>();

/**
 * Whether the connection syncs every commit (`synchronous = FULL`, the default of
 * `openDatabase`); false for a connection opened NORMAL or in memory, and on PostgreSQL
 * (whose COMMIT is durable by itself). Read once per
 * connection: `openDatabase` sets it, and only `writeWithoutSync` changes it, for a moment.
 */
export function syncsEveryCommit(db: Db): boolean {
  let full = syncing.get(db);
  if (full === undefined) {
    full =
      engineOf(db) === 'sqlite' &&
      !db.memory &&
      (db.pragma('synchronous', { simple: true }) as number) === SYNCHRONOUS_FULL;
    syncing.set(db, full);
  }
  return full;
}

/**
 * Runs a write with `synchronous = NORMAL` on a FULL connection, then restores FULL: its
 * frames go into the WAL without an fsync on the event loop. For writes whose loss on a power
 * cut is harmless (a session's sliding expiry), or that are made durable otherwise (the sync
 * endpoint's batches, by an fsync of the WAL on the thread pool: database-document-storage.ts).
 * The next FULL commit syncs them too. Inside a transaction, the write simply joins it.
 */
export function writeWithoutSync<T>(db: Db, write: () => T): T {
  if (db.inTransaction || !syncsEveryCommit(db)) return write();
  // Through db.pragma, prepared each time: SQLite applies this pragma when the statement is
  // compiled, so a statement prepared once and run again would not switch anything.
  db.pragma('synchronous = NORMAL');
  try {
    return write();
  } finally {
    db.pragma('synchronous = FULL');
  }
}
