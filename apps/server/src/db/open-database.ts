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

/** The database the configuration names: PostgreSQL at DELIB_DATABASE_URL, else the SQLite file. */
export function openConfiguredDatabase(config: {
  databaseUrl: string | null;
  databasePath: string;
  sqliteSynchronous?: 'FULL' | 'NORMAL';
}): Promise<Db> {
  if (config.databaseUrl !== null) return openPostgresDatabase(config.databaseUrl);
  return Promise.resolve(openDatabase(config.databasePath, config.sqliteSynchronous));
}
