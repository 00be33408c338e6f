import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionHarmonisation } from '@delib/protocol';
import { AdminClient } from '../test-support/admin-client.js';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';

/** The session's alert gap: checked, refused in French when wrong, stored and audited. */
describe('the alert gap setting', () => {
  let server: TestServer;
  let admin: AdminClient;
  let path: string;
  beforeAll(async () => {
    server = await startTestServer();
    admin = await AdminClient.signIn(server);
    const juries = await admin.get<{ id: number }[]>('/api/juries');
    const board = await admin.get<{ session: { id: number } }>(
      `/api/juries/${juries.body[0]?.id}/board`,
    );
    path = `/api/admin/exam-sessions/${board.body.session.id}/harmonisation`;
  });
  afterAll(async () => {
    await server.stop();
  });

  it('refuses what is not 0,01 to 20 points with two decimals, in French, and keeps the gap', async () => {
    const bad: unknown[] = [
      '0',
      '-1',
      '20,5',
      '1,234',
      'deux',
      '',
      0,
      25,
      0.1 + 0.2,
      null,
      [2],
      true,
    ];
    for (const alertGap of bad) {
      const answer = await admin.json<{ error: { code: string; message: string } }>('PUT', path, {
        alertGap,
      });
      expect(answer.status, JSON.stringify(alertGap)).toBe(400);
      expect(answer.body.error.code).toBe('INVALID_REQUEST');
      expect(answer.body.error.message).toMatch(/^Écart invalide : .*1,5/);
    }
    expect((await admin.json('PUT', path, {})).status).toBe(400);
    const unreadable = await fetch(`${server.url}${path}`, {
      method: 'PUT',
      headers: {
        origin: server.origin,
        cookie: admin.cookie as string,
        'content-type': 'application/json',
      },
      body: '{"alertGap":',
    });
    expect(unreadable.status).toBe(400);
    expect((await admin.get<SessionHarmonisation>(path)).body.alertGapHundredths).toBe(200);
    expect(server.app.db.prepare('SELECT COUNT(*) AS n FROM harmonisation_settings').get()).toEqual(
      { n: 0 },
    );
  });

  it('stores a gap typed with a comma, audits the change, and applies it', async () => {
    const answer = await admin.json<{ alertGapHundredths: number }>('PUT', path, {
      alertGap: ' 1,5 ',
    });
    expect(answer.status).toBe(200);
    expect(answer.body.alertGapHundredths).toBe(150);
    expect((await admin.get<SessionHarmonisation>(path)).body.alertGapHundredths).toBe(150);
    await admin.json('PUT', path, { alertGap: 2.25 });
    expect((await admin.get<SessionHarmonisation>(path)).body.alertGapHundredths).toBe(225);
    const rows = server.app.db
      .prepare(
        "SELECT before, after FROM audit_log WHERE action = 'reglage-harmonisation' ORDER BY id",
      )
      .all() as { before: string; after: string }[];
    expect(rows.map((row) => [JSON.parse(row.before), JSON.parse(row.after)])).toEqual([
      [
        expect.objectContaining({ alertGapHundredths: 200 }),
        expect.objectContaining({ alertGapHundredths: 150 }),
      ],
      [
        expect.objectContaining({ alertGapHundredths: 150 }),
        expect.objectContaining({ alertGapHundredths: 225 }),
      ],
    ]);
    // A refused value after a stored one leaves the stored one.
    expect((await admin.json('PUT', path, { alertGap: '0,001' })).status).toBe(400);
    expect((await admin.get<SessionHarmonisation>(path)).body.alertGapHundredths).toBe(225);
  });
});
