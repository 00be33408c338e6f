import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FinalRecord } from '@delib/protocol';
import { findGrid, getRegulation, proposeMark } from '@delib/rules';
import type { EvaluationGrid } from '@delib/rules';
import {
  candidateNumbered,
  enterOrals,
  lockNamingIncomplete,
  presidentBoard,
} from '../test-support/deliberation-steps.js';
import { fillGridAndMark, U41_GRID_PROPOSING_14 } from '../test-support/grid-steps.js';
import { getJson } from '../test-support/sign-in.js';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';

/**
 * The examiner keeps the last word: a grid that proposes 14 beside a validated 12 leaves the
 * 12 in the record and in the computation of the average.
 */
describe('the mark validated counts, not the grid’s proposal', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  it('records and computes with the typed 12 while the grid proposes 14', async () => {
    const grid = findGrid(getRegulation('bts-mco-2018').grids, 'U41') as EvaluationGrid;
    expect(proposeMark(grid, U41_GRID_PROPOSING_14, 0.5).mark).toBe(14);

    const { board, president, juryId } = await presidentBoard(server);
    const candidate = candidateNumbered(board, '02700001');
    await enterOrals(server, board, candidate, { U22: { mark: 10 }, U42: { mark: 10 } });
    await fillGridAndMark(server, board, candidate, 'U41', U41_GRID_PROPOSING_14, { mark: 12 });

    const locked = await lockNamingIncomplete(server, juryId, president.cookie);
    expect(locked.status).toBe(201);
    const record = (
      await getJson<{ record: FinalRecord }>(
        `${server.url}/api/juries/${juryId}/record`,
        president.cookie,
      )
    ).body.record;
    const line = record.candidates
      .find((c) => c.id === candidate.id)
      ?.lines.find((l) => l.unit === 'U41');
    expect(line).toMatchObject({ entry: { mark: 12 }, mark: 12, points: 36, adjustment: null });
    const withMark = (mark: number) =>
      record.candidates
        .find((c) => c.id === candidate.id)
        ?.lines.reduce((sum, l) => sum + (l.unit === 'U41' ? 3 * mark : l.points), 0);
    // The record's total is the one with 12, six points below the one with 14.
    const total = record.candidates.find((c) => c.id === candidate.id)?.total;
    expect(total).toBe(withMark(12));
    expect(total).not.toBe(withMark(14));
  });
});
