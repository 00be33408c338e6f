import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegulationIssues } from '@delib/protocol';
import { AdminClient } from '../test-support/admin-client.js';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';
import { testRegulation } from '../test-support/test-regulation.js';

type Refusal = { error: { code: string; message: string; details?: RegulationIssues } };

/**
 * A regulation sent as `application/json` arrives already parsed by the API's JSON reader:
 * a file nested too deeply to be read back is refused in French, like the same file sent as
 * text, and never brings an internal error.
 */
describe('a deeply nested regulation sent as JSON', () => {
  let server: TestServer;
  let admin: AdminClient;
  const upload = (body: string, type: string) =>
    fetch(`${server.url}/api/admin/regulations`, {
      method: 'POST',
      headers: { origin: server.origin, 'content-type': type, cookie: admin.cookie ?? '' },
      body,
    }).then(async (response) => ({
      status: response.status,
      body: (await response.json()) as Refusal,
    }));
  const storedRows = () =>
    server.app.db.prepare('SELECT id, sha256, json FROM uploaded_regulations ORDER BY id').all();

  beforeAll(async () => {
    server = await startTestServer();
    admin = await AdminClient.signIn(server);
  });
  afterAll(async () => {
    await server.stop();
  });

  it('is refused with a French 422, the server still answers, nothing is stored', async () => {
    const kept = await upload(JSON.stringify(testRegulation()), 'application/json');
    expect(kept.status).toBe(201);
    const rowsBefore = storedRows();
    const listBefore = await admin.get('/api/admin/regulations');

    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    for (const body of [deep, `{"id": "bts-profond", "units": ${deep}}`]) {
      const answer = await upload(body, 'application/json');
      expect(answer.status).toBe(422);
      expect(answer.body.error.code).toBe('INVALID_REGULATION');
      expect(answer.body.error.message).toMatch(/^Règlement refusé/);
      expect(answer.body.error.details?.issues[0]?.path).toBe('$');
      expect(answer.body.error.details?.issues[0]?.message).toMatch(/imbriqué trop profondément/);
    }

    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    expect(storedRows()).toEqual(rowsBefore);
    expect((await admin.get('/api/admin/regulations')).body).toEqual(listBefore.body);
  });
});
