import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresForTests } from '../test-support/postgres-for-tests.js';
import type { TestPostgres } from '../test-support/postgres-for-tests.js';
import { MIGRATIONS } from './migrations.js';
import { migratePostgres } from './postgres-migrations.js';

const at = "'2027-06-04T12:00:00.000Z'";

/** One of each row written once, in SQL both engines read; `blob` is a key's private bytes. */
const seed = (blob: string): string => `
  INSERT INTO users (id, login, display_name, role, created_at)
    VALUES ('u1', 'presidente', 'Présidente', 'president', 0);
  INSERT INTO exam_sessions (regulation_id, year, centre, academie)
    VALUES ('bts-mco-2018', 2027, 'Centre', 'Académie');
  INSERT INTO juries (exam_session_id, name, locked_at) VALUES (1, 'Jury verrouillé', ${at});
  INSERT INTO juries (exam_session_id, name) VALUES (1, 'Jury ouvert');
  INSERT INTO candidates (exam_session_id, jury_id, number, last_name, first_name)
    VALUES (1, 1, '0042', 'MARTIN', 'Léa');
  INSERT INTO final_records (jury_id, locked_at, locked_by, record, sha256)
    VALUES (1, ${at}, 'u1', '{}', 'record-sha');
  INSERT INTO amendments (jury_id, candidate_id, unit, input, before, after, reason, author,
      created_at, decision_before, decision_after)
    VALUES (1, 1, 'U42', 'entry', '{"mark":12}', '{"mark":13}', 'Erreur de report', 'u1', ${at},
      'ajourne', 'admis');
  INSERT INTO signing_keys (id, centre, algorithm, public_key, private_key, created_at)
    VALUES ('k1', 'Centre', 'Ed25519', 'public-1', ${blob}, ${at});
  INSERT INTO minute_signatures (jury_id, record_sha256, key_id, signed_at, signed_by, envelope, pdf_sha256)
    VALUES (1, 'record-sha', 'k1', ${at}, 'u1', '{}', 'pdf-sha');
  INSERT INTO transcript_signatures (jury_id, candidate_id, extract_sha256, extract, envelope)
    VALUES (1, 1, 'extract-sha', '{}', '{}');
  INSERT INTO rectified_minutes (jury_id, sequence, amendments_through, record, record_sha256,
      key_id, signed_at, signed_by, envelope, pdf_sha256)
    VALUES (1, 1, 1, '{}', 'rectified-sha', 'k1', ${at}, 'u1', '{}', 'rectified-pdf-sha');
  INSERT INTO rectified_transcript_signatures (jury_id, sequence, candidate_id, extract_sha256, extract, envelope)
    VALUES (1, 1, 1, 'rectified-extract-sha', '{}', '{}');
  INSERT INTO uploaded_regulations (id, sha256, json, uploaded_by, uploaded_at)
    VALUES ('reglement-1', 'regulation-sha', '{}', 'u1', ${at});
`;

const guarded = [
  'juries',
  'final_records',
  'amendments',
  'signing_keys',
  'minute_signatures',
  'transcript_signatures',
  'rectified_minutes',
  'rectified_transcript_signatures',
  'uploaded_regulations',
];

