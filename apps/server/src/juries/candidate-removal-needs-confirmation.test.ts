import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { candidateKey, noteKey, readJuryValue, writeJuryValue } from '@delib/protocol';
import type {
  BoardView,
  CandidateRemovalPreview,
  HistoryRow,
  JuryDetail,
  SessionCandidate,
} from '@delib/protocol';
import { AdminClient } from '../test-support/admin-client.js';
import {
  candidateNumbered,
  enterOrals,
  lockNamingIncomplete,
  presidentBoard,
  readJuryDocument,
  writeJuryDocument,
} from '../test-support/deliberation-steps.js';
import { roomHearing, roomPassages } from '../test-support/passage-steps.js';
import type { Refusal } from '../test-support/passage-steps.js';
import { getJson, signIn } from '../test-support/sign-in.js';
import type { SignedIn } from '../test-support/sign-in.js';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';

/**
 * The centre can take a candidate out of a jury. When the candidate has entries there (oral
 * marks, the jury's adjustments, decision, livret, notes), the removal is refused unless it
 * carries the token of exactly the entries named; it is refused once the jury is locked.
 */
describe('removing a candidate from a jury needs a confirmation when entries exist', () => {
  let server: TestServer;
  let admin: AdminClient;
  let president: SignedIn;
  let board: BoardView;
  let marked: BoardView['candidates'][number];

  beforeAll(async () => {
    server = await startTestServer();
    admin = await AdminClient.signIn(server);
    ({ board, president } = await presidentBoard(server));
    marked = candidateNumbered(board, '02700004');
    await enterOrals(server, board, marked, { U22: { mark: 12 } });
    const livret = await writeJuryDocument(server, board, president.cookie, (doc) =>
      writeJuryValue(doc, 'livret', candidateKey(marked.id), { consulted: true }),
    );
    expect(livret.accepted).toBe(true);
    const roux = await signIn(server.url, 'membre.roux');
    const note = await writeJuryDocument(server, board, roux.cookie, (doc) =>
      writeJuryValue(doc, 'notes', noteKey(marked.id, roux.me.user.id), {
        text: 'Oral solide, à revoir en LV1.',
      }),
    );
    expect(note.accepted).toBe(true);
  });
  afterAll(async () => {
    await server.stop();
  });

  const remove = <T>(client: AdminClient, candidateId: number, confirm?: string | null) =>
    client.json<T>(
      'DELETE',
      `/api/admin/juries/${board.jury.id}/candidates/${candidateId}${confirm ? `?confirm=${encodeURIComponent(confirm)}` : ''}`,
      {},
    );

  async function sessionCandidate(number: string): Promise<SessionCandidate> {
    const all = await admin.get<SessionCandidate[]>(
      `/api/admin/exam-sessions/${board.session.id}/candidates`,
    );
    const found = all.body.find((candidate) => candidate.number === number);
    if (!found) throw new Error(`candidat ${number} absent`);
    return found;
  }

  it('removes a candidate without entries at once, with their passages', async () => {
    const quiet = candidateNumbered(board, '02700010');
    const answer = await remove<JuryDetail>(admin, quiet.id);
    expect(answer.status).toBe(200);
    expect(answer.body.candidates.map((c) => c.number)).not.toContain('02700010');
    expect((await sessionCandidate('02700010')).juryId).toBeNull();
    for (const room of board.commissions)
      expect((await roomPassages(admin, room.id)).map((p) => p.number)).not.toContain('02700010');
  });

  it('refuses a candidate with entries, naming each one, and changes nothing', async () => {
    const answer = await remove<Refusal<CandidateRemovalPreview>>(admin, marked.id);
    expect(answer.status).toBe(409);
    expect(answer.body.error.code).toBe('CONFIRMATION_REQUIRED');
    expect(answer.body.error.message).toMatch(/^Le candidat 02700004 a 3 saisies dans ce jury/);
    const preview = answer.body.error.details;
    expect(preview.number).toBe('02700004');
    expect(preview.name).toBe(`${marked.lastName.toLocaleUpperCase('fr')} ${marked.firstName}`);
    const e22 = roomHearing(board, 'U22');
    expect(
      preview.leaving.map(({ unit, kind, value, place }) => [unit, kind, value, place]),
    ).toEqual([
      ['U22', 'Saisie en salle', '12', `${e22.name} (${e22.room})`],
      [null, 'Livret scolaire', 'consulté', board.jury.name],
      [null, 'Note de Nadia Roux', '« Oral solide, à revoir en LV1. »', board.jury.name],
    ]);
    expect(preview.confirmation).toMatch(/^[0-9a-f]{32}$/);
    expect((await sessionCandidate('02700004')).juryId).toBe(board.jury.id);
  });

  it('refuses a forged token, or the token of another candidate’s entries', async () => {
    const other = candidateNumbered(board, '02700005');
    await enterOrals(server, board, other, { U22: { mark: 9 } });
    const otherToken = (await remove<Refusal<CandidateRemovalPreview>>(admin, other.id)).body.error
      .details.confirmation;
    for (const token of [otherToken, 'a'.repeat(32), '%00', 'x'.repeat(200)]) {
      const answer = await remove<Refusal<CandidateRemovalPreview>>(admin, marked.id, token);
      expect(answer.status, String(token)).toBe(409);
      expect(answer.body.error.code).toBe('CONFIRMATION_REQUIRED');
    }
    expect((await sessionCandidate('02700004')).juryId).toBe(board.jury.id);
  });

  it('refuses anyone but the centre, and ids that are not of this jury', async () => {
    const token = (await remove<Refusal<CandidateRemovalPreview>>(admin, marked.id)).body.error
      .details.confirmation;
    for (const login of ['presidente', 'membre.roux', 'e22.anglais']) {
      const intruder = await AdminClient.signIn(server, login);
      expect((await remove(intruder, marked.id, token)).status, login).toBe(403);
    }
    expect((await remove(new AdminClient(server, null), marked.id, token)).status).toBe(401);
    expect((await remove(admin, 999_999)).status).toBe(404);
    // 02700010 left the jury above: it is no longer this jury's to remove.
    expect((await remove(admin, candidateNumbered(board, '02700010').id)).status).toBe(404);
    expect(
      (await admin.json('DELETE', `/api/admin/juries/${board.jury.id}/candidates/abc`, {})).status,
    ).toBe(400);
    expect((await sessionCandidate('02700004')).juryId).toBe(board.jury.id);
  });

  it('removes with the token shown; the entries stay stored and audited', async () => {
    const token = (await remove<Refusal<CandidateRemovalPreview>>(admin, marked.id)).body.error
      .details.confirmation;
    const answer = await remove<JuryDetail>(admin, marked.id, token);
    expect(answer.status).toBe(200);
    expect(answer.body.candidates.map((c) => c.number)).not.toContain('02700004');
    expect((await sessionCandidate('02700004')).juryId).toBeNull();
    const after = (await presidentBoard(server)).board;
    expect(after.candidates.map((c) => c.number)).not.toContain('02700004');
    const juryDoc = await readJuryDocument(server, board, president.cookie);
    expect(readJuryValue(juryDoc, 'livret', candidateKey(marked.id))).toEqual({ consulted: true });
    // Assigned again, the candidate finds the jury's data where it was.
    const back = await admin.json('POST', `/api/admin/juries/${board.jury.id}/candidates`, {
      numbers: ['02700004'],
    });
    expect(back.status).toBe(200);
    const history = await getJson<HistoryRow[]>(
      `${server.url}/api/juries/${board.jury.id}/candidates/${marked.id}/history`,
      president.cookie,
    );
    expect(
      history.body
        .filter((row) => row.action === 'retrait-jury')
        .map((row) => [row.unit, row.before, row.reason]),
    ).toEqual([
      [null, null, `Candidat retiré du ${board.jury.name} et de 2 salles.`],
      [
        'U22',
        { mark: 12 },
        `Candidat retiré du ${board.jury.name} : la saisie (Saisie en salle) est conservée.`,
      ],
      [
        null,
        { consulted: true },
        `Candidat retiré du ${board.jury.name} : la saisie (Livret scolaire) est conservée.`,
      ],
      [
        null,
        { text: 'Oral solide, à revoir en LV1.' },
        `Candidat retiré du ${board.jury.name} : la saisie (Note de Nadia Roux) est conservée.`,
      ],
    ]);
  });

  it('refuses any removal once the jury is locked', async () => {
    const locked = await lockNamingIncomplete(server, board.jury.id, president.cookie);
    expect(locked.status).toBe(201);
    const quiet = candidateNumbered(board, '02700011');
    const answer = await remove<Refusal<unknown>>(admin, quiet.id);
    expect(answer.status).toBe(409);
    expect(answer.body.error.code).toBe('LOCKED');
    expect((await sessionCandidate('02700011')).juryId).toBe(board.jury.id);
  });
});
