import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionHarmonisation } from '@delib/protocol';
import { AdminClient } from '../test-support/admin-client.js';
import {
  SECOND_EXAMINER,
  splitTheE4Room,
  writeMarks,
} from '../test-support/harmonisation-steps.js';
import type { SplitRooms } from '../test-support/harmonisation-steps.js';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';

/**
 * A commission raises an alert when it holds at least 8 marks of a unit and its mean is
 * further from the cohort's than the session's gap (strictly), not before.
 */
describe('the harmonisation alert', () => {
  let server: TestServer;
  let admin: AdminClient;
  let rooms: SplitRooms;
  beforeAll(async () => {
    server = await startTestServer();
    admin = await AdminClient.signIn(server);
    rooms = await splitTheE4Room(admin);
    // Room B204 marks around 13: ten marks of 13.
    await writeMarks(
      server,
      'e4.enseignante',
      undefined,
      rooms.first.document,
      'U41',
      rooms.first.candidateIds.slice(0, 10).map((id) => [id, 13]),
    );
  });
  afterAll(async () => {
    await server.stop();
  });

  const alerts = async (): Promise<Record<number, boolean>> => {
    const answer = await admin.get<SessionHarmonisation>(
      `/api/admin/exam-sessions/${rooms.sessionId}/harmonisation`,
    );
    expect(answer.status).toBe(200);
    return Object.fromEntries(
      (answer.body.units.find((unit) => unit.unit === 'U41')?.commissions ?? []).map((c) => [
        c.id,
        c.alert,
      ]),
    );
  };
  const severe = (count: number): [number, number][] =>
    rooms.second.candidateIds.slice(0, count).map((id) => [id, 7]);

  it('stays silent for a room of 7 marks far from the cohort', async () => {
    await writeMarks(
      server,
      SECOND_EXAMINER.login,
      SECOND_EXAMINER.password,
      rooms.second.document,
      'U41',
      severe(7),
    );
    // Cohort: 10 × 13 + 7 × 7 = 179 / 17 = 10.53. B210's mean 7 is 3.53 below, on 7 marks:
    // silent. B204's 13 is 2.47 above, on 10 marks: it fires.
    expect(await alerts()).toEqual({ [rooms.first.id]: true, [rooms.second.id]: false });
  });

  it('fires at the 8th mark, for every room beyond the gap', async () => {
    await writeMarks(
      server,
      SECOND_EXAMINER.login,
      SECOND_EXAMINER.password,
      rooms.second.document,
      'U41',
      severe(8),
    );
    // Cohort: 186 / 18 = 10.33: B210 is 3.33 below, B204 2.67 above (10 marks).
    expect(await alerts()).toEqual({ [rooms.first.id]: true, [rooms.second.id]: true });
  });

  it('follows the session’s gap: beyond 2,67 only B210, at 3,34 none', async () => {
    expect(
      (
        await admin.json('PUT', `/api/admin/exam-sessions/${rooms.sessionId}/harmonisation`, {
          alertGap: '2,67',
        })
      ).status,
    ).toBe(200);
    expect(await alerts()).toEqual({ [rooms.first.id]: false, [rooms.second.id]: true });
    await admin.json('PUT', `/api/admin/exam-sessions/${rooms.sessionId}/harmonisation`, {
      alertGap: '3,34',
    });
    expect(await alerts()).toEqual({ [rooms.first.id]: false, [rooms.second.id]: false });
  });

  it('does not fire at a difference exactly equal to the gap', async () => {
    // B204: 8 × 13 and 2 × 10 (mean 12.4); B210: 8 × 7; cohort 180 / 18 = 10 exactly.
    await writeMarks(
      server,
      'e4.enseignante',
      undefined,
      rooms.first.document,
      'U41',
      rooms.first.candidateIds.slice(8, 10).map((id) => [id, 10]),
    );
    const setGap = (alertGap: unknown) =>
      admin.json('PUT', `/api/admin/exam-sessions/${rooms.sessionId}/harmonisation`, { alertGap });
    expect((await setGap(3)).status).toBe(200);
    expect(await alerts()).toEqual({ [rooms.first.id]: false, [rooms.second.id]: false });
    expect((await setGap('2,99')).status).toBe(200);
    expect(await alerts()).toEqual({ [rooms.first.id]: false, [rooms.second.id]: true });
  });
});
