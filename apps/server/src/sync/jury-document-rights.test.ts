import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  adjustmentKey,
  candidateKey,
  CloseCode,
  juryMap,
  MAX_NOTE_LENGTH,
  noteKey,
  readJuryValue,
  writeJuryValue,
} from '@delib/protocol';
import type { BoardView } from '@delib/protocol';
import { getJson, signIn } from '../test-support/sign-in.js';
import { openRawSync } from '../test-support/raw-sync-client.js';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';

describe('the jury document', () => {
  let server: TestServer;
  let board: BoardView;
  let presidentCookie: string;
  let auditCount: () => number;
  beforeAll(async () => {
    server = await startTestServer();
    const president = await signIn(server.url, 'presidente');
    presidentCookie = president.cookie;
    board = (
      await getJson<BoardView>(
        `${server.url}/api/juries/${president.me.juries[0]?.id}/board`,
        president.cookie,
      )
    ).body;
    auditCount = () =>
      (server.app.db.prepare('SELECT COUNT(*) AS n FROM audit_log').get() as { n: number }).n;
  });
  afterAll(async () => {
    await server.stop();
  });

  const open = (cookie: string) =>
    openRawSync(server.url, board.juryDocument, { cookie, origin: server.origin });
  const settle = () => new Promise((resolve) => setTimeout(resolve, 100));

  it('takes the president’s adjustment with its reason into the audit trail', async () => {
    const client = await open(presidentCookie);
    const candidate = board.candidates[0]?.id as number;
    client.change((doc) =>
      writeJuryValue(doc, 'adjustments', adjustmentKey(candidate, 'U5'), {
        mark: 11,
        reason: 'Harmonisation du jury',
      }),
    );
    await settle();
    const row = server.app.db
      .prepare("SELECT candidate_id, unit, reason FROM audit_log WHERE action = 'ajustement'")
      .get() as { candidate_id: number; unit: string; reason: string };
    expect(row).toEqual({ candidate_id: candidate, unit: 'U5', reason: 'Harmonisation du jury' });
    client.close();
  });

  it('refuses an adjustment without a reason, or a decision change without one (4422)', async () => {
    const before = auditCount();
    const client = await open(presidentCookie);
    client.change((doc) =>
      juryMap(doc, 'adjustments').set(adjustmentKey(board.candidates[1]?.id as number, 'U5'), {
        mark: 12,
        reason: '  ',
      }),
    );
    expect((await client.closed).code).toBe(CloseCode.INVALID_UPDATE);
    const again = await open(presidentCookie);
    again.change((doc) =>
      writeJuryValue(doc, 'decisions', candidateKey(board.candidates[1]?.id as number), {
        decision: 'admis',
        reason: '',
      }),
    );
    expect((await again.closed).code).toBe(CloseCode.INVALID_UPDATE);
    expect(auditCount()).toBe(before);
  });

  it('lets a member write their own note, and nothing else (4422)', async () => {
    const member = await signIn(server.url, 'membre.roux');
    const candidate = board.candidates[2]?.id as number;
    const client = await open(member.cookie);
    client.change((doc) =>
      writeJuryValue(doc, 'notes', noteKey(candidate, member.me.user.id), {
        text: 'Bon oral, à revoir en E5.',
      }),
    );
    await settle();
    const check = await open(presidentCookie);
    expect(readJuryValue(check.doc, 'notes', noteKey(candidate, member.me.user.id))).toEqual({
      text: 'Bon oral, à revoir en E5.',
    });
    check.close();

    const before = auditCount();
    client.change((doc) =>
      writeJuryValue(doc, 'livret', candidateKey(candidate), { consulted: true }),
    );
    expect((await client.closed).code).toBe(CloseCode.INVALID_UPDATE);
    const forger = await open(member.cookie);
    const presidentId = board.members.find((m) => m.president)?.userId as string;
    forger.change((doc) =>
      writeJuryValue(doc, 'notes', noteKey(candidate, presidentId), { text: 'faux' }),
    );
    expect((await forger.closed).code).toBe(CloseCode.INVALID_UPDATE);
    expect(auditCount()).toBe(before);
  });

  it('keeps a member to one note per candidate, of bounded length (4422)', async () => {
    const member = await signIn(server.url, 'membre.martin');
    const candidate = board.candidates[4]?.id as number;
    const own = noteKey(candidate, member.me.user.id);
    const before = auditCount();
    // The same author and candidate under further keys: as many notes as one likes.
    for (const key of [`${own}:x`, `${own}:`, `${candidate}:${member.me.user.id}x`, `0${own}`]) {
      const client = await open(member.cookie);
      client.change((doc) => juryMap(doc, 'notes').set(key, { text: 'encore une note' }));
      expect((await client.closed).code, key).toBe(CloseCode.INVALID_UPDATE);
    }
    const long = await open(member.cookie);
    long.change((doc) => juryMap(doc, 'notes').set(own, { text: 'x'.repeat(MAX_NOTE_LENGTH + 1) }));
    expect((await long.closed).code).toBe(CloseCode.INVALID_UPDATE);
    expect(auditCount()).toBe(before);

    // The one note the interface writes is still taken, and replaced in place.
    const client = await open(member.cookie);
    client.change((doc) =>
      writeJuryValue(doc, 'notes', own, { text: 'x'.repeat(MAX_NOTE_LENGTH) }),
    );
    client.change((doc) => writeJuryValue(doc, 'notes', own, { text: 'À revoir.' }));
    await settle();
    const check = await open(presidentCookie);
    const keys = [...juryMap(check.doc, 'notes').keys()].filter((key) =>
      key.startsWith(`${candidate}:`),
    );
    expect(keys).toEqual([own]);
    expect(readJuryValue(check.doc, 'notes', own)).toEqual({ text: 'À revoir.' });
    check.close();
    client.close();
  });

  it('refuses contrôle marks for an unknown choice or more than two choices', async () => {
    const client = await open(presidentCookie);
    client.change((doc) =>
      writeJuryValue(doc, 'control', candidateKey(board.candidates[3]?.id as number), {
        marks: { U1: 12, LV1: 11, U3: 10 },
      }),
    );
    expect((await client.closed).code).toBe(CloseCode.INVALID_UPDATE);
    const again = await open(presidentCookie);
    again.change((doc) =>
      writeJuryValue(doc, 'control', candidateKey(board.candidates[3]?.id as number), {
        marks: { U6: 12 },
      }),
    );
    expect((await again.closed).code).toBe(CloseCode.INVALID_UPDATE);
  });

  it('lets no examiner open it (4403)', async () => {
    const examiner = await signIn(server.url, 'e22.anglais');
    await expect(open(examiner.cookie)).rejects.toThrow(/4403/);
  });
});
