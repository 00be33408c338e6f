import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresForTests } from '../test-support/postgres-for-tests.js';
import type { TestPostgres } from '../test-support/postgres-for-tests.js';
import {
  POSTGRES_MIGRATIONS,
  POSTGRES_MIGRATION_LOCK,
  migratePostgres,
} from './postgres-migrations.js';

const allVersions = POSTGRES_MIGRATIONS.map((_, index) => index + 1);

/** Every object the migrations make, with its oid: a migration run again would change them. */
async function catalog(client: pg.Client): Promise<unknown> {
  const { rows } = await client.query(
    `SELECT 'class' AS kind, oid::bigint::text AS oid, relname::text AS name FROM pg_class
       WHERE relnamespace = 'public'::regnamespace
     UNION ALL SELECT 'function', oid::bigint::text, proname::text FROM pg_proc
       WHERE pronamespace = 'public'::regnamespace
     UNION ALL SELECT 'trigger', oid::bigint::text, tgname::text FROM pg_trigger WHERE NOT tgisinternal
     UNION ALL SELECT 'collation', oid::bigint::text, collname::text FROM pg_collation
       WHERE collnamespace = 'public'::regnamespace
     ORDER BY 1, 3`,
  );
  return rows;
}

async function versions(client: pg.Client): Promise<{ version: number; applied_at: Date }[]> {
  return (await client.query('SELECT version, applied_at FROM schema_version ORDER BY version'))
    .rows;
}

describe('migratePostgres applies each migration once', () => {
  let postgres: TestPostgres;
  const clients: pg.Client[] = [];

  async function connect(url: string): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    clients.push(client);
    return client;
  }

  beforeAll(async () => {
    postgres = await postgresForTests();
  });
  afterAll(async () => {
    for (const client of clients) await client.end();
    await postgres.close();
  });

  it('records every version, and a second run changes nothing', async () => {
    const client = await connect(await postgres.createDatabase());
    await migratePostgres(client);
    const applied = await versions(client);
    expect(applied.map((row) => row.version)).toEqual(allVersions);
    const before = await catalog(client);

    await migratePostgres(client);
    expect(await versions(client)).toEqual(applied);
    expect(await catalog(client)).toEqual(before);
  });

  it('applies only the missing ones to a database some versions behind', async () => {
    const url = await postgres.createDatabase();
    const client = await connect(url);
    await client.query(
      'CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())',
    );
    for (let version = 0; version < 5; version++) {
      await client.query(POSTGRES_MIGRATIONS[version] as string);
      await client.query('INSERT INTO schema_version (version) VALUES ($1)', [version + 1]);
    }
    const reference = await connect(await postgres.createDatabase());
    await migratePostgres(reference);

    await migratePostgres(client);
    expect((await versions(client)).map((row) => row.version)).toEqual(allVersions);
    const names = async (c: pg.Client): Promise<unknown> =>
      ((await catalog(c)) as { kind: string; name: string }[]).map(({ kind, name }) => ({
        kind,
        name,
      }));
    expect(await names(client)).toEqual(await names(reference));
  });

  it('lets two processes starting together end with one schema', async () => {
    const url = await postgres.createDatabase();
    const holder = await connect(url);
    const first = await connect(url);
    const second = await connect(url);
    // Hold the migration lock so that both runs are surely waiting for it at once.
    await holder.query('BEGIN');
    await holder.query('SELECT pg_advisory_xact_lock($1)', [POSTGRES_MIGRATION_LOCK]);
    const runs = Promise.allSettled([migratePostgres(first), migratePostgres(second)]);
    for (;;) {
      const { rows } = await holder.query<{ waiting: number }>(
        `SELECT count(*)::int AS waiting FROM pg_locks
         WHERE locktype = 'advisory' AND NOT granted
           AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
      );
      if (rows[0]?.waiting === 2) break;
      await sleep(20);
    }
    await holder.query('COMMIT');

    const outcomes = await runs;
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled']);
    expect((await versions(holder)).map((row) => row.version)).toEqual(allVersions);
    const tables = await holder.query<{ count: number }>(
      "SELECT count(*)::int AS count FROM pg_tables WHERE schemaname = 'public'",
    );
    expect(tables.rows[0]?.count).toBeGreaterThan(20);
  });
});
