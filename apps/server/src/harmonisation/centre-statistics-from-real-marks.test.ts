import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeOralEntry } from '@delib/protocol';
import type { SessionHarmonisation } from '@delib/protocol';
import { formatAverage } from '@delib/rules';
import { AdminClient } from '../test-support/admin-client.js';
import {
  SECOND_EXAMINER,
  splitTheE4Room,
  writeMarks,
} from '../test-support/harmonisation-steps.js';
import type { SplitRooms } from '../test-support/harmonisation-steps.js';
import { signIn } from '../test-support/sign-in.js';
import { connectDocument, waitFor } from '../test-support/sync-client.js';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';

/**
 * The centre's statistics are computed by the server from its own copies of the rooms'
 * documents, from marks written by real sync clients, with each mark's last writer.
 */
describe('the centre’s harmonisation statistics', () => {
  let server: TestServer;
  let admin: AdminClient;
  let rooms: SplitRooms;
  beforeAll(async () => {
    server = await startTestServer();
    admin = await AdminClient.signIn(server);
    rooms = await splitTheE4Room(admin);
  });
  afterAll(async () => {
    await server.stop();
  });

  it('gives count, mean, median, deviation, extremes and bands per unit, room and examiner', async () => {
    const [a1, a2, a3, a4] = rooms.first.candidateIds as [number, number, number, number];
    const [b1, b2, b3] = rooms.second.candidateIds as [number, number, number];
    // Room B204: Julie Bernard types three U41 marks, Marc Dubois one, then corrects one of hers.
    await writeMarks(server, 'e4.enseignante', undefined, rooms.first.document, 'U41', [
      [a1, 12],
      [a2, 14.5],
      [a3, 8],
    ]);
    await writeMarks(server, 'e4.professionnel', undefined, rooms.first.document, 'U41', [
      [a4, 20],
      [a3, 9],
    ]);
    // Room B210: Anne Petit types three.
    await writeMarks(
      server,
      SECOND_EXAMINER.login,
      SECOND_EXAMINER.password,
      rooms.second.document,
      'U41',
      [
        [b1, 10.5],
        [b2, 6],
        [b3, 11.5],
      ],
    );
    const answer = await admin.get<SessionHarmonisation>(
      `/api/admin/exam-sessions/${rooms.sessionId}/harmonisation`,
    );
    expect(answer.status).toBe(200);
    const report = answer.body;
    expect(report.alertGapHundredths).toBe(200);
    expect(report.minimumMarks).toBe(8);
    expect(report.units.map((unit) => unit.unit)).toEqual(['U41']);
    const u41 = report.units[0];
    if (!u41) throw new Error('U41 absent');

    // Cohort: 12, 14.5, 9, 20, 10.5, 6, 11.5 → 83.5 / 7 = 11.928571…
    expect(u41.cohort.count).toBe(7);
    expect(u41.cohort.sumHundredths).toBe(8350);
    expect(formatAverage(u41.cohort.mean)).toBe('11,92');
    expect(formatAverage(u41.cohort.median)).toBe('11,50');
    expect(u41.cohort.minHundredths).toBe(600);
    expect(u41.cohort.maxHundredths).toBe(2000);
    // σ = √(Σx² / 7 − m²): Σx² = 144 + 210.25 + 81 + 400 + 110.25 + 36 + 132.25 = 1113.75
    // variance = 1113.75 / 7 − (83.5 / 7)² = 159.107142… − 142.290816… = 16.816326…, σ = 4.1007…
    expect(u41.cohort.standardDeviationHundredths).toBe(410);
    expect(u41.cohort.bands).toEqual([0, 0, 0, 1, 1, 2, 1, 1, 0, 1]);

    const [first, second] = u41.commissions;
    expect(first?.id).toBe(rooms.first.id);
    expect(first?.statistics.count).toBe(4);
    expect(formatAverage(first?.statistics.mean ?? null)).toBe('13,87');
    expect(formatAverage(first?.difference ?? null)).toBe('1,94');
    expect(second?.id).toBe(rooms.second.id);
    expect(formatAverage(second?.statistics.mean ?? null)).toBe('9,33');
    expect(u41.commissions.every((commission) => !commission.alert)).toBe(true);

    // Examiners: the last writer of each cell (Marc Dubois corrected Julie Bernard's 8).
    const byName = new Map(report.examiners.map((person) => [person.name, person.userId]));
    const countOf = (name: string) =>
      u41.examiners.find((examiner) => examiner.id === byName.get(name))?.statistics.count;
    expect(countOf('Julie Bernard')).toBe(2);
    expect(countOf('Marc Dubois')).toBe(2);
    expect(countOf('Anne Petit')).toBe(3);

    const names = report.commissions.map(
      (commission) => `${commission.room} ${commission.juryName}`,
    );
    expect(names).toContain('Salle B210 Jury 1 – BTS MCO');
    expect(
      report.commissions.find((c) => c.id === rooms.second.id)?.examiners.map((e) => e.name),
    ).toEqual(['Anne Petit']);
  });

  it('leaves an absence out: it is not a mark', async () => {
    const before = await admin.get<SessionHarmonisation>(
      `/api/admin/exam-sessions/${rooms.sessionId}/harmonisation`,
    );
    const cohort = before.body.units[0]?.cohort.count as number;
    const [, , , , a5] = rooms.first.candidateIds as number[];
    const teacher = await signIn(server.url, 'e4.enseignante');
    const client = connectDocument(server.url, rooms.first.document, teacher.cookie);
    await client.synced;
    writeOralEntry(client.doc, a5 as number, 'U41', { absent: 'justified' });
    await waitFor(
      () =>
        (
          server.app.db
            .prepare(`SELECT COUNT(*) AS n FROM audit_log WHERE candidate_id = ? AND unit = 'U41'`)
            .get(a5) as { n: number }
        ).n === 1,
      'absence enregistrée',
    );
    client.destroy();
    const after = await admin.get<SessionHarmonisation>(
      `/api/admin/exam-sessions/${rooms.sessionId}/harmonisation`,
    );
    expect(after.body.units[0]?.cohort.count).toBe(cohort);
  });
});
