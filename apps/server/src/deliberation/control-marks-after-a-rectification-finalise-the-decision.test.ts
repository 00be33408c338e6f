import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { candidateKey, writeJuryValue } from '@delib/protocol';
import type {
  BoardCandidate,
  BoardView,
  LockedRecord,
  RectifiedRecord,
  RecordCandidate,
} from '@delib/protocol';
import { computeResult, DECISION_LABELS, formatAverage, getRegulation } from '@delib/rules';
import type { CandidateInput, Entry, Regulation } from '@delib/rules';
import { verifyAuditChain } from '../audit/audit-trail.js';
import {
  candidateNumbered,
  enterOrals,
  lockNamingIncomplete,
  presidentBoard,
  writeJuryDocument,
} from '../test-support/deliberation-steps.js';
import {
  download,
  rectify,
  signMinuteWith,
  signRectifiedMinuteWith,
  verifyPdf,
} from '../test-support/minute-steps.js';
import { getJson } from '../test-support/sign-in.js';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';
import { pdfPageTexts } from '../minute/test-support/pdf-text.js';

/**
 * After the lock and the signature, a rectification sends a candidate to the épreuves de
 * contrôle (MEYER of the demo: U6 « ABJ » → 12). The president then records the contrôle marks
 * by rectifications too, with the rules of the épreuves de contrôle before the lock: two
 * choices at most among the regulation's, each mark replacing the first group's only when
 * higher, then ≥ 10 admis, otherwise refusé. The rectified record, the results file, the
 * rectified PV and the relevé give the final decision and the contrôle marks. A candidate
 * whose decision does not allow the épreuves de contrôle is refused them, in French, and
 * nothing is written.
 */
type Orals = { U22: number; U41: number; U42: number };

function inputOf(
  session: number,
  candidate: BoardCandidate,
  orals: Orals,
  U6: Entry,
): CandidateInput {
  const units: Record<string, Entry> = { ...candidate.stored, U6 };
  for (const [unit, mark] of Object.entries(orals)) units[unit] = { mark };
  return { session, units };
}

/**
 * Oral marks under which MEYER, absent (justified) at U6, is refused, sent to the épreuves de
 * contrôle once U6 is rectified to 12, and admitted with 20 at the contrôle of culture générale.
 */
function meyerOrals(regulation: Regulation, session: number, meyer: BoardCandidate): Orals {
  for (let pro = 10; pro <= 20; pro++) {
    for (let U22 = 0; U22 <= 20; U22++) {
      const orals = { U22, U41: pro, U42: pro };
      const absent = inputOf(session, meyer, orals, { absent: 'justified' });
      const rectified = inputOf(session, meyer, orals, { mark: 12 });
      if (
        computeResult(regulation, absent).decision === 'refuse' &&
        computeResult(regulation, rectified).decision === 'controle' &&
        computeResult(regulation, { ...rectified, control: { U1: 20 } }).decision === 'admis'
      ) {
        return orals;
      }
    }
  }
  throw new Error('aucune note d’oral ne mène MEYER aux épreuves de contrôle');
}