/** Statements valid in both dialects, and the message the SQLite triggers give each. */
const refused: { sql: string; message: string }[] = [
  ...[
    ['final_records', "record = '{}x'", 'procès-verbal verrouillé'],
    ['amendments', "reason = 'autre'", 'rectificatif enregistré'],
    ['signing_keys', "centre = 'ailleurs'", 'clé de signature'],
    ['minute_signatures', "envelope = '{}x'", 'procès-verbal signé'],
    ['transcript_signatures', "envelope = '{}x'", 'relevé signé'],
    ['rectified_minutes', "envelope = '{}x'", 'procès-verbal rectificatif signé'],
    ['rectified_transcript_signatures', "envelope = '{}x'", 'relevé signé'],
    ['uploaded_regulations', "json = '[]'", 'règlement déposé'],
  ].flatMap(([table, change, subject]) => [
    { sql: `UPDATE ${table} SET ${change}`, message: `${subject} : modification interdite` },
    { sql: `DELETE FROM ${table}`, message: `${subject} : suppression interdite` },
  ]),
  {
    sql: `INSERT INTO final_records (jury_id, locked_at, locked_by, record, sha256) VALUES (1, ${at}, 'u1', '{}', 'autre')`,
    message: 'procès-verbal verrouillé : remplacement interdit',
  },
  {
    sql: `INSERT INTO amendments (id, jury_id, candidate_id, unit, input, after, reason, author, created_at, decision_before, decision_after)
      VALUES (1, 1, 1, 'U42', 'entry', '{"mark":20}', 'r', 'u1', ${at}, 'ajourne', 'admis')`,
    message: 'rectificatif enregistré : remplacement interdit',
  },
  {
    sql: `INSERT INTO amendments (jury_id, candidate_id, unit, after, reason, author, created_at)
      VALUES (1, 1, NULL, '"admis"', 'r', 'u1', ${at})`,
    message: 'rectificatif : il corrige une note ou un ajustement, jamais une décision',
  },
  {
    sql: `INSERT INTO signing_keys (id, centre, algorithm, public_key, private_key, created_at)
      SELECT 'k1', 'ailleurs', algorithm, 'public-2', private_key, created_at FROM signing_keys`,
    message: 'clé de signature : remplacement interdit',
  },
  {
    sql: `INSERT INTO signing_keys (id, centre, algorithm, public_key, private_key, created_at)
      SELECT 'k2', centre, algorithm, public_key, private_key, created_at FROM signing_keys`,
    message: 'clé de signature : remplacement interdit',
  },
  {
    sql: `INSERT INTO minute_signatures (jury_id, record_sha256, key_id, signed_at, signed_by, envelope, pdf_sha256)
      VALUES (1, 'record-sha', 'k1', ${at}, 'u1', '{}x', 'pdf-sha')`,
    message: 'procès-verbal signé : remplacement interdit',
  },
  {
    sql: `INSERT INTO transcript_signatures (jury_id, candidate_id, extract_sha256, extract, envelope)
      VALUES (1, 1, 'autre', '{}', '{}')`,
    message: 'relevé signé : remplacement interdit',
  },
  {
    sql: `INSERT INTO transcript_signatures (jury_id, candidate_id, extract_sha256, extract, envelope)
      VALUES (1, 2, 'extract-sha', '{}', '{}')`,
    message: 'relevé signé : remplacement interdit',
  },
  {
    sql: `INSERT INTO rectified_minutes (jury_id, sequence, amendments_through, record, record_sha256, key_id, signed_at, signed_by, envelope, pdf_sha256)
      VALUES (1, 1, 1, '{}', 'autre', 'k1', ${at}, 'u1', '{}', 'x')`,
    message: 'procès-verbal rectificatif signé : remplacement interdit',
  },
  {
    sql: `INSERT INTO rectified_minutes (jury_id, sequence, amendments_through, record, record_sha256, key_id, signed_at, signed_by, envelope, pdf_sha256)
      VALUES (1, 2, 1, '{}', 'rectified-sha', 'k1', ${at}, 'u1', '{}', 'x')`,
    message: 'procès-verbal rectificatif signé : remplacement interdit',
  },
  {
    sql: `INSERT INTO rectified_transcript_signatures (jury_id, sequence, candidate_id, extract_sha256, extract, envelope)
      VALUES (1, 1, 1, 'autre', '{}', '{}')`,
    message: 'relevé signé : remplacement interdit',
  },
  {
    sql: `INSERT INTO rectified_transcript_signatures (jury_id, sequence, candidate_id, extract_sha256, extract, envelope)
      VALUES (1, 1, 2, 'rectified-extract-sha', '{}', '{}')`,
    message: 'relevé signé : remplacement interdit',
  },
  {
    sql: `INSERT INTO uploaded_regulations (id, sha256, json, uploaded_by, uploaded_at)
      VALUES ('reglement-1', 'autre', '[]', 'u1', ${at})`,
    message: 'règlement déposé : remplacement interdit',
  },
  {
    sql: 'UPDATE juries SET locked_at = NULL WHERE id = 1',
    message: 'jury verrouillé : pas de déverrouillage',
  },
  {
    sql: `INSERT INTO juries (id, exam_session_id, name) VALUES (1, 1, 'Remplaçant')`,
    message: 'jury verrouillé : remplacement interdit',
  },
  {
    sql: 'UPDATE juries SET id = 3 WHERE id = 1',
    message: 'jury verrouillé : remplacement interdit',
  },
  {
    sql: 'UPDATE juries SET id = 1 WHERE id = 2',
    message: 'jury verrouillé : remplacement interdit',
  },
];

