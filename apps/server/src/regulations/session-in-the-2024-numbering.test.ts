import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode, candidateKey, writeJuryValue, writeOralEntry } from '@delib/protocol';
import { loadRegulation } from '@delib/rules';
import { AdminClient } from '../test-support/admin-client.js';
import {
  lockNamingIncomplete,
  postJson,
  writeDecision,
  writeJuryDocument,
} from '../test-support/deliberation-steps.js';
import { pdfPageTexts } from '../minute/test-support/pdf-text.js';
import {
  SPECIALTY_PASSWORD,
  computedFromTheRoom,
  examinerWrites,
  openSessionRoom,
  sessionBoard,
  specialtySession,
  type SpecialtySession,
} from '../test-support/specialty-session.js';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';

/** BTS MCO in the 2024 numbering (E1–E8, U1–U8), from the import to the board's decision. */
describe('a session in the 2024 numbering of BTS MCO', () => {
  let server: TestServer;
  let admin: AdminClient;
  let session: SpecialtySession;

  beforeAll(async () => {
    server = await startTestServer();
    admin = await AdminClient.signIn(server);
    session = await specialtySession(admin, {
      regulationId: 'bts-mco-2024',
      units: ['U3', 'U5', 'U6'],
      candidates: ['02794001;GIRAUD;Anna;08/08/2006;scolaire;anglais;;;;'],
    });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('refuses a room for 2018 codes or written units', async () => {
    const answer = await admin.json<{ error: { message: string } }>(
      'POST',
      `/api/admin/juries/${session.juryId}/commissions`,
      { name: 'Ancienne salle', room: 'B1', units: ['U41'] },
    );
    expect(answer.status).toBe(400);
    const written = await admin.json<{ error: { message: string } }>(
      'POST',
      `/api/admin/juries/${session.juryId}/commissions`,
      { name: 'Écrit', room: 'B2', units: ['U7'] },
    );
    expect(written.status).toBe(400);
  });

  it('imports the written marks of U1, U2, U4, U7, U8 and refuses an oral unit', async () => {
    const path = `/api/admin/exam-sessions/${session.sessionId}/written-marks/import`;
    expect((await admin.csv(path, 'numéro;U5\n02794001;12\n')).status).toBe(422);
    expect((await admin.csv(path, 'numéro;U1;U2;U4;U7;U8\n02794001;11;9;10;12;8\n')).status).toBe(
      200,
    );
  });

  it('the room accepts marks for U3, U5, U6 and refuses U41 (4422)', async () => {
    const candidateId = session.room.passages[0]?.candidateId as number;
    expect(session.room.passages[0]?.units).toEqual(['U3', 'U5', 'U6']);
    // The LV1 oral is U3 in this numbering: the room shows its language.
    expect(session.room.passages[0]?.languages).toEqual({ U3: 'anglais' });
    const old = await openSessionRoom(server, session, session.examiner.cookie);
    old.change((doc) => writeOralEntry(doc, candidateId, 'U41', { mark: 12 }));
    expect((await old.closed).code).toBe(CloseCode.INVALID_UPDATE);
    await examinerWrites(server, session, (doc) => {
      writeOralEntry(doc, candidateId, 'U3', { mark: 10 });
      writeOralEntry(doc, candidateId, 'U5', { mark: 9 });
      writeOralEntry(doc, candidateId, 'U6', { mark: 8.5 });
    });
  });

  it('the board computes the decision under the 2024 units; the server agrees', async () => {
    const board = await sessionBoard(server, session);
    const regulation = loadRegulation(board.session.regulation);
    expect(regulation.units.map((unit) => `${unit.code} ${unit.epreuve}`).slice(0, 8)).toEqual([
      'U1 E1',
      'U2 E2',
      'U3 E3',
      'U4 E4',
      'U5 E5',
      'U6 E6',
      'U7 E7',
      'U8 E8',
    ]);
    const candidate = board.candidates[0];
    if (!candidate) throw new Error('candidat absent');
    const result = await computedFromTheRoom(server, session, regulation, board, candidate, 'U5');
    // U1 33 + U2 13,5 + U3 15 + U4 30 + U5 27 + U6 25,5 + U7 36 + U8 24 = 204 over 21: 9,71;
    // professional (27 + 25,5 + 36 + 24) / 12 = 9,375 < 10: refusé, not contrôle.
    expect(result.missing).toEqual([]);
    expect(result.averageExact).toEqual({ numerator: 68, denominator: 7 });
    expect(result.decision).toBe('refuse');
    const wrong = await writeDecision(server, board, session.president.cookie, candidate.id, {
      decision: 'controle',
      reason: '',
    });
    expect(wrong).toMatchObject({ accepted: false, code: CloseCode.INVALID_UPDATE });
    const right = await writeDecision(server, board, session.president.cookie, candidate.id, {
      decision: 'refuse',
      reason: 'Livret consulté',
    });
    expect(right).toEqual({ accepted: true });
  });

  it('the jury locks, and the signed PV prints the 2024 units', async () => {
    const board = await sessionBoard(server, session);
    const candidateId = board.candidates[0]?.id as number;
    const livret = await writeJuryDocument(server, board, session.president.cookie, (doc) =>
      writeJuryValue(doc, 'livret', candidateKey(candidateId), { consulted: true }),
    );
    expect(livret).toEqual({ accepted: true });
    const locked = await lockNamingIncomplete(server, session.juryId, session.president.cookie);
    expect(locked.status).toBe(201);
    const signed = await postJson(
      server,
      `/api/juries/${session.juryId}/sign`,
      session.president.cookie,
      { password: SPECIALTY_PASSWORD },
    );
    expect(signed.status).toBe(201);
    const pdf = await fetch(`${server.url}/api/juries/${session.juryId}/minute.pdf`, {
      headers: { cookie: session.president.cookie },
    });
    expect(pdf.status).toBe(200);
    const text = (await pdfPageTexts(new Uint8Array(await pdf.arrayBuffer()))).join('\n');
    expect(text).toContain('numérotation 2024');
    for (const code of ['U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7', 'U8'])
      expect(text).toContain(code);
    expect(text).not.toContain('U41');
    expect(text).toMatch(/02794001[\s\S]*9,71[\s\S]*Refusé/);
  });
});
