import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_PASSWORD } from '../demo/seed-demo.js';
import type { FinalRecord } from '@delib/protocol';
import type { Db } from '../db/open-database.js';
import { lockDemoJury } from '../minute/test-support/minute-test-server.js';
import { openIntruderOn, overwriteRow, postJson } from '../test-support/intruder-connection.js';
import { signIn } from '../test-support/sign-in.js';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';
import { canonicalRecord } from './lock-jury.js';

interface RecordRow {
  jury_id: number;
  locked_at: string;
  locked_by: string;
  record: string;
  sha256: string;
}

describe('a final record altered in the database', () => {
  let server: TestServer;
  let intruder: Db;
  let juryId: number;
  let president: string;
  let original: RecordRow;

  /** What an intruder with write access does: the triggers are only SQL, they can go. */
  const replaceRecord = (row: RecordRow): void => {
    overwriteRow(intruder, 'final_records', ['jury_id'], { ...row });
  };
  const alteredRecord = (): string => {
    const record = JSON.parse(original.record) as FinalRecord;
    const candidate = record.candidates[0] as FinalRecord['candidates'][number];
    candidate.decision = candidate.decision === 'admis' ? 'refuse' : 'admis';
    return canonicalRecord(record).canonical;
  };
  const get = (path: string) =>
    fetch(`${server.url}/api/juries/${juryId}${path}`, { headers: { cookie: president } });

  /** Every route that serves, exports or signs the stored record. */
  const answers = async (): Promise<Record<string, number>> => ({
    record: (await get('/record')).status,
    csv: (await get('/results.csv')).status,
    minute: (await get('/minute.pdf')).status,
    transcripts: (await get('/releves.pdf')).status,
    sign: (
      await postJson(server.url, `/api/juries/${juryId}/sign`, president, {
        password: DEMO_PASSWORD,
      })
    ).status,
    amendment: (
      await postJson(server.url, `/api/juries/${juryId}/amendments`, president, {
        candidateId: (JSON.parse(original.record) as FinalRecord).candidates[0]?.id,
        unit: 'U42',
        after: { mark: 13 },
        reason: 'Erreur de report de la note sur la grille',
      })
    ).status,
  });

  beforeAll(async () => {
    server = await startTestServer();
    juryId = await lockDemoJury(server);
    president = (await signIn(server.url, 'presidente')).cookie;
    expect(
      (
        await postJson(server.url, `/api/juries/${juryId}/sign`, president, {
          password: DEMO_PASSWORD,
        })
      ).status,
    ).toBe(201);
    intruder = openIntruderOn(server);
    original = intruder
      .prepare('SELECT * FROM final_records WHERE jury_id = ?')
      .get(juryId) as RecordRow;
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });
  afterAll(async () => {
    intruder.close();
    await server.stop();
  });

  it('is refused everywhere (500, in French, logged) when it no longer matches its SHA-256', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    replaceRecord({ ...original, record: alteredRecord() });
    const response = await get('/record');
    expect(response.status).toBe(500);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('RECORD_ALTERED');
    expect(body.error.message).toMatch(/procès-verbal .* modifié hors de Délib/);
    expect(await answers()).toEqual({
      record: 500,
      csv: 500,
      minute: 500,
      transcripts: 500,
      sign: 500,
      amendment: 500,
    });
    expect(logged).toHaveBeenCalledWith(expect.stringMatching(new RegExp(`jury ${juryId}\\b`)));
  });

  it('is refused as well when its SHA-256 was recomputed: the lock’s audit row still holds the old one', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const record = alteredRecord();
    replaceRecord({ ...original, record, sha256: canonicalRecord(JSON.parse(record)).sha256 });
    expect((await get('/record')).status).toBe(500);
    expect((await get('/results.csv')).status).toBe(500);
  });

  it('is served again once put back as it was locked', async () => {
    replaceRecord(original);
    const response = await get('/record');
    expect(response.status).toBe(200);
    expect(((await response.json()) as { sha256: string }).sha256).toBe(original.sha256);
    expect((await get('/results.csv')).status).toBe(200);
    expect((await get('/minute.pdf')).status).toBe(200);
  });

  it('is not printed beside a signature of another record', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const row = intruder
      .prepare('SELECT * FROM minute_signatures WHERE jury_id = ?')
      .get(juryId) as Record<string, unknown> & { envelope: string };
    const envelope = JSON.parse(row.envelope) as { recordSha256: string };
    envelope.recordSha256 = 'f'.repeat(64);
    const replace = (values: Record<string, unknown>): void =>
      overwriteRow(intruder, 'minute_signatures', ['jury_id'], values);
    replace({ ...row, envelope: JSON.stringify(envelope) });
    expect((await get('/minute.pdf')).status).toBe(500);
    expect((await get('/releves.pdf')).status).toBe(500);
    expect(logged).toHaveBeenCalledWith(expect.stringMatching(new RegExp(`jury ${juryId}\\b`)));
    replace(row);
    expect((await get('/minute.pdf')).status).toBe(200);
  });
});
