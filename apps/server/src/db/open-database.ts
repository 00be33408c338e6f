import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { markEngine } from './db-handle.js';
import type { Db } from './db-handle.js';
import { migrate } from './migrations.js';
import { openPostgresDatabase } from './open-postgres-database.js';

export type { Db } from './db-handle.js';

/**
 * Opens (creating if needed) the SQLite file and brings its schema up to date.
 *
 * Durability: WAL journal with `synchronous = FULL`. In WAL mode, NORMAL already survives a
 * crash of the process (SIGKILL), but may lose the last transactions on a power cut or an OS
 * crash; FULL syncs the WAL at every commit, so a mark the server acknowledged is on disk.
 * Commits are small (one Yjs update) and the cost was measured in the sync benchmark.
 */
export function openDatabase(file: string, synchronous: 'FULL' | 'NORMAL' = 'FULL'): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return markEngine(db, 'sqlite');
}

/**
 * A second connection to an open SQLite file, with `synchronous = NORMAL` for good: the sync
 * endpoint's batches go through it and are made durable by an fsync of the WAL off the event
 * loop (database-document-storage.ts), without switching the main connection from FULL to
 * NORMAL and back around every batch (two pragmas compiled per batch). Both connections live
 * on the event loop, whose transactions run one at a time to their end: they never wait for
 * each other. The schema is the main connection's, already migrated.
 */
export function openSyncConnection(main: Db): Db {
  const db = new Database(main.name);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  return markEngine(db, 'sqlite');
}

/** The database the configuration names: PostgreSQL at DELIB_DATABASE_URL, else the SQLite file. */
export function openConfiguredDatabase(config: {
  databaseUrl: string | null;
  databasePath: string;
  sqliteSynchronous?: 'FULL' | 'NORMAL';
}): Promise<Db> {
  if (config.databaseUrl !== null) return openPostgresDatabase(config.databaseUrl);
  return Promise.resolve(openDatabase(config.databasePath, config.sqliteSynchronous));
}
