import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoardView } from '@delib/protocol';
import {
  candidateNumbered,
  lockNamingIncomplete,
  postJson,
  presidentAfterOrals,
} from '../test-support/deliberation-steps.js';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';

/**
 * A rectification after the lock corrects a unit the candidate presents. An optional unit the
 * candidate is not registered for, or a unit they are dispensed from, is refused in French and
 * nothing is written: the record would otherwise show marks for units never taken. A
 * bénéfice, an optional unit taken, or a written unit may still be rectified.
 */
describe('a rectification of a unit the candidate does not present', () => {
  let server: TestServer;
  let board: BoardView;
  let cookie: string;
  let juryId: number;
  const amend = (body: unknown) =>
    postJson(server, `/api/juries/${juryId}/amendments`, cookie, body);
  const amendmentCount = () =>
    (server.app.db.prepare('SELECT COUNT(*) AS n FROM amendments').get() as { n: number }).n;
  const rectifications = () =>
    (
      server.app.db
        .prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'rectificatif'")
        .get() as { n: number }
    ).n;
  beforeAll(async () => {
    server = await startTestServer();
    // 02700001 takes no optional unit; 02700006 is dispensed from U1 and U3 (demo data).
    ({ board, cookie, juryId } = await presidentAfterOrals(server, '02700001', {
      U22: 12,
      U41: 12,
      U42: 12,
    }));
    expect((await lockNamingIncomplete(server, juryId, cookie)).status).toBe(201);
  });
  afterAll(async () => {
    await server.stop();
  });

  it('refuses an optional unit the candidate is not registered for, writing nothing', async () => {
    const candidate = candidateNumbered(board, '02700001');
    expect(candidate.options).toEqual([]);
    for (const unit of ['UF1', 'UF2', 'UF3']) {
      for (const input of ['entry', 'adjustment']) {
        const answer = await amend({
          candidateId: candidate.id,
          unit,
          input,
          after: { mark: 20 },
          reason: 'Note de l’option oubliée',
        });
        expect(answer.status).toBe(400);
        expect(answer.body.error.message).toBe(
          `Ce candidat ne présente pas ${unit} : il n’est pas inscrit à cette unité facultative.`,
        );
      }
    }
    expect(amendmentCount()).toBe(0);
    expect(rectifications()).toBe(0);
  });

  it('refuses a unit the candidate is dispensed from, writing nothing', async () => {
    const dispensed = candidateNumbered(board, '02700006');
    expect(dispensed.stored.U1).toEqual({ exempt: true });
    for (const input of ['entry', 'adjustment']) {
      const answer = await amend({
        candidateId: dispensed.id,
        unit: 'U1',
        input,
        after: { mark: 20 },
        reason: 'Note reportée par erreur',
      });
      expect(answer.status).toBe(400);
      expect(answer.body.error.message).toBe(
        'Ce candidat ne présente pas U1 : il en est dispensé.',
      );
    }
    expect(amendmentCount()).toBe(0);
    expect(rectifications()).toBe(0);
  });

  it('still rectifies an optional unit taken, a bénéfice and a written unit', async () => {
    const withOption = candidateNumbered(board, '02700002');
    expect(withOption.options).toEqual(['UF1']);
    const kept = candidateNumbered(board, '02700003');
    expect(kept.stored.U1).toMatchObject({ kept: { session: 2024 } });
    const before = amendmentCount();
    const answers = [
      await amend({
        candidateId: withOption.id,
        unit: 'UF1',
        input: 'entry',
        after: { mark: 15 },
        reason: 'Note de la grille papier non reportée',
      }),
      await amend({
        candidateId: kept.id,
        unit: 'U1',
        input: 'entry',
        after: { mark: 15 },
        reason: 'Bénéfice saisi à tort : le candidat a composé cette session',
      }),
      await amend({
        candidateId: candidateNumbered(board, '02700001').id,
        unit: 'U5',
        input: 'entry',
        after: { mark: 14 },
        reason: 'Erreur de report de la copie',
      }),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201]);
    expect(amendmentCount()).toBe(before + 3);
  });
});
