import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresForTests } from '../test-support/postgres-for-tests.js';
import type { TestPostgres } from '../test-support/postgres-for-tests.js';
import { MIGRATIONS } from './migrations.js';
import { POSTGRES_MIGRATIONS, migratePostgres } from './postgres-migrations.js';

/** What the two engines must agree on, per table; lists sorted where order means nothing. */
interface TableShape {
  /** name, kind (integer, text, blob), NOT NULL (a primary key's columns count as such), nocase */
  columns: string[];
  primaryKey: string[];
  unique: string[];
  indexes: string[];
  foreignKeys: string[];
  checks: number;
}
type Schema = Record<string, TableShape>;

const sqliteKinds: Record<string, string> = { INTEGER: 'integer', TEXT: 'text', BLOB: 'blob' };
const postgresKinds: Record<string, string> = {
  bigint: 'integer',
  integer: 'integer',
  text: 'text',
  bytea: 'blob',
};
const postgresActions: Record<string, string> = {
  a: 'NO ACTION',
  r: 'RESTRICT',
  c: 'CASCADE',
  n: 'SET NULL',
  d: 'SET DEFAULT',
};

function column(name: string, kind: string | undefined, notNull: boolean, nocase: boolean): string {
  return `${name} ${kind ?? '?'}${notNull ? ' NOT NULL' : ''}${nocase ? ' NOCASE' : ''}`;
}