describe('contrôle marks recorded by a rectification after the lock', () => {
  let server: TestServer;
  let board: BoardView;
  let cookie: string;
  let juryId: number;
  let regulation: Regulation;
  let meyer: BoardCandidate;
  let orals: Orals;
  const count = (sql: string) => (server.app.db.prepare(sql).get() as { n: number }).n;
  const amendments = () => count('SELECT COUNT(*) AS n FROM amendments');
  const audited = () => count("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'rectificatif'");
  const control = (candidate: BoardCandidate, choice: string, after: unknown, reason: string) =>
    rectify(server, juryId, cookie, {
      candidateId: candidate.id,
      unit: choice,
      input: 'control',
      after,
      reason,
    });

  beforeAll(async () => {
    server = await startTestServer();
    const signedIn = await presidentBoard(server);
    ({ board, juryId } = signedIn);
    cookie = signedIn.president.cookie;
    regulation = getRegulation(board.session.regulationId);
    meyer = candidateNumbered(board, '02700014');
    expect(meyer.lastName).toBe('MEYER');
    expect(meyer.stored.U6).toEqual({ absent: 'justified' });
    orals = meyerOrals(regulation, board.session.year, meyer);
    await enterOrals(server, board, meyer, {
      U22: { mark: orals.U22 },
      U41: { mark: orals.U41 },
      U42: { mark: orals.U42 },
    });
    // An admitted candidate beside: the épreuves de contrôle are not for them.
    await enterOrals(server, board, candidateNumbered(board, '02700001'), {
      U22: { mark: 20 },
      U41: { mark: 20 },
      U42: { mark: 20 },
    });
    // Refused at the lock: the president consulted the livret scolaire first.
    expect(
      await writeJuryDocument(server, board, cookie, (doc) =>
        writeJuryValue(doc, 'livret', candidateKey(meyer.id), { consulted: true }),
      ),
    ).toEqual({ accepted: true });
    expect((await lockNamingIncomplete(server, juryId, cookie)).status).toBe(201);
    expect((await signMinuteWith(server, juryId, cookie)).status).toBe(201);
  });
  afterAll(async () => {
    await server.stop();
  });

  it('refuses contrôle marks to a candidate whose decision does not allow them, writing nothing', async () => {
    const admitted = candidateNumbered(board, '02700001');
    const refusals = [
      await control(meyer, 'U1', { mark: 20 }, 'Épreuve de contrôle passée'),
      await control(admitted, 'U1', { mark: 20 }, 'Épreuve de contrôle passée'),
    ];
    expect(refusals.map((r) => r.status)).toEqual([400, 400]);
    expect(refusals[0]?.body.error.message).toMatch(
      /^Notes de contrôle refusées : la décision de ce candidat est « Refusé » \(moyenne \d+,\d\d\), et seul un candidat admis aux épreuves de contrôle peut en recevoir\.$/,
    );
    expect(refusals[1]?.body.error.message).toMatch(/« Admis » \(moyenne \d+,\d\d\)/);
    expect(amendments()).toBe(0);
    expect(audited()).toBe(0);
  });

  it('sends MEYER to the épreuves de contrôle once U6 is rectified', async () => {
    const answer = await rectify(server, juryId, cookie, {
      candidateId: meyer.id,
      unit: 'U6',
      input: 'entry',
      after: { mark: 12 },
      reason: 'Copie de U6 retrouvée après la délibération',
    });
    expect(answer.status).toBe(201);
    expect(answer.body.decision).toEqual({ before: 'refuse', after: 'controle' });
  });

  it('then records the contrôle marks, each counted only when higher, and the rules decide', async () => {
    // LV1 at 0: not higher than the first group's, not retained; still refused.
    const low = await control(meyer, 'LV1', { mark: 0 }, 'Épreuve de contrôle de LV1');
    expect(low.status).toBe(201);
    expect(low.body.decision).toEqual({ before: 'controle', after: 'refuse' });
    // Culture générale at 20 replaces U1: admitted.
    const high = await control(
      meyer,
      'U1',
      { mark: 20 },
      'Épreuve de contrôle de culture générale',
    );
    expect(high.status).toBe(201);
    expect(high.body.decision).toEqual({ before: 'refuse', after: 'admis' });
    // A contrôle mark removed (entered for the wrong candidate), then one corrected.
    const removed = await control(meyer, 'LV1', null, 'Note de LV1 saisie par erreur');
    expect(removed.status).toBe(201);
    expect(removed.body.decision).toEqual({ before: 'admis', after: 'admis' });
    const corrected = await control(meyer, 'LV1', { mark: 9 }, 'Note de LV1 mal reportée');
    expect(corrected.status).toBe(201);
    expect(corrected.body.decision).toEqual({ before: 'admis', after: 'admis' });

    const before = amendments();
    const refused = [
      // A third épreuve: two at most.
      await control(meyer, 'U3', { mark: 15 }, 'Troisième épreuve'),
      // Not an épreuve de contrôle of the regulation.
      await control(meyer, 'U41', { mark: 15 }, 'Épreuve inconnue'),
      // Not a mark of the regulation.
      await control(meyer, 'U1', { mark: 25 }, 'Note hors barème'),
      await control(meyer, 'U1', { mark: 12.25 }, 'Note hors pas'),
      // Nothing to remove, and no mark at all.
      await control(meyer, 'U3', null, 'Retrait'),
      await control(meyer, 'U1', { absent: 'justified' }, 'Absent'),
    ];
    expect(refused.map((r) => r.status)).toEqual([400, 400, 400, 400, 400, 400]);
    const messages = refused.map((r) => r.body.error.message as string);
    expect(messages[0]).toMatch(/^Trop d’épreuves de contrôle : U1, LV1, U3 \(3\)/);
    expect(messages[1]).toBe(
      'Épreuve de contrôle inconnue : « U41 ». Choix possibles : U1, LV1, U3.',
    );
    expect(messages[2]).toBe(
      'Note de contrôle refusée pour l’épreuve de contrôle U1 : 25. Une note va de 0 à 20 par pas de 0,5.',
    );
    expect(messages[3]).toMatch(
      /^Note de contrôle refusée pour l’épreuve de contrôle U1 : 12,25\./,
    );
    expect(messages[4]).toBe('Aucune note de l’épreuve de contrôle U3 à retirer.');
    expect(messages[5]).toBe(
      'Note de contrôle manquante pour l’épreuve de contrôle U1 (null : la retirer).',
    );
    expect(amendments()).toBe(before);
  });

  it('keeps each contrôle mark as a dated, audited rectification', async () => {
    const { body } = await getJson<LockedRecord>(
      `${server.url}/api/juries/${juryId}/record`,
      cookie,
    );
    expect(
      body.amendments.map((a) => [a.unit, a.input, a.before, a.after, a.decision?.after]),
    ).toEqual([
      ['U6', 'entry', { absent: 'justified' }, { mark: 12 }, 'controle'],
      ['LV1', 'control', null, { mark: 0 }, 'refuse'],
      ['U1', 'control', null, { mark: 20 }, 'admis'],
      ['LV1', 'control', { mark: 0 }, null, 'admis'],
      ['LV1', 'control', null, { mark: 9 }, 'admis'],
    ]);
    // The locked record stays as signed.
    expect(body.record.candidates.find((c) => c.id === meyer.id)?.decision).toBe('refuse');
    const audit = server.app.db
      .prepare(
        "SELECT unit, before, after FROM audit_log WHERE action = 'rectificatif' ORDER BY id",
      )
      .all() as { unit: string; before: string; after: string }[];
    expect(audit.at(-3)).toMatchObject({ unit: 'U1' });
    expect(JSON.parse(audit.at(-3)?.after as string)).toEqual({
      control: { mark: 20 },
      decision: 'admis',
    });
    expect(verifyAuditChain(server.app.db).ok).toBe(true);
  });

  it('gives the final decision and the contrôle marks in the results file', async () => {
    const csv = (await download(server, `/api/juries/${juryId}/results.csv`, cookie)).bytes
      .toString('utf8')
      .split('\r\n');
    const header = csv[0]?.split(';') ?? [];
    const row = csv.find((line) => line.startsWith('02700014;'))?.split(';') ?? [];
    expect(row[header.indexOf('Décision')]).toBe(DECISION_LABELS.admis);
    expect(row[header.indexOf('U1 note retenue')]).toBe('20');
    expect(row[header.indexOf('U1 saisie')]).toContain('C 20');
    expect(row.at(-1)).toContain(
      'U1 (contrôle) : — → 20 (Épreuve de contrôle de culture générale)',
    );
    expect(row.at(-1)).toContain('LV1 (contrôle) : 0 → — (Note de LV1 saisie par erreur)');
    expect(row.at(-1)).toContain('LV1 (contrôle) : — → 9');
  });

  it('prints them on the rectified PV and on the relevé, both of which verify', async () => {
    expect((await signRectifiedMinuteWith(server, juryId, cookie)).status).toBe(201);
    const minute = await download(server, `/api/juries/${juryId}/rectified-minute.pdf`, cookie);
    expect(minute.status).toBe(200);
    const verdict = await verifyPdf(server, minute.bytes);
    expect(verdict).toMatchObject({ authentic: true, document: 'minute' });
    const record = verdict.record as RectifiedRecord;
    const final = record.candidates.find((c) => c.id === meyer.id) as RecordCandidate;
    const expected = computeResult(regulation, {
      ...inputOf(board.session.year, meyer, orals, { mark: 12 }),
      control: { LV1: 9, U1: 20 },
    });
    expect(final.decision).toBe('admis');
    expect(final.average).toBe(expected.average);
    expect(final.averageDisplay).toBe(formatAverage(expected.average));
    expect(final.firstGroup).toMatchObject({ decision: 'controle' });
    expect(final.control?.map((c) => [c.choice, c.mark, c.retained])).toEqual(
      expected.control?.map((c) => [c.choice, c.mark, c.retained]),
    );
    expect(record.rectifications.map((r) => [r.unit, r.input, r.beforeText, r.afterText])).toEqual([
      ['U6', 'entry', 'ABJ', '12'],
      ['LV1', 'control', '—', '0'],
      ['U1', 'control', '—', '20'],
      ['LV1', 'control', '0', '—'],
      ['LV1', 'control', '—', '9'],
    ]);
    const text = (await pdfPageTexts(minute.bytes)).join('\n');
    expect(text).toContain('U1 (contrôle)');
    const start = text.indexOf('02700014 ');
    const row = text.slice(start, text.indexOf('\n0270', start + 10)).replace(/\s+/g, ' ');
    expect(row).toContain(`1er gr. : ${DECISION_LABELS.controle}`);
    expect(row).toContain(DECISION_LABELS.admis);
    expect(row).toContain('C 20');

    const releve = await download(server, `/api/juries/${juryId}/releves/${meyer.id}.pdf`, cookie);
    expect(releve.status).toBe(200);
    const transcript = (await pdfPageTexts(releve.bytes)).join(' ').replace(/\s+/g, ' ');
    expect(transcript).toContain('Décision du jury : Admis');
    expect(transcript).toContain(`Décision du premier groupe ${DECISION_LABELS.controle}`);
    expect(transcript).toMatch(/Épreuve de contrôle U1 \(U1\) : 20, 1er groupe [\d,]+ retenue/);
    expect(transcript).toContain('U1 (épreuve de contrôle) : — → 20');
    expect(await verifyPdf(server, releve.bytes)).toMatchObject({
      authentic: true,
      document: 'transcripts',
    });
  });
});
