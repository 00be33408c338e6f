import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  lockNamingIncomplete,
  postJson,
  presidentBoard,
} from '../test-support/deliberation-steps.js';
import { signMinuteWith } from '../test-support/minute-steps.js';
import { signIn } from '../test-support/sign-in.js';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';

/**
 * Signing the minute binds the president: the session alone is not enough, the password is
 * typed again and checked (argon2id) by the server. A wrong one signs nothing, says so in
 * French, and repeated failures slow down as sign-ins do.
 */
describe('signing asks the president’s password again', () => {
  let server: TestServer;
  let cookie: string;
  let juryId: number;
  const stored = () =>
    (
      server.app.db.prepare('SELECT COUNT(*) AS n FROM minute_signatures').get() as {
        n: number;
      }
    ).n;
  const signatureRows = () =>
    (
      server.app.db
        .prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'signature'")
        .get() as { n: number }
    ).n;

  beforeAll(async () => {
    server = await startTestServer();
    const signedIn = await presidentBoard(server);
    cookie = signedIn.president.cookie;
    juryId = signedIn.juryId;
    expect((await lockNamingIncomplete(server, juryId, cookie)).status).toBe(201);
  });
  afterAll(async () => {
    await server.stop();
  });

  it('signs nothing without a password', async () => {
    const answers = [await postJson(server, `/api/juries/${juryId}/sign`, cookie, {})];
    for (const password of [null, '', 42, 'x'.repeat(1001)]) {
      answers.push(await signMinuteWith(server, juryId, cookie, password));
    }
    for (const answer of answers) {
      expect(answer.status).toBe(400);
      expect(answer.body.error.message).toBe(
        'Saisissez votre mot de passe pour signer le procès-verbal.',
      );
    }
    expect(stored()).toBe(0);
  });

  it('refuses a member of the jury, even with their own right password', async () => {
    const member = await signIn(server.url, 'membre.martin');
    const answer = await signMinuteWith(server, juryId, member.cookie);
    expect(answer.status).toBe(403);
    expect(answer.body.error.message).toMatch(/président/);
    expect(stored()).toBe(0);
  });

  it('refuses a wrong password with a clear message, then slows down', async () => {
    for (let attempt = 0; attempt < 4; attempt++) {
      const answer = await signMinuteWith(server, juryId, cookie, 'pas le bon');
      expect(answer.status).toBe(403);
      expect(answer.body.error.message).toBe(
        'Mot de passe incorrect : le procès-verbal n’est pas signé.',
      );
    }
    // Throttled like sign-ins: even the right password waits now.
    const throttled = await signMinuteWith(server, juryId, cookie);
    expect(throttled.status).toBe(429);
    expect(throttled.body.error.message).toMatch(/Réessayez dans \d+ secondes?/);
    expect(stored()).toBe(0);
    expect(signatureRows()).toBe(0);
  });

  it('signs with the right password once the delay is over', async () => {
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    const answer = await signMinuteWith(server, juryId, cookie);
    expect(answer.status).toBe(201);
    expect(answer.body.signer).toBe('Claire Fontaine');
    expect(stored()).toBe(1);
    expect(signatureRows()).toBe(1);
    // Signing again is idempotent, and still asks the password.
    expect((await signMinuteWith(server, juryId, cookie, 'pas le bon')).status).toBe(403);
    expect((await signMinuteWith(server, juryId, cookie)).status).toBe(200);
  });
});
