import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { candidateNumbered, postJson } from '../test-support/deliberation-steps.js';
import { lockDemoJuryWithAdmitted } from '../test-support/publication-steps.js';
import type { LockedDemoJury } from '../test-support/publication-steps.js';
import { DEMO_PASSWORD } from '../demo/seed-demo.js';
import { signIn } from '../test-support/sign-in.js';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';

/**
 * One candidate's relevé de notes, alone, as the admin pages download it after the lock
 * (GET /api/juries/:id/releves/:candidate.pdf): for the centre and the jury once the minute
 * is signed, never for an examiner, and only for a deliberated candidate.
 */
describe('one candidate’s relevé', () => {
  let server: TestServer;
  let locked: LockedDemoJury;
  let admin: string;
  let examiner: string;
  let path: string;
  const get = (url: string, cookie?: string) =>
    fetch(`${server.url}${url}`, { headers: cookie ? { cookie } : {} });
  beforeAll(async () => {
    server = await startTestServer();
    locked = await lockDemoJuryWithAdmitted(server);
    admin = (await signIn(server.url, 'admin')).cookie;
    examiner = (await signIn(server.url, 'e4.enseignante')).cookie;
    const candidate = candidateNumbered(locked.board, '02700003');
    path = `/api/juries/${locked.juryId}/releves/${candidate.id}.pdf`;
  });
  afterAll(async () => {
    await server.stop();
  });

  it('waits for the signed minute, with a French reason', async () => {
    const response = await get(path, admin);
    expect(response.status).toBe(409);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(
      /pas encore signé/,
    );
  });

  it('is downloaded by the admin once signed: one PDF named after the candidate', async () => {
    const signed = await postJson(
      server,
      `/api/juries/${locked.juryId}/sign`,
      locked.presidentCookie,
      { password: DEMO_PASSWORD },
    );
    expect(signed.status).toBe(201);
    const response = await get(path, admin);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="releve-02700003-jury-${locked.juryId}-session-2027.pdf"`,
    );
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const all = await get(`/api/juries/${locked.juryId}/releves.pdf`, admin);
    // One page (one relevé) against one per deliberated candidate: smaller than them all.
    expect(bytes.length).toBeLessThan((await all.arrayBuffer()).byteLength);
    expect((await get(path, locked.presidentCookie)).status).toBe(200);
  });

  it('is refused to an examiner and to no one signed in', async () => {
    expect((await get(path, examiner)).status).toBe(403);
    expect((await get(path)).status).toBe(401);
  });

  it('does not exist for a candidate not deliberated', async () => {
    const incomplete = candidateNumbered(locked.board, '02700002');
    const response = await get(`/api/juries/${locked.juryId}/releves/${incomplete.id}.pdf`, admin);
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { message: string } }).error.message).toBe(
      'Ce candidat n’a pas été délibéré (dossier incomplet au verrouillage) : il n’a pas de relevé de notes.',
    );
    expect((await get(`/api/juries/${locked.juryId}/releves/999999.pdf`, admin)).status).toBe(404);
  });
});
