import Database from 'better-sqlite3';
import { engineOf } from '../db/db-handle.js';
import type { Db } from '../db/open-database.js';
import { PostgresDatabase } from '../db/postgres-database.js';

/**
 * A second connection to a test server's SQLite file, as someone with write access to the
 * file would open it with the sqlite3 shell: no foreign keys, no recursive triggers, none of
 * Délib's code in the way. Tamper-evidence tests edit the database through it.
 */
export function openAsIntruder(databasePath: string): Db {
  const db = new Database(databasePath);
  db.pragma('foreign_keys = OFF');
  db.pragma('recursive_triggers = OFF');
  db.pragma('busy_timeout = 5000');
  return db;
}

/**
 * The intruder of a test server's database, whichever the engine: on PostgreSQL, a
 * superuser's connection with `session_replication_role = replica`, which fires no trigger
 * and checks no foreign key, as `psql` would let someone with those rights do.
 */
export function openIntruderOn(server: { databasePath: string; databaseUrl: string | null }): Db {
  if (server.databaseUrl === null) return openAsIntruder(server.databasePath);
  const db = new PostgresDatabase(server.databaseUrl);
  db.exec('SET session_replication_role = replica');
  return db;
}

/**
 * Writes `row` over the row with the same key, past the triggers that forbid it: SQLite's
 * INSERT OR REPLACE once its guarding trigger is dropped, PostgreSQL's upsert with triggers
 * off (openIntruderOn).
 */
export function overwriteRow(
  intruder: Db,
  table: string,
  key: readonly string[],
  row: Record<string, unknown>,
): void {
  const columns = Object.keys(row);
  const values = columns.map((column) => `@${column}`).join(', ');
  if (engineOf(intruder) === 'sqlite') {
    intruder.exec(`DROP TRIGGER IF EXISTS ${table}_no_replace`);
    intruder
      .prepare(`INSERT OR REPLACE INTO ${table} (${columns.join(', ')}) VALUES (${values})`)
      .run(row);
    return;
  }
  const updates = columns
    .filter((column) => !key.includes(column))
    .map((column) => `${column} = excluded.${column}`)
    .join(', ');
  intruder
    .prepare(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${values})
       ON CONFLICT (${key.join(', ')}) DO UPDATE SET ${updates}`,
    )
    .run(row);
}

/** Posts JSON as a signed-in browser would (same Origin). */
export function postJson(
  url: string,
  path: string,
  cookie: string,
  body: unknown = {},
): Promise<{ status: number; body: unknown }> {
  return fetch(`${url}${path}`, {
    method: 'POST',
    headers: { cookie, origin: url, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  }).then(async (response) => ({ status: response.status, body: await response.json() }));
}
