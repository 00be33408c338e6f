import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../demo/seed-demo.js';
import type { LockedRecord } from '@delib/protocol';
import { lockDemoJury } from '../minute/test-support/minute-test-server.js';
import { openAsIntruder, postJson } from '../test-support/intruder-connection.js';
import { getJson, signIn } from '../test-support/sign-in.js';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';
import type { Db } from './open-database.js';
import { testEngine } from '../test-support/test-database.js';

type Row = Record<string, unknown>;

/** `INSERT OR REPLACE` of this row with some columns changed. */
function replaceRow(db: Db, table: string, row: Row, changes: Row): void {
  const values = { ...row, ...changes };
  const columns = Object.keys(values);
  db.prepare(
    `INSERT OR REPLACE INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`,
  ).run(values);
}

// SQLite's own syntax; PostgreSQL's refusals: postgres-immutable-tables-refuse-changes.test.ts.
describe.skipIf(testEngine() === 'postgres')(
  'rows written once refuse INSERT OR REPLACE, which skips delete triggers',
  () => {
    let server: TestServer;
    let intruder: Db;
    let juryId: number;

    beforeAll(async () => {
      server = await startTestServer();
      juryId = await lockDemoJury(server);
      const president = await signIn(server.url, 'presidente');
      expect(
        (
          await postJson(server.url, `/api/juries/${juryId}/sign`, president.cookie, {
            password: DEMO_PASSWORD,
          })
        ).status,
      ).toBe(201);
      const { body } = await getJson<LockedRecord>(
        `${server.url}/api/juries/${juryId}/record`,
        president.cookie,
      );
      const amendment = await postJson(
        server.url,
        `/api/juries/${juryId}/amendments`,
        president.cookie,
        {
          candidateId: body.record.candidates[0]?.id,
          unit: 'U42',
          input: 'entry',
          after: { mark: 13 },
          reason: 'Erreur de report de la note sur la grille',
        },
      );
      expect(amendment.status).toBe(201);
      // The relevés sign and store their extracts the first time they are produced.
      const transcripts = await fetch(`${server.url}/api/juries/${juryId}/releves.pdf`, {
        headers: { cookie: president.cookie },
      });
      expect(transcripts.status).toBe(200);
      intruder = openAsIntruder(server.databasePath);
    });
    afterAll(async () => {
      intruder.close();
      await server.stop();
    });

    const cases: { table: string; changes: Row; message: RegExp }[] = [
      {
        table: 'final_records',
        changes: { record: '{}', sha256: '0'.repeat(64) },
        message: /procès-verbal verrouillé : remplacement interdit/,
      },
      {
        table: 'minute_signatures',
        changes: { envelope: '{}' },
        message: /procès-verbal signé : remplacement interdit/,
      },
      {
        table: 'amendments',
        changes: { after: '{"mark":20}' },
        message: /rectificatif enregistré : remplacement interdit/,
      },
      {
        table: 'signing_keys',
        changes: { centre: 'ailleurs' },
        message: /clé de signature : remplacement interdit/,
      },
      {
        table: 'transcript_signatures',
        changes: { envelope: '{}' },
        message: /relevé signé : remplacement interdit/,
      },
    ];

    for (const { table, changes, message } of cases) {
      it(`in ${table}`, () => {
        const before = intruder.prepare(`SELECT * FROM ${table}`).all() as Row[];
        expect(before.length).toBeGreaterThan(0);
        expect(() => replaceRow(intruder, table, before[0] as Row, changes)).toThrow(message);
        expect(intruder.prepare(`SELECT * FROM ${table}`).all()).toEqual(before);
      });
    }

    it('in signing_keys, under a new id with the same public key', () => {
      const before = intruder.prepare('SELECT * FROM signing_keys').all() as Row[];
      expect(() =>
        replaceRow(intruder, 'signing_keys', before[0] as Row, { id: 'une-autre-cle' }),
      ).toThrow(/clé de signature : remplacement interdit/);
      expect(intruder.prepare('SELECT * FROM signing_keys').all()).toEqual(before);
    });

    it('in juries: a locked jury is not swapped for an unlocked row', () => {
      const jury = intruder.prepare('SELECT * FROM juries WHERE id = ?').get(juryId) as Row;
      expect(jury.locked_at).not.toBeNull();
      expect(() => replaceRow(intruder, 'juries', jury, { locked_at: null })).toThrow(
        /jury verrouillé : remplacement interdit/,
      );
      const { id: other } = intruder
        .prepare("INSERT INTO juries (exam_session_id, name) VALUES (?, 'Autre jury') RETURNING id")
        .get(jury.exam_session_id) as { id: number };
      expect(() =>
        intruder.prepare('UPDATE OR REPLACE juries SET id = ? WHERE id = ?').run(juryId, other),
      ).toThrow(/jury verrouillé : remplacement interdit/);
      expect(intruder.prepare('SELECT * FROM juries WHERE id = ?').get(juryId)).toEqual(jury);
    });
  },
);
