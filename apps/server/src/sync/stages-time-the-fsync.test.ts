import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { writeOralEntry } from '@delib/protocol';
import { firstRoomOf, signIn } from '../test-support/sign-in.js';
import { connectDocument, waitFor } from '../test-support/sync-client.js';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';
import { testEngine } from '../test-support/test-database.js';
import { readStagesLine } from './commit-stages.js';
import type { StageSamples } from './commit-stages.js';

/**
 * DELIB_SYNC_STAGES=1 (`pnpm bench:sync --stages`): the server prints where each accepted
 * mark spent its time before its broadcast. Here the WAL's fsync is made slow on purpose:
 * the report must put that time in the `durable` stage, and name no document or candidate.
 */
const FSYNC_DELAY_MS = 150;

describe('the timings of a mark’s stages', () => {
  let server: TestServer;
  const printed: string[] = [];
  beforeAll(async () => {
    vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
      printed.push(args.map(String).join(' '));
    });
    server = await startTestServer(
      { syncStages: true },
      {
        walFsync: (fd, callback) => {
          setTimeout(() => fs.fdatasync(fd, callback), FSYNC_DELAY_MS);
        },
      },
    );
  });
  afterAll(async () => {
    await server.stop();
    vi.restoreAllMocks();
  });

  it('are printed once a second, the fsync’s wait in the durable stage', async () => {
    const examiner = await signIn(server.url, 'e22.anglais');
    const room = await firstRoomOf(server.url, examiner);
    const candidateId = room.passages[0]?.candidateId as number;
    const writer = connectDocument(server.url, room.document, examiner.cookie);
    await writer.synced;

    writeOralEntry(writer.doc, candidateId, 'U22', { mark: 12 });
    await waitFor(
      () => printed.some((line) => readStagesLine(line) !== null),
      'le relevé des étapes',
    );
    const line = printed.find((each) => readStagesLine(each) !== null) as string;
    const report = readStagesLine(line) as StageSamples;
    expect(report.queued).toHaveLength(1);
    expect(report.written).toHaveLength(1);
    expect(report.durable).toHaveLength(1);
    for (const ms of [...report.queued, ...report.written, ...report.durable])
      expect(ms).toBeGreaterThanOrEqual(0);
    // On PostgreSQL the COMMIT is durable when it returns: there is no WAL fsync of ours.
    if (testEngine() === 'sqlite')
      expect(report.durable[0]).toBeGreaterThanOrEqual(FSYNC_DELAY_MS - 1);
    // Timings only: three lists of numbers, no document name, no candidate.
    expect(Object.keys(report).sort()).toEqual(['durable', 'queued', 'written']);
    expect(line).not.toContain(room.document);
    writer.destroy();
  });
});
