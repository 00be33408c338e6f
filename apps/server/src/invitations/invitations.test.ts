import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { CloseCode } from '@delib/protocol';
import type { CommissionView, InvitationView } from '@delib/protocol';
import { openRawSync } from '../test-support/raw-sync-client.js';
import { getJson } from '../test-support/sign-in.js';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';
import { openDatabase } from '../db/open-database.js';
import {
  generateInvitationCode,
  logInvitationAttempt,
  normalizeInvitationCode,
} from './invitations.js';
import { AdminClient } from '../test-support/admin-client.js';

interface Created {
  invitation: InvitationView;
  code: string;
  printableCode: string;
  link: string;
}
type Refusal = { error: { code: string; message: string } };

/** Demo commissions: 1 = E41/E42 (two examiners), 2 = E22 (one), 3 = options (one). */
describe('examiner invitations', () => {
  let server: TestServer;
  let admin: AdminClient;
  let anonymous: AdminClient;

  const redeem = (client: AdminClient, code: string, name = 'Karim Benali') =>
    client.json<
      Refusal & { room: string; user: { role: string; name: string }; commission: { id: number } }
    >('POST', '/api/invitations/redeem', { code, name });
  const invite = (commissionId: number, validUntil = '2099-12-31') =>
    admin.json<Created & Refusal>('POST', `/api/admin/commissions/${commissionId}/invitations`, {
      validUntil,
      label: 'Professionnel, jour 1',
    });

  beforeAll(async () => {
    server = await startTestServer();
    admin = await AdminClient.signIn(server);
    anonymous = new AdminClient(server, null);
  });
  beforeEach(() => {
    server.app.db.prepare('DELETE FROM login_failures').run();
  });
  afterAll(async () => {
    await server.stop();
  });

  it('draws codes of 12 signs without 0, O, 1 nor I, and reads them back leniently', () => {
    for (let i = 0; i < 200; i++) expect(generateInvitationCode()).toMatch(/^[A-HJ-NP-Z2-9]{12}$/);
    expect(normalizeInvitationCode(' abcd-efgh jklm ')).toBe('ABCDEFGHJKLM');
    expect(normalizeInvitationCode('ABCD-EFGH-JKL0')).toBeNull();
    expect(normalizeInvitationCode('ABCDEFGHJKL')).toBeNull();
    // Codes printed before, of 8 signs, are still read.
    expect(normalizeInvitationCode(' abcd-efgh ')).toBe('ABCDEFGH');
    expect(normalizeInvitationCode('ABCDEFG')).toBeNull();
  });

  it('creates an invitation and stores only the SHA-256 of its code', async () => {
    const created = await invite(2);
    expect(created.status).toBe(201);
    const { code } = created.body;
    expect(created.body.printableCode).toBe(
      `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`,
    );
    expect(created.body.link).toBe(`/invitation/${code}`);
    expect(created.body.invitation).toMatchObject({
      status: 'active',
      validUntil: '2099-12-31',
      usedBy: null,
    });
    const row = server.app.db
      .prepare('SELECT * FROM invitations WHERE id = ?')
      .get(created.body.invitation.id);
    expect(row).toMatchObject({ code_hash: createHash('sha256').update(code).digest('hex') });
    expect(JSON.stringify(row)).not.toContain(code);
    // The room already has one examiner: one invitation fills it.
    const full = await invite(2);
    expect(full.status).toBe(409);
    expect(full.body.error.code).toBe('TOO_MANY_EXAMINERS');
    expect((await invite(1)).status).toBe(409);
  });

  it('lets a professional in with the code and a name, signed in like a login, into the room', async () => {
    const created = await invite(3);
    const log = vi.spyOn(console, 'info').mockImplementation(() => undefined);
    const answer = await redeem(anonymous, created.body.printableCode.toLowerCase());
    expect(answer.status).toBe(201);
    expect(answer.body.room).toBe('/salle/3');
    expect(answer.body.user).toMatchObject({ role: 'examiner', name: 'Karim Benali' });
    expect(answer.body.commission).toMatchObject({ id: 3, room: 'Salle C102' });
    const cookie = answer.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^delib_session=[a-z2-9]{24}\.[a-z2-9]{24};/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const session = cookie.split(';')[0] as string;
    expect((await getJson(`${server.url}/api/commissions/3`, session)).status).toBe(200);
    expect((await getJson(`${server.url}/api/commissions/2`, session)).status).toBe(403);
    const me = await getJson<{ commissions: { id: number }[] }>(`${server.url}/api/me`, session);
    expect(me.body.commissions.map((c) => c.id)).toEqual([3]);

    // Logged without the code, the name or the address.
    const lines = log.mock.calls.map((call) => call.join(' '));
    log.mockRestore();
    expect(lines).toEqual([
      `[invitation] tentative : accepted (invitation ${created.body.invitation.id})`,
    ]);
    const attempt = server.app.db
      .prepare(
        'SELECT outcome, invitation_id AS "invitationId", address FROM invitation_attempts ORDER BY id DESC LIMIT 1',
      )
      .get();
    expect(attempt).toMatchObject({
      outcome: 'accepted',
      invitationId: created.body.invitation.id,
    });

    // The same person again (same browser): welcome back, no new account.
    const back = await redeem(new AdminClient(server, session), created.body.code);
    expect(back.status).toBe(200);
    expect(back.body.room).toBe('/salle/3');
    // Someone else: refused.
    const other = await redeem(anonymous, created.body.code, 'Intrus');
    expect(other.status).toBe(409);
    expect(other.body.error).toEqual({
      code: 'INVITATION_USED',
      message:
        'Cette invitation a déjà été utilisée. Si vous ne l’avez pas utilisée vous-même, prévenez le secrétariat du centre d’examen.',
    });
    expect(
      server.app.db.prepare("SELECT COUNT(*) AS n FROM users WHERE display_name = 'Intrus'").get(),
    ).toEqual({ n: 0 });

    // The admin sees who used it and when.
    const list = await admin.get<InvitationView[]>('/api/admin/exam-sessions/1/invitations');
    const seen = list.body.find((item) => item.id === created.body.invitation.id);
    expect(seen).toMatchObject({
      status: 'used',
      usedBy: { name: 'Karim Benali' },
      commission: { id: 3 },
    });
    expect(seen?.usedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);

    // Revoking a used invitation shuts its holder out, their open room included, at once.
    const room = await getJson<CommissionView>(`${server.url}/api/commissions/3`, session);
    const open = await openRawSync(server.url, room.body.document, {
      cookie: session,
      origin: server.origin,
    });
    const revoked = await admin.json<InvitationView>(
      'POST',
      `/api/admin/invitations/${created.body.invitation.id}/revoke`,
      {},
    );
    expect(revoked.body.status).toBe('revoked');
    expect((await getJson(`${server.url}/api/me`, session)).status).toBe(401);
    expect((await open.closed).code).toBe(CloseCode.UNAUTHENTICATED);
  });

  it('refuses a revoked or an expired invitation, in French', async () => {
    const created = await invite(3);
    await admin.json('POST', `/api/admin/invitations/${created.body.invitation.id}/revoke`, {});
    const revoked = await redeem(anonymous, created.body.code);
    expect(revoked.status).toBe(410);
    expect(revoked.body.error.message).toBe(
      'Cette invitation a été annulée par le centre d’examen. Adressez-vous au secrétariat.',
    );
    const later = await invite(3);
    server.app.db
      .prepare("UPDATE invitations SET valid_until = '2024-06-04' WHERE id = ?")
      .run(later.body.invitation.id);
    const expired = await redeem(anonymous, later.body.code);
    expect(expired.status).toBe(410);
    expect(expired.body.error).toEqual({
      code: 'INVITATION_EXPIRED',
      message:
        'Cette invitation n’est plus valable : elle l’était jusqu’au 04/06/2024. Demandez un nouveau code au secrétariat.',
    });
    const list = await admin.get<InvitationView[]>('/api/admin/exam-sessions/1/invitations');
    expect(list.body.find((item) => item.id === later.body.invitation.id)?.status).toBe('expired');
    expect((await invite(3, '2020-01-01')).status).toBe(400);
  });

  it('rate-limits wrong codes per address and logs every attempt, a throttled one once a minute', async () => {
    const before = (
      server.app.db.prepare('SELECT COUNT(*) AS n FROM invitation_attempts').get() as { n: number }
    ).n;
    const statuses: number[] = [];
    for (let i = 0; i < 41; i++) statuses.push((await redeem(anonymous, 'ZZZZ-ZZZZ-ZZZZ')).status);
    expect(statuses).toEqual([...Array<number>(40).fill(404), 429]);
    expect(server.app.db.prepare('SELECT key FROM login_failures').all()).toEqual([
      { key: 'ip:invitation:127.0.0.1' },
    ]);
    const limited = await redeem(anonymous, 'ZZZZ-ZZZZ-ZZZZ');
    expect(limited.body.error.message).toMatch(
      /^Trop de tentatives\. Réessayez dans \d+ secondes?\.$/,
    );
    const outcomes = server.app.db
      .prepare('SELECT outcome FROM invitation_attempts WHERE id > ? ORDER BY id')
      .all(before)
      .map((row) => (row as { outcome: string }).outcome);
    // Two refusals while throttled, one row: a flood costs no disk write per request.
    expect(outcomes).toEqual([...Array<string>(40).fill('unknown'), 'rate-limited']);
    const attempts = await admin.get<{ outcome: string }[]>('/api/admin/invitation-attempts');
    expect(attempts.body[0]?.outcome).toBe('rate-limited');
    // The sign-in of the centre's staff is not slowed down by it.
    expect((await AdminClient.signIn(server, 'presidente')).cookie).toBeTruthy();
  });

  it('never refuses a genuine code to an address throttled for wrong ones (a centre’s NAT)', async () => {
    // Someone behind the centre's address guesses until the address is throttled.
    for (let i = 0; i < 41; i++) await redeem(anonymous, 'ZZZZ-ZZZZ-ZZZZ');
    expect((await redeem(anonymous, 'YYYY-YYYY-YYYY')).status).toBe(429);

    // A professional at the same address, with the code of their convocation: let in.
    const created = await invite(3);
    expect(created.status).toBe(201);
    const answer = await redeem(anonymous, created.body.printableCode, 'Inès Garnier');
    expect(answer.status).toBe(201);
    expect(answer.body.room).toBe('/salle/3');
    // A code that exists gets its true answer, not a wait.
    const again = await redeem(anonymous, created.body.code, 'Autre Personne');
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('INVITATION_USED');
    // Old 8-sign codes (40 bits) get no such pass: they wait like wrong guesses.
    server.app.db
      .prepare(
        `INSERT INTO invitations (commission_id, code_hash, valid_until, created_by, created_at)
         VALUES (2, ?, '2099-12-31', (SELECT id FROM users WHERE login = 'admin'), ?)`,
      )
      .run(createHash('sha256').update('ABCDEFGH').digest('hex'), new Date().toISOString());
    expect((await redeem(anonymous, 'ABCD-EFGH', 'Paul Meyer')).status).toBe(429);
    server.app.db.prepare('DELETE FROM login_failures').run();
    expect((await redeem(anonymous, 'ABCD-EFGH', 'Paul Meyer')).status).toBe(201);
    // Genuine codes, even refused ones, never count as guesses.
    expect(server.app.db.prepare('SELECT key FROM login_failures').all()).toEqual([]);
  });
});

describe('the invitation attempts log', () => {
  it('keeps its newest rows only', () => {
    const db = openDatabase(':memory:');
    const attempt = {
      address: '2001:db8::1',
      outcome: 'unknown' as const,
      invitationId: null,
      userId: null,
    };
    for (let i = 0; i < 250; i++) logInvitationAttempt(db, attempt, new Date(), 50);
    // Pruned every 100 attempts down to the newest 50: 50 kept at the 200th, 50 since.
    expect(
      db.prepare('SELECT COUNT(*) AS n, MIN(id) AS first FROM invitation_attempts').get(),
    ).toEqual({ n: 100, first: 151 });
  });
});
