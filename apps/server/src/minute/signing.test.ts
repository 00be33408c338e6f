import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../demo/seed-demo.js';
import { verifyAuditChain } from '../audit/audit-trail.js';
import { signIn } from '../test-support/sign-in.js';
import { lockDemoJury, startMinuteTestServer } from './test-support/minute-test-server.js';
import type { MinuteTestServer } from './test-support/minute-test-server.js';

describe('signing the minute', () => {
  let running: MinuteTestServer;
  let president: Awaited<ReturnType<typeof signIn>>;
  let juryId: number;
  const sign = (cookie: string) =>
    fetch(`${running.url}/api/juries/${juryId}/sign`, {
      method: 'POST',
      headers: { cookie, origin: running.url, 'content-type': 'application/json' },
      body: JSON.stringify({ password: DEMO_PASSWORD }),
    }).then(async (response) => ({
      status: response.status,
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the test reads loose JSON answers
      body: (await response.json()) as Record<string, any>,
    }));

  beforeAll(async () => {
    running = await startMinuteTestServer();
    president = await signIn(running.server.url, 'presidente');
    juryId = president.me.juries[0]?.id as number;
  });
  afterAll(async () => {
    await running.stop();
  });

  it('is refused to a member of the jury (403), locked or not', async () => {
    const member = await signIn(running.server.url, 'membre.martin');
    const answer = await sign(member.cookie);
    expect(answer.status).toBe(403);
    expect(answer.body.error.message).toContain('président·e');
  });

  it('is refused before the lock (409)', async () => {
    const answer = await sign(president.cookie);
    expect(answer.status).toBe(409);
    expect(answer.body.error.code).toBe('NOT_LOCKED');
  });

  it('signs the locked record once: signing again returns the same signature', async () => {
    await lockDemoJury(running.server);
    const first = await sign(president.cookie);
    expect(first.status).toBe(201);
    const stored = running.server.app.db
      .prepare('SELECT sha256 FROM final_records WHERE jury_id = ?')
      .get(juryId) as { sha256: string };
    expect(first.body).toMatchObject({
      created: true,
      recordSha256: stored.sha256,
      signer: 'Claire Fontaine',
      verificationCode: `${stored.sha256.slice(0, 4)} ${stored.sha256.slice(4, 8)} ${stored.sha256.slice(8, 12)}`,
    });
    const again = await sign(president.cookie);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ ...first.body, created: false });
    const rows = running.server.app.db
      .prepare('SELECT COUNT(*) AS n FROM minute_signatures')
      .get() as { n: number };
    expect(rows.n).toBe(1);
  });

  it('cannot be changed nor removed, even in SQL; the key neither', () => {
    const db = running.server.app.db;
    expect(() => db.prepare("UPDATE minute_signatures SET signed_at = '2000-01-01'").run()).toThrow(
      /modification interdite/,
    );
    expect(() => db.prepare('DELETE FROM minute_signatures').run()).toThrow(
      /suppression interdite/,
    );
    expect(() => db.prepare("UPDATE signing_keys SET centre = 'ailleurs'").run()).toThrow(
      /modification interdite/,
    );
    expect(() => db.prepare('DELETE FROM signing_keys').run()).toThrow(/suppression interdite/);
  });

  it('is written in the audit trail, whose chain stays whole', () => {
    const db = running.server.app.db;
    const row = db.prepare("SELECT after FROM audit_log WHERE action = 'signature'").get() as {
      after: string;
    };
    expect(JSON.parse(row.after)).toMatchObject({ juryId });
    expect(verifyAuditChain(db).ok).toBe(true);
  });
});
