import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAllOralEntries, readOralEntry, writeOralEntry } from '@delib/protocol';
import { openDatabase } from '../db/open-database.js';
import { DocumentStore } from './document-store.js';
import { seedDemo } from '../demo/seed-demo.js';
import { freePort, killHard, spawnServer } from '../test-support/server-process.js';
import { firstRoomOf, signIn } from '../test-support/sign-in.js';
import { connectDocument, waitFor } from '../test-support/sync-client.js';
import type { SyncClient } from '../test-support/sync-client.js';

describe('a server killed with SIGKILL while examiners write', () => {
  let directory: string;
  let databasePath: string;
  let server: ChildProcess | undefined;
  beforeAll(async () => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'delib-crash-'));
    databasePath = path.join(directory, 'delib.sqlite');
    const db = openDatabase(databasePath);
    await seedDemo(db);
    db.close();
  });
  afterAll(async () => {
    if (server) await killHard(server);
    fs.rmSync(directory, { recursive: true, force: true });
  });

  it('keeps every stored update, and the clients’ pending marks arrive after they reconnect', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    server = await spawnServer(databasePath, port);
    const logins = ['e4.enseignante', 'e4.professionnel'];
    const cookies = await Promise.all(
      logins.map(async (login) => (await signIn(url, login)).cookie),
    );
    const me = await signIn(url, 'e4.enseignante');
    const room = await firstRoomOf(url, me);
    const clients: SyncClient[] = cookies.map((cookie) =>
      connectDocument(url, room.document, cookie),
    );
    await Promise.all(clients.map((client) => client.synced));

    // Each examiner writes its own unit for every candidate, one mark every 15 ms.
    const expected = new Map<string, number>();
    let index = 0;
    const writes = clients.map((client, k) => {
      const unit = k === 0 ? 'U41' : 'U42';
      return setInterval(() => {
        const passage = room.passages[index % room.passages.length];
        if (!passage) return;
        const mark = (index % 41) / 2;
        writeOralEntry(client.doc, passage.candidateId, unit, { mark });
        expected.set(`${passage.candidateId}:${unit}`, mark);
        index += 1;
      }, 15);
    });
    await new Promise((resolve) => setTimeout(resolve, 400));
    await killHard(server);
    // Writing goes on while the server is down: these updates wait in the clients.
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const timer of writes) clearInterval(timer);
    expect(expected.size).toBeGreaterThan(10);

    // What the server had stored before dying is in SQLite and consistent: every cell's last
    // audit row (written in the same transaction as its update) matches the rebuilt document.
    const db = openDatabase(databasePath);
    const stored = new DocumentStore(db, Number.MAX_SAFE_INTEGER).load(room.document).doc;
    const audited = db
      .prepare(
        "SELECT candidate_id AS c, unit AS u, after FROM audit_log WHERE action = 'saisie' ORDER BY id",
      )
      .all() as { c: number; u: string; after: string }[];
    expect(audited.length).toBeGreaterThan(0);
    const lastAudited = new Map(
      audited.map((row) => [`${row.c}:${row.u}`, JSON.parse(row.after) as unknown]),
    );
    for (const [key, after] of lastAudited) {
      const [candidate, unit] = key.split(':') as [string, string];
      expect(readOralEntry(stored, Number(candidate), unit)).toEqual(after);
    }
    db.close();

    server = await spawnServer(databasePath, port);
    const reader = connectDocument(url, room.document, (await signIn(url, 'presidente')).cookie);
    await reader.synced;

    // The examiners' providers reconnect by themselves and send what the server lacks.
    const allArrived = (): boolean =>
      [...expected].every(([key, mark]) => {
        const [candidate, unit] = key.split(':') as [string, string];
        const entry = readOralEntry(reader.doc, Number(candidate), unit);
        return entry !== null && 'mark' in entry && entry.mark === mark;
      });
    await waitFor(allArrived, 'toutes les notes présentes après redémarrage', 20_000);
    expect(readAllOralEntries(reader.doc).size).toBe(expected.size);
    for (const client of [...clients, reader]) client.destroy();
  });
});
