import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoardView } from '@delib/protocol';
import {
  adjustOrals,
  candidateNumbered,
  lockNamingIncomplete,
  postJson,
  presidentAfterOrals,
} from '../test-support/deliberation-steps.js';
import { getJson } from '../test-support/sign-in.js';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';

/**
 * After the lock, a correction (rectificatif) changes an input, a unit's entry or the jury's
 * adjustment, with its reason; the decision is then recomputed by the rules. No amendment
 * sets a decision.
 */
describe('an amendment after the lock', () => {
  let server: TestServer;
  let board: BoardView;
  let cookie: string;
  let juryId: number;
  const amend = (body: unknown) =>
    postJson(server, `/api/juries/${juryId}/amendments`, cookie, body);
  beforeAll(async () => {
    server = await startTestServer();
    const marked = await presidentAfterOrals(server, '02700001', { U22: 0, U41: 0, U42: 0 });
    ({ board, cookie, juryId } = marked);
    const low = marked.candidate;
    const adjusted = await adjustOrals(server, board, cookie, low.id, {
      mark: 20,
      reason: 'Grille d’évaluation mal reportée',
    });
    expect(adjusted).toEqual({ accepted: true });
    expect((await lockNamingIncomplete(server, juryId, cookie)).status).toBe(201);
  });
  afterAll(async () => {
    await server.stop();
  });

  it('cannot set a decision', async () => {
    const low = candidateNumbered(board, '02700001');
    for (const body of [
      { candidateId: low.id, unit: null, after: { decision: 'refuse' }, reason: 'Erreur' },
      {
        candidateId: low.id,
        unit: null,
        input: 'entry',
        after: { decision: 'refuse' },
        reason: 'Erreur',
      },
      { candidateId: low.id, unit: 'U41', input: 'decision', after: 'refuse', reason: 'Erreur' },
    ]) {
      expect((await amend(body)).status).toBe(400);
    }
    const count = server.app.db.prepare('SELECT COUNT(*) AS n FROM amendments').get() as {
      n: number;
    };
    expect(count.n).toBe(0);
  });

  it('corrects an adjustment, and the decision follows', async () => {
    const low = candidateNumbered(board, '02700001');
    const first = await amend({
      candidateId: low.id,
      unit: 'U41',
      input: 'adjustment',
      after: null,
      reason: 'Ajustement saisi sur le mauvais candidat',
    });
    expect(first.status).toBe(201);
    expect(first.body.decision).toEqual({ before: 'admis', after: 'admis' });
    await amend({
      candidateId: low.id,
      unit: 'U42',
      input: 'adjustment',
      after: null,
      reason: 'Ajustement saisi sur le mauvais candidat',
    });
    const last = await amend({
      candidateId: low.id,
      unit: 'U22',
      input: 'adjustment',
      after: { mark: 1 },
      reason: 'Ajustement saisi sur le mauvais candidat',
    });
    expect(last.status).toBe(201);
    // Orals at 0, 0 and 1: the rules refuse the candidate.
    expect(last.body.decision).toEqual({ before: 'admis', after: 'refuse' });
  });

  it('completes a candidate listed as not deliberated, who then gets the computed decision', async () => {
    const incomplete = candidateNumbered(board, '02700002');
    const answers = [];
    for (const unit of ['U22', 'U41', 'U42']) {
      answers.push(
        await amend({
          candidateId: incomplete.id,
          unit,
          input: 'entry',
          after: { mark: 20 },
          reason: 'Note de la grille papier non reportée avant le verrouillage',
        }),
      );
    }
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
    expect(answers.map((a) => a.body.decision)).toEqual([
      { before: 'incomplet', after: 'incomplet' },
      { before: 'incomplet', after: 'incomplet' },
      { before: 'incomplet', after: 'admis' },
    ]);
    const invalid = await amend({
      candidateId: incomplete.id,
      unit: 'U41',
      input: 'entry',
      after: { mark: 21 },
      reason: 'Erreur de report',
    });
    expect(invalid.status).toBe(400);

    const stored = (
      await getJson<{ amendments: { unit: string; input: string; decision: unknown }[] }>(
        `${server.url}/api/juries/${juryId}/record`,
        cookie,
      )
    ).body;
    expect(stored.amendments).toHaveLength(6);
    expect(stored.amendments.at(-1)).toMatchObject({
      unit: 'U42',
      input: 'entry',
      decision: { before: 'incomplet', after: 'admis' },
    });
  });
});
