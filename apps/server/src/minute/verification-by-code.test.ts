import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../demo/seed-demo.js';
import type { BoardView, MinuteSignatureAnswer, MinuteVerdict } from '@delib/protocol';
import {
  candidateNumbered,
  enterOrals,
  presidentBoard,
} from '../test-support/deliberation-steps.js';
import { signIn } from '../test-support/sign-in.js';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';
import { qrCodesOfPages } from './test-support/qr-codes-in-pdf.js';
import { lockDemoJury } from './test-support/minute-test-server.js';

/**
 * The QR code of every page of the minute and of the relevés opens the public verification
 * page of the centre's server (DELIB_PUBLIC_URL) with that document's code, and the code
 * alone finds, on the server, what was signed under it. Two candidates get their oral marks
 * before the lock: with 02700009 (absent without justification) they are the three deliberated
 * candidates, the only ones with a relevé.
 *
 * A minute's code shows its header, never its candidates: each relevé's signed extract carries
 * the minute's record hash, whose first 12 digits are the minute's code, so one candidate's
 * relevé is enough to know it. The minute's own file shows them (POST /api/verify).
 */
describe('verification by the code printed on every page', () => {
  const publicUrl = 'https://delib.lycee-jean-moulin.example';
  let server: TestServer;
  let juryId: number;
  let member: string;
  let signed: MinuteSignatureAnswer;
  let board: BoardView;
  const get = (path: string, cookie?: string) =>
    fetch(`${server.url}${path}`, { headers: cookie ? { cookie } : {} });
  const verifyFile = async (pdf: Uint8Array) =>
    (await (
      await fetch(`${server.url}/api/verify`, {
        method: 'POST',
        headers: { 'content-type': 'application/pdf' },
        body: pdf,
      })
    ).json()) as MinuteVerdict;
  /** No candidate of the jury, by number or name, anywhere in the answer. */
  const expectNoCandidate = (verdict: MinuteVerdict) => {
    expect(verdict.record).toBeUndefined();
    expect(verdict.transcripts).toBeUndefined();
    const text = JSON.stringify(verdict);
    expect(board.candidates).toHaveLength(24);
    for (const candidate of board.candidates) {
      expect(text).not.toContain(candidate.number);
      expect(text).not.toContain(candidate.lastName);
      expect(text).not.toContain(candidate.firstName);
    }
  };
  const lookup = async (code: string) => {
    const response = await get(`/api/verify/${encodeURIComponent(code)}`);
    return { status: response.status, body: (await response.json()) as MinuteVerdict };
  };

  beforeAll(async () => {
    server = await startTestServer({ publicUrl });
    const { president, juryId: id, board: view } = await presidentBoard(server);
    juryId = id;
    board = view;
    for (const number of ['02700001', '02700002']) {
      const mark = { mark: 14 };
      await enterOrals(server, board, candidateNumbered(board, number), {
        U22: mark,
        U41: mark,
        U42: mark,
      });
    }
    member = (await signIn(server.url, 'membre.roux')).cookie;
    await lockDemoJury(server);
    const response = await fetch(`${server.url}/api/juries/${juryId}/sign`, {
      method: 'POST',
      headers: {
        cookie: president.cookie,
        origin: server.origin,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ password: DEMO_PASSWORD }),
    });
    signed = (await response.json()) as MinuteSignatureAnswer;
  });
  afterAll(async () => {
    await server.stop();
  });

  it('prints on every page of the minute a QR code opening /verifier with its code', async () => {
    const pdf = new Uint8Array(
      await (await get(`/api/juries/${juryId}/minute.pdf`, member)).arrayBuffer(),
    );
    const codes = await qrCodesOfPages(pdf);
    expect(codes.length).toBeGreaterThan(1);
    const url = `${publicUrl}/verifier?code=${signed.recordSha256.slice(0, 12)}`;
    expect(codes).toEqual(codes.map(() => url));
  });

  it('finds the signed minute by its code, authentic, with its header and no candidate', async () => {
    const file = await verifyFile(
      new Uint8Array(await (await get(`/api/juries/${juryId}/minute.pdf`, member)).arrayBuffer()),
    );
    const record = file.record;
    if (record?.format !== 'delib.final-record/3') throw new Error('a minute of format 3');
    const decisions: Record<string, number> = {};
    for (const c of record.candidates) decisions[c.decision] = (decisions[c.decision] ?? 0) + 1;
    for (const code of [signed.verificationCode, signed.recordSha256.slice(0, 12).toUpperCase()]) {
      const { status, body } = await lookup(code);
      expect(status).toBe(200);
      expect(body).toMatchObject({
        authentic: true,
        outcome: 'authentic',
        document: 'minute',
        knownKey: true,
        signature: { verificationCode: signed.verificationCode, signer: 'Claire Fontaine' },
      });
      expect(body.header).toEqual({
        format: 'delib.final-record/3',
        session: record.session,
        jury: record.jury,
        lockedAt: record.lockedAt,
        candidates: 24,
        decisions,
        notDeliberated: 21,
      });
      expectNoCandidate(body);
    }
    // The minute's own file shows them.
    expect(record.candidates).toHaveLength(3);
    expect(record.notDeliberated).toHaveLength(21);
  });

  it('gives no candidate to whoever works out the minute’s code from one relevé', async () => {
    const releves = await verifyFile(
      new Uint8Array(await (await get(`/api/juries/${juryId}/releves.pdf`, member)).arrayBuffer()),
    );
    const extract = releves.transcripts?.[0]?.extract;
    expect(extract?.minuteRecordSha256).toBe(signed.recordSha256);
    const { status, body } = await lookup((extract?.minuteRecordSha256 ?? '').slice(0, 12));
    expect(status).toBe(200);
    expect(body).toMatchObject({ authentic: true, document: 'minute', header: { candidates: 24 } });
    expectNoCandidate(body);
  });

  it('prints each relevé’s own code, which finds that candidate’s extract and no one else’s', async () => {
    const pdf = new Uint8Array(
      await (await get(`/api/juries/${juryId}/releves.pdf`, member)).arrayBuffer(),
    );
    const codes = await qrCodesOfPages(pdf);
    expect(codes).toHaveLength(3);
    expect(new Set(codes).size).toBe(3);
    const third = codes[2] as string;
    expect(third.startsWith(`${publicUrl}/verifier?code=`)).toBe(true);
    const { status, body } = await lookup(new URL(third).searchParams.get('code') as string);
    expect(status).toBe(200);
    expect(body).toMatchObject({ authentic: true, outcome: 'authentic', document: 'transcripts' });
    expect(body.record).toBeUndefined();
    expect(body.transcripts).toHaveLength(1);
    const verdict = await verifyFile(pdf);
    expect(body.transcripts?.[0]).toEqual(verdict.transcripts?.[2]);
  });

  it('says when no signed document has the code, and refuses what is not a code', async () => {
    const { status, body } = await lookup('0000 0000 0000');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      authentic: false,
      outcome: 'not-authentic',
      code: 'unknown-code',
    });
    expect(body.reason).toContain('aucun document signé par ce centre ne porte ce code');
    expect((await lookup('pas-un-code')).status).toBe(400);
    expect((await lookup('0123456789abc')).status).toBe(400);
  });
});
