import { PDFDocument } from 'pdf-lib';
import { DEMO_PASSWORD } from '../demo/seed-demo.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FinalRecord, MinuteVerdict } from '@delib/protocol';
import { signIn } from '../test-support/sign-in.js';
import { signedSyntheticMinute } from './test-support/minute-fixtures.js';
import { lockDemoJury, startMinuteTestServer } from './test-support/minute-test-server.js';
import type { MinuteTestServer } from './test-support/minute-test-server.js';
import { renderMinutePdf } from './render-minute-pdf.js';

describe('the minute, transcripts and results over HTTP', () => {
  let running: MinuteTestServer;
  let juryId: number;
  let president: string;
  let member: string;
  let admin: string;
  let examiner: string;
  const get = (path: string, cookie?: string) =>
    fetch(`${running.url}${path}`, { headers: cookie ? { cookie } : {} });
  const verify = (body: Uint8Array, type = 'application/pdf') =>
    fetch(`${running.url}/api/verify`, {
      method: 'POST',
      headers: { 'content-type': type },
      body,
    });

  beforeAll(async () => {
    running = await startMinuteTestServer();
    const url = running.server.url;
    const signedIn = await signIn(url, 'presidente');
    president = signedIn.cookie;
    juryId = signedIn.me.juries[0]?.id as number;
    member = (await signIn(url, 'membre.roux')).cookie;
    admin = (await signIn(url, 'admin')).cookie;
    examiner = (await signIn(url, 'e4.enseignante')).cookie;
  });
  afterAll(async () => {
    await running.stop();
  });

  it('serves nothing before the lock, and the PDFs only once signed', async () => {
    expect((await get(`/api/juries/${juryId}/results.csv`, member)).status).toBe(409);
    await lockDemoJury(running.server);
    expect((await get(`/api/juries/${juryId}/minute.pdf`, member)).status).toBe(409);
    expect((await get(`/api/juries/${juryId}/releves.pdf`, admin)).status).toBe(409);
    const csv = await get(`/api/juries/${juryId}/results.csv`, member);
    expect(csv.status).toBe(200);
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
    expect(lines).toHaveLength(25);
    expect(lines[0]).toMatch(/^Numéro;Nom;Prénom;Statut;U1 note retenue;U1 saisie;/);
    expect(lines[1]).toContain('02700001;ARNAUD;Léa;');
  });

  it('keeps them from anyone outside the jury', async () => {
    const response = await fetch(`${running.url}/api/juries/${juryId}/sign`, {
      method: 'POST',
      headers: { cookie: president, origin: running.url, 'content-type': 'application/json' },
      body: JSON.stringify({ password: DEMO_PASSWORD }),
    });
    expect(response.status).toBe(201);
    for (const path of ['minute.pdf', 'releves.pdf', 'results.csv']) {
      expect((await get(`/api/juries/${juryId}/${path}`)).status).toBe(401);
      expect((await get(`/api/juries/${juryId}/${path}`, examiner)).status).toBe(403);
    }
  });

  it('gives the signed minute to the jury and the admin, the same bytes each time', async () => {
    const forMember = await get(`/api/juries/${juryId}/minute.pdf`, member);
    expect(forMember.status).toBe(200);
    expect(forMember.headers.get('content-type')).toBe('application/pdf');
    expect(forMember.headers.get('content-disposition')).toContain('proces-verbal-jury-');
    const forAdmin = await get(`/api/juries/${juryId}/minute.pdf`, admin);
    const a = Buffer.from(await forMember.arrayBuffer());
    const b = Buffer.from(await forAdmin.arrayBuffer());
    expect(a.equals(b)).toBe(true);
    const stored = running.server.app.db
      .prepare('SELECT pdf_sha256 FROM minute_signatures WHERE jury_id = ?')
      .get(juryId) as { pdf_sha256: string };
    const { createHash } = await import('node:crypto');
    expect(createHash('sha256').update(a).digest('hex')).toBe(stored.pdf_sha256);
  });

  it('gives one transcript page per deliberated candidate, which verifies as authentic relevés', async () => {
    const response = await get(`/api/juries/${juryId}/releves.pdf`, president);
    expect(response.status).toBe(200);
    const bytes = new Uint8Array(await response.arrayBuffer());
    const pdf = await PDFDocument.load(bytes);
    // Without oral marks, only 02700009 (absent without justification) is deliberated.
    expect(pdf.getPageCount()).toBe(1);
    // The relevé says it reproduces the signed minute: the verification must not call it forged.
    const verdict = (await (await verify(bytes)).json()) as MinuteVerdict;
    expect(verdict).toMatchObject({
      authentic: true,
      outcome: 'authentic',
      document: 'transcripts',
      knownKey: true,
    });
    expect(verdict.transcripts?.map((t) => t.extract.candidate.number)).toEqual(['02700009']);
    // Only the deliberated candidate's extract is signed and stored.
    const stored = running.server.app.db
      .prepare('SELECT COUNT(*) AS n FROM transcript_signatures WHERE jury_id = ?')
      .get(juryId) as { n: number };
    expect(stored.n).toBe(1);
    // The same bytes again: the extracts are signed once and stored.
    const again = await get(`/api/juries/${juryId}/releves.pdf`, admin);
    expect(Buffer.from(await again.arrayBuffer()).equals(Buffer.from(bytes))).toBe(true);
  });

  it('gives one candidate’s relevé alone, verifiable, with only that candidate’s marks', async () => {
    const record = running.server.app.db
      .prepare('SELECT record FROM final_records WHERE jury_id = ?')
      .get(juryId) as { record: string };
    const { candidates, notDeliberated } = JSON.parse(record.record) as FinalRecord;
    const [first] = candidates;
    const [apart] = notDeliberated;
    const response = await get(`/api/juries/${juryId}/releves/${first?.id}.pdf`, admin);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain(`releve-${first?.number}`);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.includes(apart?.number as string, 0, 'latin1')).toBe(false);
    const verdict = (await (await verify(bytes)).json()) as MinuteVerdict;
    expect(verdict).toMatchObject({ authentic: true, document: 'transcripts' });
    expect(verdict.transcripts?.map((t) => t.extract.candidate.number)).toEqual([first?.number]);
    // A candidate not deliberated has no relevé.
    expect((await get(`/api/juries/${juryId}/releves/${apart?.id}.pdf`, admin)).status).toBe(404);
    expect((await get(`/api/juries/${juryId}/releves/999999.pdf`, admin)).status).toBe(404);
    expect((await get(`/api/juries/${juryId}/releves/${first?.id}.pdf`, examiner)).status).toBe(
      403,
    );
  });

  it('publishes the centre key without a session', async () => {
    const response = await get('/api/keys');
    expect(response.status).toBe(200);
    const { keys } = (await response.json()) as {
      keys: { keyId: string; centre: string; algorithm: string; publicKeyPem: string }[];
    };
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ centre: 'Lycée Jean-Moulin, Lyon', algorithm: 'Ed25519' });
    expect(keys[0]?.publicKeyPem).toContain('BEGIN PUBLIC KEY');
  });

  it('verifies a PDF for anyone: authentic with the centre key, tampered, or signed with an unknown key', async () => {
    const pdf = Buffer.from(
      await (await get(`/api/juries/${juryId}/minute.pdf`, member)).arrayBuffer(),
    );
    const ok = (await (await verify(pdf)).json()) as MinuteVerdict;
    expect(ok).toMatchObject({
      authentic: true,
      outcome: 'authentic',
      document: 'minute',
      knownKey: true,
    });
    expect(ok.record?.candidates).toHaveLength(1);
    expect(ok.record?.format === 'delib.final-record/3' && ok.record.notDeliberated).toHaveLength(
      23,
    );
    const keys = (await (await get('/api/keys')).json()) as { keys: { keyId: string }[] };
    expect(ok.signature?.keyId).toBe(keys.keys[0]?.keyId);

    const tampered = Buffer.from(pdf);
    const at = tampered.indexOf('"signature":"', 0, 'latin1') + 20;
    tampered[at] = tampered[at] === 0x41 ? 0x42 : 0x41;
    expect(await (await verify(tampered)).json()).toMatchObject({
      authentic: false,
      code: 'invalid-signature',
    });

    // Intact and validly signed, but with a key the centre never published: anyone can make
    // one. Not authentic, and not « altered » either.
    const elsewhere = await renderMinutePdf(signedSyntheticMinute(3));
    const unknown = (await (await verify(elsewhere)).json()) as MinuteVerdict;
    expect(unknown).toMatchObject({
      authentic: false,
      outcome: 'unknown-key',
      code: 'unknown-key',
      knownKey: false,
    });
    expect(unknown.reason).toMatch(/^procès-verbal intègre, clé inconnue/);

    expect((await verify(pdf, 'text/plain')).status).toBe(415);
  });
});
