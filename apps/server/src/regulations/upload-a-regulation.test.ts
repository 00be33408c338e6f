import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegulationChoice, RegulationIssues } from '@delib/protocol';
import { AdminClient } from '../test-support/admin-client.js';
import { signIn } from '../test-support/sign-in.js';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';
import { testRegulation } from '../test-support/test-regulation.js';

type Refusal = { error: { code: string; message: string; details?: RegulationIssues } };

/** An admin uploads a regulation as JSON; loadRegulation checks it; it is stored once. */
describe('uploading a regulation', () => {
  let server: TestServer;
  let admin: AdminClient;
  const upload = (body: string, type = 'text/plain', cookie = admin.cookie) =>
    fetch(`${server.url}/api/admin/regulations`, {
      method: 'POST',
      headers: {
        origin: server.origin,
        'content-type': type,
        ...(cookie ? { cookie } : {}),
      },
      body,
    }).then(async (response) => ({
      status: response.status,
      body: (await response.json()) as Refusal & { id: string; sha256: string },
    }));
  const stored = () =>
    (server.app.db.prepare('SELECT COUNT(*) AS n FROM uploaded_regulations').get() as { n: number })
      .n;

  beforeAll(async () => {
    server = await startTestServer();
    admin = await AdminClient.signIn(server);
  });
  afterAll(async () => {
    await server.stop();
  });

  it('refuses an invalid regulation with every fault by JSON path, in French, storing nothing', async () => {
    const bad = testRegulation('bts-faux');
    const units = bad.units as Record<string, unknown>[];
    (units[1] as Record<string, unknown>).coefficient = -3;
    (units[2] as Record<string, unknown>).form = 'pratique';
    (bad.settings as Record<string, unknown>).markStep = 0.3;
    const answer = await upload(JSON.stringify(bad));
    expect(answer.status).toBe(422);
    expect(answer.body.error.code).toBe('INVALID_REGULATION');
    expect(answer.body.error.message).toBe(
      'Règlement refusé : 3 erreurs à corriger dans le fichier.',
    );
    const issues = answer.body.error.details?.issues ?? [];
    expect(issues.map((issue) => issue.path)).toEqual([
      '$.units[1].coefficient',
      '$.units[2].form',
      '$.settings.markStep',
    ]);
    expect(issues[1]?.message).toMatch(/^attendu .*reçu « pratique »$/);
    expect(issues[2]?.message).toMatch(/ne divise pas 20/);
    expect(stored()).toBe(0);
  });

  it('refuses a text that is not JSON at $', async () => {
    const answer = await upload('{ "id": "bts-x", ');
    expect(answer.status).toBe(422);
    expect(answer.body.error.details?.issues[0]?.path).toBe('$');
    expect(answer.body.error.details?.issues[0]?.message).toMatch(
      /^le texte n’est pas du JSON valide/,
    );
  });

  it('answers a hostile file (deep nesting, not an object) with a 422, never a crash', async () => {
    const deep = '['.repeat(120_000) + ']'.repeat(120_000);
    for (const body of [`{"id": ${deep}}`, 'null', '[]', '"bts"']) {
      const answer = await upload(body);
      expect(answer.status).toBe(422);
      expect(answer.body.error.details?.issues.length).toBeGreaterThan(0);
    }
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    expect(stored()).toBe(0);
  });

  it('stores a valid one with its SHA-256, lists it, and gives it back', async () => {
    const answer = await upload(JSON.stringify(testRegulation()), 'application/json');
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ id: 'bts-essai-2027', created: true });
    expect(answer.body.sha256).toMatch(/^[0-9a-f]{64}$/);
    const list = await admin.get<RegulationChoice[]>('/api/admin/regulations');
    const listed = list.body.find((choice) => choice.id === 'bts-essai-2027');
    expect(listed?.uploaded?.sha256).toBe(answer.body.sha256);
    expect(listed?.units.map((unit) => unit.code)).toEqual(['G1', 'P1', 'P2', 'UF1']);
    expect(list.body.filter((choice) => choice.uploaded === null).map((c) => c.id)).toEqual([
      'bts-mco-2018',
      'bts-mco-2024',
    ]);
    const back = await admin.get<Record<string, unknown>>('/api/admin/regulations/bts-essai-2027');
    expect(back.body).toEqual(testRegulation());
  });

  it('never replaces a stored or shipped regulation: a new version is a new id', async () => {
    const changed = { ...testRegulation(), label: 'Autre libellé' };
    const again = await upload(JSON.stringify(changed));
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/« bts-essai-2027-v2 »/);
    const shipped = await upload(JSON.stringify({ ...testRegulation(), id: 'bts-mco-2018' }));
    expect(shipped.status).toBe(409);
    expect(stored()).toBe(1);
    expect(() =>
      server.app.db.prepare("UPDATE uploaded_regulations SET json = '{}'").run(),
    ).toThrow(/modification interdite/);
    expect(() => server.app.db.prepare('DELETE FROM uploaded_regulations').run()).toThrow(
      /suppression interdite/,
    );
  });

  it('refuses a file over 256 KB with a French message', async () => {
    const huge = JSON.stringify({ ...testRegulation('bts-enorme'), note: 'x'.repeat(300 * 1024) });
    const answer = await upload(huge);
    expect(answer.status).toBe(413);
    expect(answer.body.error).toMatchObject({
      code: 'REGULATION_TOO_LARGE',
      message: 'Fichier trop volumineux : un règlement fait au plus 256 Ko.',
    });
    expect(stored()).toBe(1);
  });

  it('is for admins only: 401 without a session, 403 for a president or an examiner', async () => {
    const body = JSON.stringify(testRegulation('bts-intrus'));
    expect((await upload(body, 'text/plain', null)).status).toBe(401);
    for (const login of ['presidente', 'e4.enseignante']) {
      const { cookie } = await signIn(server.url, login);
      const answer = await upload(body, 'text/plain', cookie);
      expect(answer.status).toBe(403);
      const list = await fetch(`${server.url}/api/admin/regulations`, {
        headers: { cookie, origin: server.origin },
      });
      expect(list.status).toBe(403);
    }
    expect(stored()).toBe(1);
  });
});
