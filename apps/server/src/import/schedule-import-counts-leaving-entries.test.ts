import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoardView, ScheduleReport } from '@delib/protocol';
import { AdminClient } from '../test-support/admin-client.js';
import {
  candidateNumbered,
  enterOrals,
  presidentBoard,
} from '../test-support/deliberation-steps.js';
import { roomHearing, roomPassages } from '../test-support/passage-steps.js';
import type { Refusal } from '../test-support/passage-steps.js';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';

/**
 * A schedule file is the complete schedule of each room it names: the preview counts the
 * passages it removes and names every entry that would leave the board with them; the
 * import is refused unless it carries the preview's token for exactly those entries.
 */
describe('the schedule import counts the entries leaving the board', () => {
  let server: TestServer;
  let admin: AdminClient;
  let board: BoardView;
  let room: BoardView['commissions'][number];
  let sessionId: number;
  let file: string;
  let kept: string[];

  beforeAll(async () => {
    server = await startTestServer();
    admin = await AdminClient.signIn(server);
    ({ board } = await presidentBoard(server));
    sessionId = board.session.id;
    room = roomHearing(board, 'U22');
    const passages = await roomPassages(admin, room.id);
    // A 3-line file for the E22 room, which keeps none of the candidates marked below.
    kept = passages.map((p) => p.number).filter((n) => !['02700004', '02700006'].includes(n));
    kept = kept.slice(0, 3);
    file = [
      'numéro;commission;ordre;heure',
      ...kept.map(
        (number, index) =>
          `${number};${room.name};${index + 1};${String(8 + index).padStart(2, '0')}:00`,
      ),
    ].join('\n');
    await enterOrals(server, board, candidateNumbered(board, '02700004'), { U22: { mark: 12 } });
    await enterOrals(server, board, candidateNumbered(board, '02700006'), {
      U22: { absent: 'unjustified' },
    });
  });
  afterAll(async () => {
    await server.stop();
  });

  const preview = () =>
    admin.csv<ScheduleReport>(`/api/admin/exam-sessions/${sessionId}/schedule/preview`, file);
  const importing = (client: AdminClient, confirm?: string) =>
    client.csv<Refusal<ScheduleReport> | ScheduleReport>(
      `/api/admin/exam-sessions/${sessionId}/schedule/import${confirm === undefined ? '' : `?confirm=${encodeURIComponent(confirm)}`}`,
      file,
    );

  it('previews the passages removed and names each entry that would leave the board', async () => {
    const total = (await roomPassages(admin, room.id)).length;
    const answer = await preview();
    expect(answer.status).toBe(200);
    expect(answer.body.problems).toEqual([]);
    const changes = answer.body.changes;
    expect(answer.body.rows).toBe(3);
    expect(changes?.removed).toHaveLength(total - 3);
    const label = `${room.name} (${room.room})`;
    expect(
      changes?.leaving.map(({ number, unit, value, place }) => [number, unit, value, place]),
    ).toEqual([
      ['02700004', 'U22', '12', label],
      ['02700006', 'U22', 'ABS', label],
    ]);
    expect(changes?.leaving[0]?.name).toMatch(/^[A-ZÀ-Ý' -]+ \S/);
    expect(changes?.confirmation).toMatch(/^[0-9a-f]{32}$/);
  });

  it('refuses the import without the token, or with a forged one, and writes nothing', async () => {
    const before = await roomPassages(admin, room.id);
    for (const token of [undefined, '', '0'.repeat(32), 'nimporte quoi']) {
      const answer = await importing(admin, token);
      expect(answer.status, String(token)).toBe(409);
      const refusal = answer.body as Refusal<ScheduleReport>;
      expect(refusal.error.code).toBe('CONFIRMATION_REQUIRED');
      expect(refusal.error.message).toMatch(
        new RegExp(`^${before.length - 3} passages retirés ôteraient 2 saisies du tableau`),
      );
      expect(refusal.error.details.changes?.leaving).toHaveLength(2);
    }
    expect(await roomPassages(admin, room.id)).toEqual(before);
  });

  it('refuses the import to anyone but the centre, even with the right token', async () => {
    const token = (await preview()).body.changes?.confirmation ?? '';
    for (const login of ['presidente', 'e22.anglais']) {
      const intruder = await AdminClient.signIn(server, login);
      expect((await importing(intruder, token)).status, login).toBe(403);
      expect(
        (await intruder.csv(`/api/admin/exam-sessions/${sessionId}/schedule/preview`, file)).status,
      ).toBe(403);
    }
  });

  it('imports with the preview’s token, and the entries leave the board', async () => {
    const token = (await preview()).body.changes?.confirmation ?? '';
    const answer = await importing(admin, token);
    expect(answer.status).toBe(200);
    const report = answer.body as ScheduleReport;
    expect(report.applied).toBe(true);
    expect(report.changes?.leaving).toHaveLength(2);
    expect((await roomPassages(admin, room.id)).map((p) => p.number)).toEqual(kept);
    const after = (await presidentBoard(server)).board;
    expect(candidateNumbered(after, '02700004').commissionByUnit.U22).toBeUndefined();
    // The same file again removes nothing more: no confirmation needed.
    const again = await importing(admin);
    expect(again.status).toBe(200);
    expect((again.body as ScheduleReport).changes?.leaving).toEqual([]);
  });
});
