import Database from 'better-sqlite3';
import type { Db } from '../db/open-database.js';

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
