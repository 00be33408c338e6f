import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode, writeOralEntry } from '@delib/protocol';
import { loadRegulation } from '@delib/rules';
import { AdminClient } from '../test-support/admin-client.js';
import { writeDecision } from '../test-support/deliberation-steps.js';
import {
  computedFromTheRoom,
  examinerWrites,
  sessionBoard,
  specialtySession,
  type SpecialtySession,
} from '../test-support/specialty-session.js';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';
import { testRegulation } from '../test-support/test-regulation.js';

/**
 * A specialty Délib does not ship, uploaded by the admin, chosen for a session: the import, the
 * room and the server's own computation (the check of a confirmed decision) all follow it.
 */
describe('a session follows an uploaded regulation', () => {
  let server: TestServer;
  let admin: AdminClient;
  let session: SpecialtySession;

  beforeAll(async () => {
    server = await startTestServer();
    admin = await AdminClient.signIn(server);
    const uploaded = await admin.json('POST', '/api/admin/regulations', testRegulation());
    expect(uploaded.status).toBe(201);
    session = await specialtySession(admin, {
      regulationId: 'bts-essai-2027',
      units: ['P1'],
      candidates: ['02790001;AUBRY;Lou;02/02/2006;scolaire;anglais;;;;'],
    });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('imports written marks for the uploaded units, and refuses the shipped ones', async () => {
    const path = `/api/admin/exam-sessions/${session.sessionId}/written-marks/import`;
    const refused = await admin.csv<{ error: { details: { problems: { code: string }[] } } }>(
      path,
      'numéro;G1;U1\n02790001;12;12\n',
    );
    expect(refused.status).toBe(422);
    const imported = await admin.csv(path, 'numéro;G1;P2\n02790001;12;8\n');
    expect(imported.status).toBe(200);
  });

  it('the room hears P1, and its mark is checked by the uploaded regulation', async () => {
    const candidateId = session.room.passages[0]?.candidateId as number;
    expect(session.room.passages[0]?.units).toEqual(['P1']);
    await examinerWrites(server, session, (doc) =>
      writeOralEntry(doc, candidateId, 'P1', { mark: 10 }),
    );
  });

  it('computes the result with it: the server accepts "admis" and refuses "refusé"', async () => {
    const board = await sessionBoard(server, session);
    expect(board.session.regulationId).toBe('bts-essai-2027');
    const regulation = loadRegulation(board.session.regulation);
    expect(regulation.units.map((unit) => unit.code)).toEqual(['G1', 'P1', 'P2', 'UF1']);
    const candidate = board.candidates[0];
    if (!candidate) throw new Error('candidat absent');
    // G1 12 × 2 + P1 10 × 3 + P2 8 × 1 = 62 over 6: 10,33, admitted.
    const result = await computedFromTheRoom(server, session, regulation, board, candidate, 'P1');
    expect(result.averageExact).toEqual({ numerator: 31, denominator: 3 });
    expect(result.decision).toBe('admis');

    const wrong = await writeDecision(server, board, session.president.cookie, candidate.id, {
      decision: 'refuse',
      reason: '',
    });
    expect(wrong).toMatchObject({ accepted: false, code: CloseCode.INVALID_UPDATE });
    const right = await writeDecision(server, board, session.president.cookie, candidate.id, {
      decision: 'admis',
      reason: '',
    });
    expect(right).toEqual({ accepted: true });
  });
});