function sqliteSchema(db: Database.Database): Schema {
  const schema: Schema = {};
  const tables = db
    .prepare(
      "SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .all() as { name: string; sql: string }[];
  for (const { name: table, sql } of tables) {
    const info = db.prepare(`PRAGMA table_info(${table})`).all() as {
      name: string;
      type: string;
      notnull: number;
      pk: number;
    }[];
    const columns = info.map((c) =>
      column(
        c.name,
        sqliteKinds[c.type.toUpperCase()],
        c.notnull === 1 || c.pk > 0,
        new RegExp(`[(,]\\s*${c.name}\\s[^,]*COLLATE\\s+NOCASE`, 'i').test(sql),
      ),
    );
    const primaryKey = info
      .filter((c) => c.pk > 0)
      .sort((a, b) => a.pk - b.pk)
      .map((c) => c.name);
    const unique: string[] = [];
    const indexes: string[] = [];
    const list = db.prepare(`PRAGMA index_list(${table})`).all() as {
      name: string;
      unique: number;
      origin: string;
      partial: number;
    }[];
    for (const index of list) {
      if (index.origin === 'pk') continue;
      const names = (
        db.prepare(`PRAGMA index_info(${index.name})`).all() as { seqno: number; name: string }[]
      )
        .sort((a, b) => a.seqno - b.seqno)
        .map((c) => c.name)
        .join(', ');
      if (index.unique === 1) unique.push(`(${names})${index.partial === 1 ? ' partial' : ''}`);
      else indexes.push(`${index.name} (${names})${index.partial === 1 ? ' partial' : ''}`);
    }
    const keys = db.prepare(`PRAGMA foreign_key_list(${table})`).all() as {
      id: number;
      seq: number;
      table: string;
      from: string;
      to: string;
      on_update: string;
      on_delete: string;
    }[];
    const foreignKeys = [...new Set(keys.map((k) => k.id))].map((id) => {
      const parts = keys.filter((k) => k.id === id).sort((a, b) => a.seq - b.seq);
      const first = parts[0] as (typeof parts)[number];
      return `(${parts.map((k) => k.from).join(', ')}) -> ${first.table}(${parts.map((k) => k.to).join(', ')}) ON DELETE ${first.on_delete} ON UPDATE ${first.on_update}`;
    });
    schema[table] = {
      columns,
      primaryKey,
      unique: unique.sort(),
      indexes: indexes.sort(),
      foreignKeys: foreignKeys.sort(),
      checks: sql.match(/\bCHECK\s*\(/gi)?.length ?? 0,
    };
  }
  return schema;
}

const columnsOf = (relation: string, keys: string): string =>
  `array(SELECT a.attname FROM unnest(${keys}) WITH ORDINALITY k(attnum, n)
     JOIN pg_attribute a ON a.attrelid = ${relation} AND a.attnum = k.attnum ORDER BY k.n)::text[]`;

async function postgresSchema(client: pg.Client): Promise<Schema> {
  const schema: Schema = {};
  const tables = await client.query<{ name: string }>(
    "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('schema_version', 'audit_log_high_water') ORDER BY tablename",
  );
  for (const { name: table } of tables.rows) {
    const columns = await client.query<{
      name: string;
      type: string;
      not_null: boolean;
      collation: string | null;
    }>(
      `SELECT a.attname AS name, format_type(a.atttypid, NULL) AS type, a.attnotnull AS not_null,
         (SELECT collname FROM pg_collation WHERE oid = a.attcollation) AS collation
       FROM pg_attribute a WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped
       ORDER BY a.attnum`,
      [table],
    );
    const constraints = await client.query<{
      type: string;
      columns: string[];
      ref_table: string | null;
      ref_columns: string[] | null;
      on_delete: string;
      on_update: string;
    }>(
      `SELECT c.contype AS type, ${columnsOf('c.conrelid', 'c.conkey')} AS columns,
         CASE WHEN c.contype = 'f' THEN c.confrelid::regclass::text END AS ref_table,
         CASE WHEN c.contype = 'f' THEN ${columnsOf('c.confrelid', 'c.confkey')} END AS ref_columns,
         c.confdeltype AS on_delete, c.confupdtype AS on_update
       FROM pg_constraint c WHERE c.conrelid = $1::regclass`,
      [table],
    );
    const indexList = await client.query<{
      name: string;
      unique: boolean;
      primary: boolean;
      partial: boolean;
      columns: string[];
    }>(
      `SELECT ic.relname AS name, i.indisunique AS unique, i.indisprimary AS primary,
         i.indpred IS NOT NULL AS partial, ${columnsOf('i.indrelid', 'i.indkey::int2[]')} AS columns
       FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid WHERE i.indrelid = $1::regclass`,
      [table],
    );
    const keys = constraints.rows.filter((c) => c.type === 'f');
    schema[table] = {
      columns: columns.rows.map((c) =>
        column(c.name, postgresKinds[c.type], c.not_null, c.collation === 'delib_nocase'),
      ),
      primaryKey: constraints.rows.find((c) => c.type === 'p')?.columns ?? [],
      unique: indexList.rows
        .filter((i) => i.unique && !i.primary)
        .map((i) => `(${i.columns.join(', ')})${i.partial ? ' partial' : ''}`)
        .sort(),
      indexes: indexList.rows
        .filter((i) => !i.unique)
        .map((i) => `${i.name} (${i.columns.join(', ')})${i.partial ? ' partial' : ''}`)
        .sort(),
      foreignKeys: keys
        .map(
          (k) =>
            `(${k.columns.join(', ')}) -> ${k.ref_table}(${(k.ref_columns ?? []).join(', ')}) ON DELETE ${postgresActions[k.on_delete]} ON UPDATE ${postgresActions[k.on_update]}`,
        )
        .sort(),
      checks: constraints.rows.filter((c) => c.type === 'c').length,
    };
  }
  return schema;
}

describe('the PostgreSQL schema is the SQLite one', () => {
  let postgres: TestPostgres;
  let client: pg.Client;
  let folder: string;
  let sqlite: Database.Database;

  beforeAll(async () => {
    postgres = await postgresForTests();
    client = new pg.Client({ connectionString: await postgres.createDatabase() });
    await client.connect();
    await migratePostgres(client);
    folder = mkdtempSync(path.join(os.tmpdir(), 'delib-schema-'));
    sqlite = new Database(path.join(folder, 'delib.sqlite'));
    sqlite.pragma('foreign_keys = ON');
    for (const migration of MIGRATIONS) sqlite.exec(migration);
  });
  afterAll(async () => {
    sqlite.close();
    rmSync(folder, { recursive: true, force: true });
    await client.end();
    await postgres.close();
  });

  it('has one PostgreSQL migration per SQLite migration', () => {
    expect(POSTGRES_MIGRATIONS).toHaveLength(MIGRATIONS.length);
  });

  it('has the same tables, columns, keys, unique sets, indexes, foreign keys and checks', async () => {
    const expected = sqliteSchema(sqlite);
    expect(Object.keys(expected).length).toBeGreaterThan(20);
    expect(await postgresSchema(client)).toEqual(expected);
  });

  it('after each migration, not only the last', async () => {
    const stepSqlite = new Database(':memory:');
    const stepClient = new pg.Client({ connectionString: await postgres.createDatabase() });
    await stepClient.connect();
    try {
      for (let version = 0; version < MIGRATIONS.length; version++) {
        stepSqlite.exec(MIGRATIONS[version] as string);
        await stepClient.query(POSTGRES_MIGRATIONS[version] as string);
        expect({ version, schema: await postgresSchema(stepClient) }).toEqual({
          version,
          schema: sqliteSchema(stepSqlite),
        });
      }
    } finally {
      stepSqlite.close();
      await stepClient.end();
    }
  });

  it('compares logins without case, for lookups and for uniqueness, like COLLATE NOCASE', async () => {
    await client.query(
      "INSERT INTO users (id, login, display_name, role, created_at) VALUES ('u1', 'Presidente', 'Présidente', 'president', 0)",
    );
    const found = await client.query('SELECT id FROM users WHERE login = $1', ['presidente']);
    expect(found.rows).toEqual([{ id: 'u1' }]);
    await expect(
      client.query(
        "INSERT INTO users (id, login, display_name, role, created_at) VALUES ('u2', 'PRESIDENTE', 'Autre', 'member', 0)",
      ),
    ).rejects.toThrow(/users_login_key/);
    const sqliteFound = sqlite
      .prepare(
        "INSERT INTO users (id, login, display_name, role, created_at) VALUES ('u1', 'Presidente', 'Présidente', 'president', 0)",
      )
      .run();
    expect(sqliteFound.changes).toBe(1);
    expect(sqlite.prepare('SELECT id FROM users WHERE login = ?').all('presidente')).toEqual([
      { id: 'u1' },
    ]);
  });
});
