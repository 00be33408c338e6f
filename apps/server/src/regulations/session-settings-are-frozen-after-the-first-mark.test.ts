import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeOralEntry, type BoardView, type SessionSettingsView } from '@delib/protocol';
import { AdminClient } from '../test-support/admin-client.js';
import { getJson, signIn } from '../test-support/sign-in.js';
import { connectDocument, waitFor } from '../test-support/sync-client.js';
import { specialtySession, type SpecialtySession } from '../test-support/specialty-session.js';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';

type Refusal = {
  error: { code: string; message: string; details?: { issues: { path: string }[] } };
};

const CANDIDATES = [
  '02791001;BRUN;Zoé;03/03/2006;scolaire;anglais;UF1 UF3;espagnol;;',
  '02791002;COSTE;Paul;04/04/2006;scolaire;anglais;;;U1=12,5@2024;',
];

/** Settings per session: checked, used by the computation, frozen once a mark exists. */
describe('the settings of a session', () => {
  let server: TestServer;
  let admin: AdminClient;
  let session: SpecialtySession;
  const path = () => `/api/admin/exam-sessions/${session.sessionId}/settings`;
  const put = (body: unknown) => admin.json<SessionSettingsView & Refusal>('PUT', path(), body);

  beforeAll(async () => {
    server = await startTestServer();
    admin = await AdminClient.signIn(server);
    session = await specialtySession(admin, {
      regulationId: 'bts-mco-2018',
      units: ['U41', 'U42'],
      candidates: CANDIDATES,
    });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('start from the regulation’s own values, not frozen', async () => {
    const view = await admin.get<SessionSettingsView>(path());
    expect(view.body).toEqual({
      settings: { controlEnabled: true, optionalMultiplier: 1, maxOptionalUnits: 2, markStep: 0.5 },
      defaults: { controlEnabled: true, optionalMultiplier: 1, maxOptionalUnits: 2, markStep: 0.5 },
      frozenReason: null,
    });
  });

  it('are checked field by field, in French, and a refusal changes nothing', async () => {
    const bad = await put({
      controlEnabled: 'non',
      optionalMultiplier: 1,
      maxOptionalUnits: 2,
      markStep: 0.5,
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('INVALID_SETTINGS');
    expect(bad.body.error.message).toBe(
      'Réglages refusés — $.controlEnabled : attendu oui ou non (un booléen), reçu « non ».',
    );
    const step = await put({
      controlEnabled: true,
      optionalMultiplier: 1,
      maxOptionalUnits: 5,
      markStep: 0.3,
    });
    expect(step.body.error.details?.issues.map((issue) => issue.path)).toEqual([
      '$.maxOptionalUnits',
      '$.markStep',
    ]);
    // A bénéfice of 12,5 is held: a step of 1 would refuse it.
    const whole = await put({
      controlEnabled: true,
      optionalMultiplier: 1,
      maxOptionalUnits: 2,
      markStep: 1,
    });
    expect(whole.status).toBe(422);
    expect(whole.body.error.message).toMatch(
      /^Le candidat 02791002 a déjà, à l’unité U1, une entrée/,
    );
    // A candidate registered for two options: the maximum cannot go down to 1.
    const one = await put({
      controlEnabled: true,
      optionalMultiplier: 1,
      maxOptionalUnits: 1,
      markStep: 0.5,
    });
    expect(one.body.error.message).toMatch(/02791001 est inscrit à 2 unités facultatives/);
    expect((await admin.get<SessionSettingsView>(path())).body.settings.markStep).toBe(0.5);
  });

  it('are for admins only', async () => {
    const { cookie } = await signIn(server.url, 'presidente');
    const answer = await fetch(`${server.url}${path()}`, {
      method: 'PUT',
      headers: { cookie, origin: server.origin, 'content-type': 'application/json' },
      body: JSON.stringify({
        controlEnabled: false,
        optionalMultiplier: 1,
        maxOptionalUnits: 2,
        markStep: 0.25,
      }),
    });
    expect(answer.status).toBe(403);
  });

  it('are stored and reach the session’s regulation, as the board receives it', async () => {
    const chosen = {
      controlEnabled: false,
      optionalMultiplier: 2,
      maxOptionalUnits: 2,
      markStep: 0.25,
    };
    const saved = await put(chosen);
    expect(saved.status).toBe(200);
    expect(saved.body.settings).toEqual(chosen);
    const board = await getJson<BoardView>(
      `${server.url}/api/juries/${session.juryId}/board`,
      session.president.cookie,
    );
    expect(board.body.session.regulation.settings).toMatchObject({
      markStep: 0.25,
      optionalMultiplier: 2,
      control: { enabled: false },
    });
    expect(board.body.session.regulation.id).toBe('bts-mco-2018');
  });

  it('are frozen once an examiner’s first mark is stored: refused with the reason', async () => {
    const client = connectDocument(
      server.url,
      session.room.document,
      session.examiner.cookie,
      server.origin,
    );
    await client.synced;
    client.doc.transact(() =>
      writeOralEntry(client.doc, session.room.passages[0]?.candidateId as number, 'U41', {
        mark: 13.25,
      }),
    );
    await waitFor(
      () =>
        server.app.db
          .prepare("SELECT 1 FROM audit_log WHERE document = ? AND action = 'saisie'")
          .get(session.room.document) !== undefined,
      'note enregistrée',
    );
    client.destroy();
    const refused = await put({
      controlEnabled: true,
      optionalMultiplier: 1,
      maxOptionalUnits: 2,
      markStep: 0.5,
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({
      code: 'SETTINGS_FROZEN',
      message:
        'Réglages figés : une première note orale a été saisie dans une salle de cette session. Les réglages ne changent plus pour cette session.',
    });
    const view = await admin.get<SessionSettingsView>(path());
    expect(view.body.settings.markStep).toBe(0.25);
    expect(view.body.frozenReason).toMatch(/^Réglages figés/);
  });

  it('are frozen by a written mark imported, too', async () => {
    const other = await specialtySession(admin, {
      regulationId: 'bts-mco-2018',
      units: ['U41'],
      candidates: ['02792001;DIAZ;Eva;05/05/2006;scolaire;anglais;;;;'],
    });
    const settings = `/api/admin/exam-sessions/${other.sessionId}/settings`;
    expect((await admin.get<SessionSettingsView>(settings)).body.frozenReason).toBeNull();
    const imported = await admin.csv(
      `/api/admin/exam-sessions/${other.sessionId}/written-marks/import`,
      'numéro;U1\n02792001;11\n',
    );
    expect(imported.status).toBe(200);
    const refused = await admin.json<Refusal>('PUT', settings, {
      controlEnabled: true,
      optionalMultiplier: 1,
      maxOptionalUnits: 2,
      markStep: 0.25,
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(
      /^Réglages figés : des notes écrites ont été importées/,
    );
  });
});
