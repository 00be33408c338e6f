import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOralEntry, writeOralEntry } from '@delib/protocol';
import { openDatabase } from '../db/open-database.js';
import type { Db } from '../db/open-database.js';
import { seedDemo } from '../demo/seed-demo.js';
import { freePort, killHard, spawnServer } from '../test-support/server-process.js';
import { firstRoomOf, signIn } from '../test-support/sign-in.js';
import { connectDocument, waitFor } from '../test-support/sync-client.js';
import type { SyncClient } from '../test-support/sync-client.js';
import { DocumentStore } from './document-store.js';
import { WAL_WATCH_MS } from './database-document-storage.js';

/**
 * Someone removes the database's WAL while the server runs (a cleanup script, a careless
 * `rm *-wal`). SQLite goes on writing into the removed file, which a crash then takes with
 * every frame not yet copied into the database: marks acknowledged to the examiners would be
 * lost. The server must notice and make them durable in the database file itself, before it
 * acknowledges the next mark and within a second for those already acknowledged.
 */
describe('marks written around the removal of the WAL, then a SIGKILL', () => {
  let directory: string;
  let databasePath: string;
  let server: ChildProcess | undefined;
  let url: string;
  let port: number;
  beforeAll(async () => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'delib-wal-removed-'));
    databasePath = path.join(directory, 'delib.sqlite');
    const db = openDatabase(databasePath);
    await seedDemo(db);
    db.close();
    port = await freePort();
    url = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    if (server) await killHard(server);
    fs.rmSync(directory, { recursive: true, force: true });
  });

  /** Reads the database file as a restarted server would. */
  function readStored<T>(read: (db: Db) => T): T {
    const db = openDatabase(databasePath);
    try {
      return read(db);
    } finally {
      db.close();
    }
  }

  const storedMark = (document: string, candidateId: number, unit: string): unknown =>
    readStored((db) =>
      readOralEntry(
        new DocumentStore(db, Number.MAX_SAFE_INTEGER).load(document).doc,
        candidateId,
        unit,
      ),
    );

  const sessionCount = (): number =>
    readStored((db) => (db.prepare('SELECT COUNT(*) AS n FROM sessions').get() as { n: number }).n);

  /** Writes a mark and waits until the president sees it: the server acknowledged it. */
  async function writeAcknowledged(
    { writer, reader }: { writer: SyncClient; reader: SyncClient },
    candidateId: number,
    mark: number,
  ): Promise<void> {
    writeOralEntry(writer.doc, candidateId, 'U22', { mark });
    await waitFor(() => {
      const seen = readOralEntry(reader.doc, candidateId, 'U22');
      return seen !== null && 'mark' in seen && seen.mark === mark;
    }, 'la note vue par la présidente');
  }

  async function openRoom(): Promise<{
    writer: SyncClient;
    reader: SyncClient;
    document: string;
    candidates: number[];
  }> {
    const examiner = await signIn(url, 'e22.anglais');
    const president = await signIn(url, 'presidente');
    const room = await firstRoomOf(url, examiner);
    const writer = connectDocument(url, room.document, examiner.cookie);
    const reader = connectDocument(url, room.document, president.cookie);
    await Promise.all([writer.synced, reader.synced]);
    const candidates = [...new Set(room.passages.map((passage) => passage.candidateId))];
    return { writer, reader, document: room.document, candidates };
  }

  it('keeps a mark acknowledged before the removal, once a second has passed', async () => {
    server = await spawnServer(databasePath, port);
    const { writer, reader, document, candidates } = await openRoom();
    const candidateId = candidates[0] as number;
    await writeAcknowledged({ writer, reader }, candidateId, 11);

    fs.unlinkSync(`${databasePath}-wal`);
    await new Promise((resolve) => setTimeout(resolve, WAL_WATCH_MS * 1.5));
    await killHard(server);
    writer.destroy();
    reader.destroy();
    expect(storedMark(document, candidateId, 'U22')).toEqual({ mark: 11 });
  });

  it('keeps a mark written after the removal and acknowledged, killed at once', async () => {
    server = await spawnServer(databasePath, port);
    const { writer, reader, document, candidates } = await openRoom();
    const candidateId = candidates[1] as number;

    fs.unlinkSync(`${databasePath}-wal`);
    // Still accepted and broadcast: the rooms go on working.
    await writeAcknowledged({ writer, reader }, candidateId, 14.5);
    await killHard(server);
    writer.destroy();
    reader.destroy();
    expect(storedMark(document, candidateId, 'U22')).toEqual({ mark: 14.5 });
    // And the mark of the first test is still there.
    expect(storedMark(document, candidates[0] as number, 'U22')).toEqual({ mark: 11 });
  });

  it('keeps a mark written after the removal of a WAL already held open, killed at once', async () => {
    server = await spawnServer(databasePath, port);
    const { writer, reader, document, candidates } = await openRoom();
    const candidateId = candidates[1] as number;
    // This mark's fsync opens the WAL: the next batch is synced through that descriptor, and
    // only the look after its fsync can tell that the file has lost its name.
    await writeAcknowledged({ writer, reader }, candidateId, 12);

    fs.unlinkSync(`${databasePath}-wal`);
    await writeAcknowledged({ writer, reader }, candidateId, 16.5);
    await killHard(server);
    writer.destroy();
    reader.destroy();
    expect(storedMark(document, candidateId, 'U22')).toEqual({ mark: 16.5 });
  });

  it('keeps a write of the HTTP routes made once the removal is known, killed at once', async () => {
    server = await spawnServer(databasePath, port);
    const { writer, reader, candidates } = await openRoom();
    fs.unlinkSync(`${databasePath}-wal`);
    // A mark makes the server look at its WAL (as would its watch, within a second).
    await writeAcknowledged({ writer, reader }, candidates[2] as number, 8);
    // A write through the main connection: signing in stores a session.
    const before = sessionCount();
    await signIn(url, 'membre.roux');
    await killHard(server);
    writer.destroy();
    reader.destroy();
    expect(sessionCount()).toBe(before + 1);
  });
});
