import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  BoardView,
  MinuteVerdict,
  RectifiedRecord,
  VerdictRectifications,
} from '@delib/protocol';
import {
  candidateNumbered,
  enterOrals,
  lockNamingIncomplete,
  presidentBoard,
} from '../test-support/deliberation-steps.js';
import {
  download,
  rectify,
  signMinuteWith,
  signRectifiedMinuteWith,
  verifyPdf,
} from '../test-support/minute-steps.js';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';

/**
 * A minute or a relevé signed before a rectification stays authentic, but no longer says
 * what is in force: verified by its code or from its file, its verdict says that it was
 * rectified since. While the corrections await the president's signature, only that they
 * were recorded (and when) is said; once the rectified minute is signed, the original names
 * it, and each corrected candidate's decision now. A relevé's verdict never names the minute's
 * code nor another candidate: its holder gets its candidate's current relevé's code instead.
 * A PV found by its code names no candidate either (one relevé is enough to work its code out):
 * it counts them; the PV's file names them.
 *
 * As the exam centre tested it: KONÉ Mamadou absent without justification at U41 (ABS), then
 * justified (ABJ); MEYER Louis's U6 ABJ (the demo's) corrected to 12; ARNAUD Léa untouched.
 */
describe('a document rectified since says so when verified', () => {
  let server: TestServer;
  let cookie: string;
  let juryId: number;
  let board: BoardView;
  let originalMinute: Buffer;
  let originalReleves: Buffer;
  let minuteCode: string;
  const releveCodes = new Map<string, string>();
  const KONE = '02700010';
  const MEYER = '02700014';
  const ARNAUD = '02700001';

  const lookup = async (code: string): Promise<MinuteVerdict> => {
    const response = await fetch(`${server.url}/api/verify/${code.replace(/ /g, '')}`);
    expect(response.status).toBe(200);
    return (await response.json()) as MinuteVerdict;
  };
  const correct = async (number: string, unit: string, after: unknown, reason: string) => {
    const answer = await rectify(server, juryId, cookie, {
      candidateId: candidateNumbered(board, number).id,
      unit,
      input: 'entry',
      after,
      reason,
    });
    expect(answer.status).toBe(201);
  };
  /** A PV found by its code: no candidate's number or name anywhere in the answer. */
  const expectNoCandidate = (verdict: MinuteVerdict) => {
    expect(verdict.record).toBeUndefined();
    const text = JSON.stringify(verdict);
    for (const candidate of board.candidates) {
      expect(text).not.toContain(candidate.number);
      expect(text).not.toContain(candidate.lastName);
    }
  };
  /** `rectifiedSince` of a relevé or of a file, which names its candidates. */
  const named = (verdict: MinuteVerdict) => verdict.rectifiedSince as VerdictRectifications;
  const identity = (number: string) => {
    const candidate = candidateNumbered(board, number);
    return { number, lastName: candidate.lastName, firstName: candidate.firstName };
  };

  beforeAll(async () => {
    server = await startTestServer();
    const president = await presidentBoard(server);
    ({ juryId, board } = president);
    cookie = president.president.cookie;
    const marks = {
      [KONE]: { U22: { mark: 14 }, U41: { absent: 'unjustified' as const }, U42: { mark: 12 } },
      [MEYER]: { U22: { mark: 18 }, U41: { mark: 18 }, U42: { mark: 18 } },
      [ARNAUD]: { U22: { mark: 14 }, U41: { mark: 14 }, U42: { mark: 14 } },
    };
    for (const [number, entries] of Object.entries(marks)) {
      await enterOrals(server, board, candidateNumbered(board, number), entries);
    }
    const locked = await lockNamingIncomplete(server, juryId, cookie);
    expect(locked.status, JSON.stringify(locked.body)).toBe(201);
    const signed = await signMinuteWith(server, juryId, cookie);
    expect(signed.status).toBe(201);
    minuteCode = signed.body.verificationCode as string;
    originalMinute = (await download(server, `/api/juries/${juryId}/minute.pdf`, cookie)).bytes;
    originalReleves = (await download(server, `/api/juries/${juryId}/releves.pdf`, cookie)).bytes;
    const releves = await verifyPdf(server, originalReleves);
    for (const { extract, verificationCode } of releves.transcripts ?? []) {
      releveCodes.set(extract.candidate.number, verificationCode);
    }
    // With 02700009 (ABS at U5 in the demo), the deliberated candidates, the only ones with a relevé.
    expect([...releveCodes.keys()].sort()).toEqual([ARNAUD, '02700009', KONE, MEYER]);
  });
  afterAll(async () => {
    await server.stop();
  });

  it('says nothing more while nothing was rectified', async () => {
    const verdict = await lookup(releveCodes.get(KONE) as string);
    expect(verdict).toMatchObject({ outcome: 'authentic', document: 'transcripts' });
    expect(verdict.rectifiedSince).toBeUndefined();
    expect((await lookup(minuteCode)).rectifiedSince).toBeUndefined();
  });

  it('says a rectification was recorded and awaits signature, without stating it', async () => {
    await correct(KONE, 'U41', { absent: 'justified' }, 'Certificat d’hospitalisation reçu');
    const unsigned = {
      replacedBy: null,
      candidates: [],
      unsigned: { recordedAt: [expect.any(String)], candidates: [identity(KONE)] },
    };

    const minute = await verifyPdf(server, originalMinute);
    expect(minute).toMatchObject({ authentic: true, outcome: 'authentic', document: 'minute' });
    expect(minute.rectifiedSince).toEqual(unsigned);
    expect(minute.reason).toMatch(
      /Une rectification a été enregistrée le \d{1,2}(er)? \p{L}+ \d{4} et n’est pas encore signée \(concerne : 02700010 KONÉ Mamadou\)\./u,
    );
    // By its code, the PV counts the candidates concerned and names none.
    const byCode = await lookup(minuteCode);
    expect(byCode).toMatchObject({ authentic: true, outcome: 'authentic', document: 'minute' });
    expect(byCode.rectifiedSince).toEqual({
      replacedBy: null,
      rectified: 0,
      unsigned: { recordedAt: [expect.any(String)], candidates: 1 },
    });
    expect(byCode.reason).toMatch(
      /Une rectification a été enregistrée le \d{1,2}(er)? \p{L}+ \d{4} et n’est pas encore signée \(concerne 1 candidat·e\)\./u,
    );
    expectNoCandidate(byCode);

    const releve = await lookup(releveCodes.get(KONE) as string);
    expect(releve).toMatchObject({ authentic: true, outcome: 'authentic' });
    expect(releve.rectifiedSince).toEqual(unsigned);
    expect(releve.reason).toContain('Une rectification a été enregistrée le');
    // What was recorded is not signed: neither its value nor its reason is told.
    for (const verdict of [minute, byCode, releve]) {
      expect(JSON.stringify(verdict.rectifiedSince)).not.toMatch(/ABJ|justified|hospitalisation/);
      expect(verdict.reason).not.toContain('hospitalisation');
    }

    // Another candidate's relevé is not concerned.
    expect((await lookup(releveCodes.get(MEYER) as string)).rectifiedSince).toBeUndefined();
  });

  it('names the signed rectified minute on the original PV and relevés, and each decision now', async () => {
    await correct(MEYER, 'U6', { mark: 12 }, 'Copie retrouvée : le candidat était présent');
    const signed = await signRectifiedMinuteWith(server, juryId, cookie);
    expect(signed.status).toBe(201);
    const rectifiedCode = signed.body.verificationCode as string;
    const signedAt = signed.body.signedAt as string;
    const rectifiedMinute = await lookup(rectifiedCode);
    expect(rectifiedMinute).toMatchObject({
      authentic: true,
      document: 'minute',
      header: { rectified: { sequence: 1, originalCode: minuteCode } },
    });
    expectNoCandidate(rectifiedMinute);
    // The minute in force is not said to be replaced.
    expect(rectifiedMinute.rectifiedSince).toBeUndefined();
    const rectifiedFile = await verifyPdf(
      server,
      (await download(server, `/api/juries/${juryId}/rectified-minute.pdf`, cookie)).bytes,
    );
    expect(rectifiedFile.rectifiedSince).toBeUndefined();
    const now = (rectifiedFile.record as RectifiedRecord).candidates;
    const decisionOf = (number: string) => now.find((c) => c.number === number)?.decision;
    expect(decisionOf(KONE)).not.toBe('absent');

    // The original PV, from its file: who was rectified, and their decision now.
    const replacedPv = {
      replacedBy: { sequence: 1, signedAt, verificationCode: rectifiedCode },
      candidates: [
        { ...identity(KONE), units: ['U41'], decision: decisionOf(KONE) },
        { ...identity(MEYER), units: ['U6'], decision: decisionOf(MEYER) },
      ],
      unsigned: null,
    };
    const minute = await verifyPdf(server, originalMinute);
    expect(minute).toMatchObject({ authentic: true, outcome: 'authentic', document: 'minute' });
    expect(minute.rectifiedSince).toEqual(replacedPv);
    expect(minute.reason).toContain(
      'Rectifié depuis : ce document a été remplacé par le PV rectificatif n° 1 du ',
    );
    expect(minute.reason).toContain(`(code ${rectifiedCode})`);
    expect(minute.reason).toMatch(/02700010 KONÉ Mamadou \(U41\), décision actuelle : /);
    // By its code: the PV that replaces it, and how many candidates, never who.
    const byCode = await lookup(minuteCode);
    expect(byCode).toMatchObject({ authentic: true, outcome: 'authentic', document: 'minute' });
    expect(byCode.rectifiedSince).toEqual({
      replacedBy: replacedPv.replacedBy,
      rectified: 2,
      unsigned: null,
    });
    expect(byCode.reason).toContain(
      'Rectifié depuis : ce document a été remplacé par le PV rectificatif n° 1 du ',
    );
    expect(byCode.reason).toContain(`(code ${rectifiedCode}), qui rectifie 2 candidat·e·s.`);
    expectNoCandidate(byCode);

    // KONÉ's original relevé: his decision now and his current relevé's code, no one else.
    const releve = await lookup(releveCodes.get(KONE) as string);
    expect(releve).toMatchObject({ authentic: true, outcome: 'authentic' });
    const since = named(releve);
    expect(since).toEqual({
      replacedBy: { sequence: 1, signedAt },
      candidates: [
        {
          ...identity(KONE),
          units: ['U41'],
          decision: decisionOf(KONE),
          transcriptCode: expect.stringMatching(/^[0-9a-f]{4} [0-9a-f]{4} [0-9a-f]{4}$/),
        },
      ],
      unsigned: null,
    });
    expect(releve.reason).toContain(
      'Rectifié depuis : ce document a été remplacé par le relevé du PV rectificatif n° 1 du ',
    );
    expect(JSON.stringify(releve)).not.toContain(rectifiedCode);
    expect(JSON.stringify(releve)).not.toContain('MEYER');

    // That code finds his current relevé, which is in force.
    const current = await lookup(since.candidates[0]?.transcriptCode as string);
    expect(current).toMatchObject({ authentic: true, document: 'transcripts' });
    expect(current.transcripts?.[0]?.extract.candidate).toMatchObject({
      number: KONE,
      decision: decisionOf(KONE),
    });
    expect(current.transcripts?.[0]?.extract.rectifications).toHaveLength(1);
    expect(current.rectifiedSince).toBeUndefined();

    // The original relevés file: the two corrected candidates, each with their current code.
    const file = await verifyPdf(server, originalReleves);
    expect(file).toMatchObject({ authentic: true, outcome: 'authentic', document: 'transcripts' });
    expect(named(file).candidates.map((c) => [c.number, c.decision])).toEqual([
      [KONE, decisionOf(KONE)],
      [MEYER, decisionOf(MEYER)],
    ]);
    expect(named(file).candidates[0]?.transcriptCode).toBe(since.candidates[0]?.transcriptCode);
    expect(file.reason).toContain('Rectifié depuis : 2 des relevés de ce document');

    // The relevé of a candidate nobody corrected still says what is in force.
    expect((await lookup(releveCodes.get(ARNAUD) as string)).rectifiedSince).toBeUndefined();
  });

  it('says a later correction awaits signature, on the rectified minute too', async () => {
    await correct(KONE, 'U42', { mark: 13 }, 'Grille de U42 mal additionnée');
    const pending = { recordedAt: [expect.any(String)], candidates: [identity(KONE)] };
    const signedRectified = await download(
      server,
      `/api/juries/${juryId}/rectified-minute.pdf`,
      cookie,
    );
    const rectified = await verifyPdf(server, signedRectified.bytes);
    expect(rectified).toMatchObject({ authentic: true, document: 'minute' });
    expect(rectified.rectifiedSince).toEqual({
      replacedBy: null,
      candidates: [],
      unsigned: pending,
    });

    const original = await verifyPdf(server, originalMinute);
    expect(named(original).replacedBy?.sequence).toBe(1);
    expect(named(original).candidates.map((c) => c.number)).toEqual([KONE, MEYER]);
    expect(named(original).unsigned).toEqual(pending);
    expect(original.reason).toMatch(/Rectifié depuis : .+ Une rectification a été enregistrée/);
    // A PV's verdict gives no relevé's code.
    expect(named(original).candidates[0]?.transcriptCode).toBeUndefined();
    const byCode = await lookup(minuteCode);
    expect(byCode.rectifiedSince).toMatchObject({
      replacedBy: { sequence: 1 },
      rectified: 2,
      unsigned: { recordedAt: pending.recordedAt, candidates: 1 },
    });
    expect(byCode.reason).toMatch(
      /Rectifié depuis : .+ Une rectification a été enregistrée .+ \(concerne 1 candidat·e\)\./,
    );
    expectNoCandidate(byCode);

    const releve = await lookup(
      named(await lookup(releveCodes.get(KONE) as string)).candidates[0]?.transcriptCode as string,
    );
    expect(releve.rectifiedSince).toEqual({ replacedBy: null, candidates: [], unsigned: pending });
  });
});
