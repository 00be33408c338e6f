import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminClient } from '../test-support/admin-client.js';
import {
  candidateNumbered,
  lockNamingIncomplete,
  postJson,
  presidentAfterOrals,
} from '../test-support/deliberation-steps.js';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';

/**
 * A person's text is signed into minutes and exported for good: control characters and
 * bidirectional overrides are refused where it is typed (400, in French), and a lone
 * surrogate anywhere in a JSON body makes it unreadable (400) instead of a 500 further on.
 */
describe('unprintable text in a request', () => {
  let server: TestServer;
  let admin: AdminClient;
  beforeAll(async () => {
    server = await startTestServer();
    admin = await AdminClient.signIn(server);
  });
  afterAll(async () => {
    await server.stop();
  });

  const person = (name: string) => ({
    person: {
      login: `p.${Date.now()}${Math.floor(Math.random() * 1e6)}`,
      name,
      password: 'motdepasse-long',
    },
    category: 'enseignant',
  });
  const members = () =>
    (server.app.db.prepare('SELECT COUNT(*) AS n FROM jury_members').get() as { n: number }).n;

  it('refuses control characters and overrides in a name, and writes nothing', async () => {
    const before = members();
    for (const name of ['Martin\u0000', 'Martin\u001b[31m', 'nitraM\u202e', 'Dupont\u2066x']) {
      const answer = await admin.json<{
        error: { code: string; message: string; details: { fields: { message: string }[] } };
      }>('POST', '/api/admin/juries/1/members', person(name));
      expect(answer.status, JSON.stringify(name)).toBe(400);
      expect(answer.body.error.details.fields.map((field) => field.message)).toContain(
        'caractères de contrôle ou invisibles non admis',
      );
    }
    expect(members()).toBe(before);
  });

  it('answers a lone surrogate with a 400, wherever it is', async () => {
    const before = members();
    for (const body of [person('Martin \ud800'), { anything: ['\udc00'] }]) {
      const answer = await admin.json<{ error: { message: string } }>(
        'POST',
        '/api/admin/juries/1/members',
        body,
      );
      expect(answer.status).toBe(400);
      expect(answer.body.error.message).toBe('Requête illisible (JSON attendu).');
    }
    expect(members()).toBe(before);
  });

  it('gives zod’s own details in French', async () => {
    const answer = await admin.json<{ error: { details: { fields: { message: string }[] } } }>(
      'POST',
      '/api/admin/juries/1/members',
      { ...person('Camille Martin'), category: 'astronaute' },
    );
    expect(answer.status).toBe(400);
    expect(answer.body.error.details.fields[0]?.message).toMatch(/^Option invalide/);
  });
});

describe('unprintable text in a rectification’s reason', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  it('is refused before anything is signed into the record or written to the results file', async () => {
    const { board, cookie, juryId } = await presidentAfterOrals(server, '02700001', {
      U22: 12,
      U41: 12,
      U42: 12,
    });
    expect((await lockNamingIncomplete(server, juryId, cookie)).status).toBe(201);
    const candidate = candidateNumbered(board, '02700001');
    const amend = (reason: string) =>
      postJson(server, `/api/juries/${juryId}/amendments`, cookie, {
        candidateId: candidate.id,
        unit: 'U41',
        input: 'entry',
        after: { mark: 13 },
        reason,
      });
    // A lone surrogate gave a 500 (« Lone surrogate is not allowed »).
    for (const reason of [
      'Erreur\u0000de report',
      'Erreur\u001b[2J',
      'tropèr\u202e',
      'Erreur \ud800',
    ]) {
      expect((await amend(reason)).status, JSON.stringify(reason)).toBe(400);
    }
    expect(
      (server.app.db.prepare('SELECT COUNT(*) AS n FROM amendments').get() as { n: number }).n,
    ).toBe(0);
    expect((await amend('Erreur de report : 13 sur la fiche')).status).toBe(201);
  });
});
