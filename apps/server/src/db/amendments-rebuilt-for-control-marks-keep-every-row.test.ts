import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from './migrations.js';
import { openDatabase } from './open-database.js';
import type { Db } from './open-database.js';

const at = "'2027-06-04T12:00:00.000Z'";

/**
 * A rectification may set a contrôle mark after the lock (`input` 'control'): SQLite widens the
 * check of `amendments.input` only by rebuilding the table. On a file of the version before,
 * holding amendments and a rectified minute that references them, the migration keeps every
 * row and id, the sequence, the triggers that refuse changes, and the foreign keys.
 */
describe('the amendments table rebuilt to allow contrôle marks', () => {
  let folder: string;
  let db: Db;
  const rebuild = MIGRATIONS.findIndex((migration) => migration.includes('amendments_rebuilt'));
  const rows = () => db.prepare('SELECT * FROM amendments ORDER BY id').all();
  let before: unknown[];

  beforeAll(() => {
    folder = mkdtempSync(path.join(os.tmpdir(), 'delib-amendments-'));
    const file = path.join(folder, 'delib.sqlite');
    const old = new Database(file);
    old.pragma('foreign_keys = ON');
    // An amendment of a decision, as written before amendments corrected inputs only.
    const inputs = MIGRATIONS.findIndex((m) => m.includes('amendments_correct_an_input'));
    for (const migration of MIGRATIONS.slice(0, inputs)) old.exec(migration);
    old.exec(`
      INSERT INTO users (id, login, display_name, role, created_at)
        VALUES ('u1', 'presidente', 'Présidente', 'president', 0);
      INSERT INTO exam_sessions (regulation_id, year, centre, academie)
        VALUES ('bts-mco-2018', 2027, 'Centre', 'Académie');
      INSERT INTO juries (exam_session_id, name, locked_at) VALUES (1, 'Jury', ${at});
      INSERT INTO candidates (exam_session_id, jury_id, number, last_name, first_name)
        VALUES (1, 1, '0042', 'MEYER', 'Léa');
      INSERT INTO final_records (jury_id, locked_at, locked_by, record, sha256)
        VALUES (1, ${at}, 'u1', '{}', 'record-sha');
      INSERT INTO amendments (jury_id, candidate_id, unit, before, after, reason, author, created_at)
        VALUES (1, 1, NULL, '"refuse"', '"admis"', 'Décision écrite avant', 'u1', ${at});
    `);
    for (const migration of MIGRATIONS.slice(inputs, rebuild)) old.exec(migration);
    old.pragma(`user_version = ${rebuild}`);
    old.exec(`
      INSERT INTO amendments (jury_id, candidate_id, unit, input, before, after, reason, author,
          created_at, decision_before, decision_after)
        VALUES (1, 1, 'U6', 'entry', '{"absent":"justified"}', '{"mark":12}', 'Copie retrouvée',
          'u1', ${at}, 'refuse', 'controle');
      INSERT INTO signing_keys (id, centre, algorithm, public_key, private_key, created_at)
        VALUES ('k1', 'Centre', 'Ed25519', 'public-1', X'0102', ${at});
      INSERT INTO minute_signatures (jury_id, record_sha256, key_id, signed_at, signed_by, envelope, pdf_sha256)
        VALUES (1, 'record-sha', 'k1', ${at}, 'u1', '{}', 'pdf-sha');
      INSERT INTO rectified_minutes (jury_id, sequence, amendments_through, record, record_sha256,
          key_id, signed_at, signed_by, envelope, pdf_sha256)
        VALUES (1, 1, 2, '{}', 'rectified-sha', 'k1', ${at}, 'u1', '{}', 'rectified-pdf-sha');
    `);
    expect(() =>
      old
        .prepare(
          `INSERT INTO amendments (jury_id, candidate_id, unit, input, after, reason, author,
             created_at, decision_before, decision_after)
           VALUES (1, 1, 'U1', 'control', '{"mark":14}', 'r', 'u1', ${at}, 'controle', 'admis')`,
        )
        .run(),
    ).toThrow(/CHECK/);
    const seq = old.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'amendments'").get();
    expect(seq).toEqual({ seq: 2 });
    before = old.prepare('SELECT * FROM amendments ORDER BY id').all();
    old.close();
    db = openDatabase(file);
  });
  afterAll(() => {
    db?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('keeps every row as it was, and the foreign keys hold and are enforced again', () => {
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(rows()).toEqual(before);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(() =>
      db
        .prepare(
          `INSERT INTO rectified_minutes (jury_id, sequence, amendments_through, record,
             record_sha256, key_id, signed_at, signed_by, envelope, pdf_sha256)
           VALUES (1, 2, 99, '{}', 'other-sha', 'k1', ${at}, 'u1', '{}', 'other-pdf-sha')`,
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
  });

  it('takes a contrôle mark, after the last id, and still refuses anything else', () => {
    const insert = (input: string | null, unit: string | null = 'U1') =>
      db
        .prepare(
          `INSERT INTO amendments (jury_id, candidate_id, unit, input, after, reason, author,
             created_at, decision_before, decision_after)
           VALUES (1, 1, ?, ?, '{"mark":14}', 'Épreuve de contrôle', 'u1', ${at}, 'controle', 'admis')`,
        )
        .run(unit, input);
    insert('control');
    expect(db.prepare("SELECT id FROM amendments WHERE input = 'control'").get()).toEqual({
      id: 3,
    });
    expect(() => insert('decision')).toThrow(/CHECK/);
    expect(() => insert(null)).toThrow(/jamais une décision/);
    expect(() => db.prepare("UPDATE amendments SET reason = 'autre' WHERE id = 3").run()).toThrow(
      'rectificatif enregistré : modification interdite',
    );
    expect(() => db.prepare('DELETE FROM amendments WHERE id = 1').run()).toThrow(
      'rectificatif enregistré : suppression interdite',
    );
    expect(() =>
      db
        .prepare(
          `INSERT OR REPLACE INTO amendments (id, jury_id, candidate_id, unit, input, after,
             reason, author, created_at, decision_before, decision_after)
           VALUES (2, 1, 1, 'U6', 'entry', '{"mark":20}', 'r', 'u1', ${at}, 'refuse', 'admis')`,
        )
        .run(),
    ).toThrow('rectificatif enregistré : remplacement interdit');
    expect(rows()).toHaveLength(3);
  });
});
