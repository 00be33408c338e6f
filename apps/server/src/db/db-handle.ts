import type Database from 'better-sqlite3';

/**
 * An open SQLite connection, as every repository and migration takes it. Apart from
 * open-database.ts so that migrations.ts, which open-database.ts runs, can name it
 * without importing its caller.
 */
export type Db = Database.Database;
