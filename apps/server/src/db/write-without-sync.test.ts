import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './open-database.js';
import { syncsEveryCommit, writeWithoutSync } from './write-without-sync.js';

function temporaryDatabase(synchronous?: 'FULL' | 'NORMAL') {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'delib-sync-'));
  return openDatabase(path.join(directory, 'delib.sqlite'), synchronous);
}

const synchronous = (db: ReturnType<typeof openDatabase>): number =>
  db.pragma('synchronous', { simple: true }) as number;

describe('writeWithoutSync', () => {
  it('writes with NORMAL and gives the connection back FULL, even when the write throws', () => {
    const db = temporaryDatabase();
    db.exec('CREATE TABLE t (v INTEGER)');
    const seen = writeWithoutSync(db, () => {
      db.prepare('INSERT INTO t VALUES (1)').run();
      return synchronous(db);
    });
    expect(seen).toBe(1);
    expect(synchronous(db)).toBe(2);
    expect(() =>
      writeWithoutSync(db, () => {
        throw new Error('refusé');
      }),
    ).toThrow('refusé');
    expect(synchronous(db)).toBe(2);
    expect(db.prepare('SELECT COUNT(*) AS n FROM t').get()).toEqual({ n: 1 });
    db.close();
  });

  it('joins a transaction as it is, and leaves a NORMAL or in-memory connection alone', () => {
    const db = temporaryDatabase();
    const inside = db.transaction(() => writeWithoutSync(db, () => synchronous(db)))();
    expect(inside).toBe(2);
    const normal = temporaryDatabase('NORMAL');
    expect(syncsEveryCommit(normal)).toBe(false);
    expect(writeWithoutSync(normal, () => synchronous(normal))).toBe(1);
    expect(syncsEveryCommit(openDatabase(':memory:'))).toBe(false);
    db.close();
    normal.close();
  });
});