/** PostgreSQL's ways to the same harm, which SQLite does not have or spells otherwise. */
const refusedByPostgresOnly: { sql: string; message: string }[] = [
  ...[
    ['final_records', 'procès-verbal verrouillé'],
    ['amendments', 'rectificatif enregistré'],
    ['signing_keys', 'clé de signature'],
    ['minute_signatures', 'procès-verbal signé'],
    ['transcript_signatures', 'relevé signé'],
    ['rectified_minutes', 'procès-verbal rectificatif signé'],
    ['rectified_transcript_signatures', 'relevé signé'],
    ['uploaded_regulations', 'règlement déposé'],
  ].map(([table, subject]) => ({
    sql: `TRUNCATE ${table} CASCADE`,
    message: `${subject} : suppression interdite`,
  })),
  // A cascade reaches the rows written once too.
  { sql: 'TRUNCATE juries CASCADE', message: 'procès-verbal verrouillé : suppression interdite' },
  {
    sql: `INSERT INTO final_records (jury_id, locked_at, locked_by, record, sha256) VALUES (1, ${at}, 'u1', '{}', 'autre')
      ON CONFLICT (jury_id) DO UPDATE SET sha256 = excluded.sha256`,
    message: 'procès-verbal verrouillé : remplacement interdit',
  },
  {
    sql: `INSERT INTO signing_keys (id, centre, algorithm, public_key, private_key, created_at)
      SELECT 'k1', 'ailleurs', algorithm, 'public-2', private_key, created_at FROM signing_keys
      ON CONFLICT DO NOTHING`,
    message: 'clé de signature : remplacement interdit',
  },
];

async function errorOf(run: () => Promise<unknown> | unknown): Promise<string | undefined> {
  try {
    await run();
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

describe('rows written once refuse every change on PostgreSQL, as the SQLite triggers do', () => {
  let postgres: TestPostgres;
  let client: pg.Client;
  let folder: string;
  let sqlite: Database.Database;

  const postgresRows = async (): Promise<unknown> => {
    const rows: Record<string, unknown> = {};
    for (const table of guarded) {
      rows[table] = (await client.query(`SELECT * FROM ${table} ORDER BY 1, 2`)).rows;
    }
    return rows;
  };
  const sqliteRows = (): unknown =>
    Object.fromEntries(
      guarded.map((table) => [table, sqlite.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).all()]),
    );

  beforeAll(async () => {
    postgres = await postgresForTests();
    client = new pg.Client({
      connectionString: await postgres.createDatabase(),
      // int8 as a number, as the server's driver reads it, to compare rows with SQLite's.
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
          oid === pg.types.builtins.INT8
            ? Number
            : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
      },
    });
    await client.connect();
    await migratePostgres(client);
    await client.query(seed(String.raw`'\x0102'`));
    folder = mkdtempSync(path.join(os.tmpdir(), 'delib-immutable-'));
    sqlite = new Database(path.join(folder, 'delib.sqlite'));
    sqlite.pragma('foreign_keys = ON');
    for (const migration of MIGRATIONS) sqlite.exec(migration);
    sqlite.exec(seed("X'0102'"));
  });
  afterAll(async () => {
    sqlite.close();
    rmSync(folder, { recursive: true, force: true });
    await client.end();
    await postgres.close();
  });

  for (const { sql, message } of refused) {
    it(`${sql.split('(')[0]?.replace(/\s+/g, ' ').trim()} → ${message}`, async () => {
      const sqliteBefore = sqliteRows();
      const postgresBefore = await postgresRows();
      expect(await errorOf(() => sqlite.exec(sql))).toBe(message);
      expect(await errorOf(() => client.query(sql))).toBe(message);
      expect(sqliteRows()).toEqual(sqliteBefore);
      expect(await postgresRows()).toEqual(postgresBefore);
    });
  }

  for (const { sql, message } of refusedByPostgresOnly) {
    it(`PostgreSQL: ${sql.split('(')[0]?.replace(/\s+/g, ' ').trim()} → ${message}`, async () => {
      const before = await postgresRows();
      expect(await errorOf(() => client.query(sql))).toBe(message);
      expect(await postgresRows()).toEqual(before);
    });
  }

  it('still lets an open jury be renamed and locked, and a new key be added', async () => {
    const allowed = [
      "UPDATE juries SET name = 'Jury 1 bis' WHERE id = 1",
      `UPDATE juries SET locked_at = ${at} WHERE id = 2`,
      `INSERT INTO signing_keys (id, centre, algorithm, public_key, private_key, created_at)
        SELECT 'k2', centre, algorithm, 'public-2', private_key, created_at FROM signing_keys`,
    ];
    for (const sql of allowed) {
      sqlite.exec(sql);
      await client.query(sql);
    }
    expect(await postgresRows()).toEqual(sqliteRows());
  });
});
