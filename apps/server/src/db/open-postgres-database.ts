import pg from 'pg';
import type { Db } from './db-handle.js';
import { PostgresDatabase, withoutPassword } from './postgres-database.js';
import { migratePostgres } from './postgres-migrations.js';

/** Collations whose order of text is SQLite's (by bytes), on which Délib's lists rely. */
const BYTE_ORDER_COLLATIONS: ReadonlySet<string> = new Set(['C', 'POSIX', 'C.UTF-8', 'C.utf8']);

/**
 * Opens the PostgreSQL database at `url`: checks it orders text as SQLite does, brings its
 * schema up to date (one process at a time, postgres-migrations.ts), then hands it to the
 * synchronous facade every repository uses.
 */
export async function openPostgresDatabase(url: string): Promise<Db> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL injoignable à ${withoutPassword(url)} : ${(error as Error).message}`,
    );
  }
  try {
    const { rows } = await client.query<{ collation: string }>(
      'SELECT datcollate AS collation FROM pg_database WHERE datname = current_database()',
    );
    const collation = rows[0]?.collation ?? '';
    if (!BYTE_ORDER_COLLATIONS.has(collation))
      throw new Error(
        `La base PostgreSQL doit classer les textes comme SQLite (LC_COLLATE 'C'), pas « ${collation} ». ` +
          "Créez-la ainsi : CREATE DATABASE delib TEMPLATE template0 LC_COLLATE 'C' LC_CTYPE 'C.UTF-8';",
      );
    await migratePostgres(client);
  } finally {
    await client.end();
  }
  return new PostgresDatabase(url);
}
