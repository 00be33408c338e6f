import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminClient } from '../test-support/admin-client.js';
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
