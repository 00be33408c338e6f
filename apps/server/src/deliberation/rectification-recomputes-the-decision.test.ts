import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoardView, LockedRecord } from '@delib/protocol';
import { verifyAuditChain } from '../audit/audit-trail.js';
import {
  candidateNumbered,
  lockNamingIncomplete,
  presidentAfterOrals,
} from '../test-support/deliberation-steps.js';
import {
  download,
  rectify,
  signMinuteWith,
  signRectifiedMinuteWith,
} from '../test-support/minute-steps.js';
import { getJson, signIn } from '../test-support/sign-in.js';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';
import { pdfPageTexts } from '../minute/test-support/pdf-text.js';

/**
 * The president rectifies a mark after the lock, with a reason: the correction is dated,
 * audited, and the rules recompute the decision, which the record, the results file and the
 * relevés then show. Nobody else rectifies, nothing before the lock, never a decision.
 */
describe('a rectification after the lock', () => {
  let server: TestServer;
  let board: BoardView;
  let cookie: string;
  let juryId: number;
  const count = (table: string) =>
    (server.app.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

  beforeAll(async () => {
    server = await startTestServer();
    ({ board, cookie, juryId } = await presidentAfterOrals(server, '02700001', {
      U22: 20,
      U41: 20,
      U42: 20,
    }));
  });
  afterAll(async () => {
    await server.stop();
  });

  it('is refused before the lock', async () => {
    const best = candidateNumbered(board, '02700001');
    const early = await rectify(server, juryId, cookie, {
      candidateId: best.id,
      unit: 'U41',
      input: 'entry',
      after: { mark: 0 },
      reason: 'Erreur de report',
    });
    expect(early.status).toBe(409);
    expect(early.body.error.message).toMatch(/Avant le verrouillage/);
    expect(count('amendments')).toBe(0);
    expect((await lockNamingIncomplete(server, juryId, cookie)).status).toBe(201);
  });

  it('is refused to a member of the jury who is not its president', async () => {
    const member = await signIn(server.url, 'membre.martin');
    const best = candidateNumbered(board, '02700001');
    const answer = await rectify(server, juryId, member.cookie, {
      candidateId: best.id,
      unit: 'U41',
      input: 'entry',
      after: { mark: 0 },
      reason: 'Erreur de report',
    });
    expect(answer.status).toBe(403);
    expect(answer.body.error.message).toMatch(/président/);
    expect(count('amendments')).toBe(0);
  });

  it('refuses a body that names a decision, and a reason too long or empty', async () => {
    const best = candidateNumbered(board, '02700001');
    const base = {
      candidateId: best.id,
      unit: 'U41',
      input: 'entry',
      after: { mark: 20 },
      reason: 'Erreur',
    };
    for (const body of [
      { ...base, decision: 'admis' },
      { ...base, input: 'decision', after: 'admis' },
      { ...base, reason: 'x'.repeat(501) },
      { ...base, reason: '   ' },
      { ...base, unit: 'U99' },
    ]) {
      const answer = await rectify(server, juryId, cookie, body);
      expect(answer.status).toBe(400);
      expect(answer.body.error.message).toEqual(expect.any(String));
    }
    expect(count('amendments')).toBe(0);
  });

  it('is dated, audited, and the rules recompute the decision', async () => {
    const best = candidateNumbered(board, '02700001');
    const answers = [];
    for (const unit of ['U22', 'U41', 'U42']) {
      answers.push(
        await rectify(server, juryId, cookie, {
          candidateId: best.id,
          unit,
          input: 'entry',
          after: { mark: 0 },
          reason: `Note de ${unit} reportée sur la mauvaise ligne`,
        }),
      );
    }
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
    expect(answers[0]?.body.decision.before).toBe('admis');
    expect(answers[2]?.body.decision.after).toBe('refuse');
    for (const answer of answers) {
      expect(Date.parse(answer.body.createdAt as string)).toBeGreaterThan(Date.now() - 60_000);
    }

    const { body } = await getJson<LockedRecord>(
      `${server.url}/api/juries/${juryId}/record`,
      cookie,
    );
    expect(body.amendments.map((a) => [a.unit, a.before, a.after, a.author])).toEqual([
      ['U22', { mark: 20 }, { mark: 0 }, 'Claire Fontaine'],
      ['U41', { mark: 20 }, { mark: 0 }, 'Claire Fontaine'],
      ['U42', { mark: 20 }, { mark: 0 }, 'Claire Fontaine'],
    ]);
    // The locked record itself is unchanged: the original stays as it was signed.
    const locked = body.record.candidates.find((c) => c.number === '02700001');
    expect(locked?.decision).toBe('admis');

    const audit = server.app.db
      .prepare(
        "SELECT unit, before, after, reason FROM audit_log WHERE action = 'rectificatif' ORDER BY id",
      )
      .all() as { unit: string; before: string; after: string; reason: string }[];
    expect(audit).toHaveLength(3);
    expect(JSON.parse(audit[2]?.after as string)).toEqual({
      entry: { mark: 0 },
      decision: 'refuse',
    });
    expect(audit[0]?.reason).toBe('Note de U22 reportée sur la mauvaise ligne');
    expect(verifyAuditChain(server.app.db).ok).toBe(true);
  });

  it('shows in the results file at once, with the rectifications named', async () => {
    const csv = (await download(server, `/api/juries/${juryId}/results.csv`, cookie)).bytes
      .toString('utf8')
      .split('\r\n');
    const header = csv[0]?.split(';') ?? [];
    expect(header.at(-1)).toBe('Rectifications après verrouillage');
    const row = csv.find((line) => line.startsWith('02700001;'))?.split(';') ?? [];
    expect(row[header.indexOf('U41 note retenue')]).toBe('0');
    expect(row[header.indexOf('Décision')]).toBe('Refusé');
    expect(row.at(-1)).toContain('U41 : 20 → 0 (Note de U41 reportée sur la mauvaise ligne)');
    expect(row.at(-1)).toContain('par Claire Fontaine');
  });

  it('shows on the relevé of the rectified minute, the new decision and the correction', async () => {
    const best = candidateNumbered(board, '02700001');
    expect((await signMinuteWith(server, juryId, cookie)).status).toBe(201);
    const before = await download(server, `/api/juries/${juryId}/releves/${best.id}.pdf`, cookie);
    expect((await pdfPageTexts(before.bytes)).join(' ')).toMatch(/Admis/);
    expect((await signRectifiedMinuteWith(server, juryId, cookie)).status).toBe(201);
    const after = await download(server, `/api/juries/${juryId}/releves/${best.id}.pdf`, cookie);
    expect(after.status).toBe(200);
    const text = (await pdfPageTexts(after.bytes)).join(' ');
    expect(text).toMatch(/Refusé/);
    expect(text).toMatch(/Rectifi/);
    expect(text).toContain('Note de U41 reportée sur la mauvaise ligne');
  });
});
