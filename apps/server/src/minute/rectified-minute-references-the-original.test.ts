import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoardView, LockedRecord, MinuteVerdict, RectifiedRecord } from '@delib/protocol';
import {
  candidateNumbered,
  lockNamingIncomplete,
  presidentAfterOrals,
} from '../test-support/deliberation-steps.js';
import {
  download,
  rectify,
  signMinuteWith,
  signRectifiedMinuteWith,
  verifyPdf,
} from '../test-support/minute-steps.js';
import { getJson, signIn } from '../test-support/sign-in.js';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';
import { pdfPageTexts } from './test-support/pdf-text.js';

/**
 * After a rectification, the president signs a rectified minute: it lists the corrections
 * (candidate, old → new, reason, who, when) and names the original minute's verification
 * code; the original stays as it was signed, and both verify as authentic, from the file and
 * from their codes.
 */
describe('the rectified minute', () => {
  let server: TestServer;
  let board: BoardView;
  let cookie: string;
  let juryId: number;
  let originalCode: string;
  const rectifyU41 = (mark: number, reason: string) =>
    rectify(server, juryId, cookie, {
      candidateId: candidateNumbered(board, '02700001').id,
      unit: 'U41',
      input: 'entry',
      after: { mark },
      reason,
    });

  beforeAll(async () => {
    server = await startTestServer();
    ({ board, cookie, juryId } = await presidentAfterOrals(server, '02700001', {
      U22: 14,
      U41: 12,
      U42: 15,
    }));
    expect((await lockNamingIncomplete(server, juryId, cookie)).status).toBe(201);
  });
  afterAll(async () => {
    await server.stop();
  });

  it('is refused while there is nothing to rectify, or the original is not signed', async () => {
    const none = await signRectifiedMinuteWith(server, juryId, cookie);
    expect(none.status).toBe(409);
    expect(none.body.error.message).toMatch(/procès-verbal d’origine/);
    const signed = await signMinuteWith(server, juryId, cookie);
    expect(signed.status).toBe(201);
    originalCode = signed.body.verificationCode as string;
    const nothing = await signRectifiedMinuteWith(server, juryId, cookie);
    expect(nothing.status).toBe(409);
    expect(nothing.body.error.message).toMatch(/Aucune rectification/);
  });

  it('names the rectifications and the original’s code; both minutes verify', async () => {
    const original = await download(server, `/api/juries/${juryId}/minute.pdf`, cookie);
    expect((await rectifyU41(16, 'Grille de U41 mal additionnée')).status).toBe(201);
    const member = await signIn(server.url, 'membre.martin');
    expect((await signRectifiedMinuteWith(server, juryId, member.cookie)).status).toBe(403);
    const wrong = await signRectifiedMinuteWith(server, juryId, cookie, 'pas le bon');
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.message).toBe(
      'Mot de passe incorrect : le procès-verbal rectificatif n’est pas signé.',
    );
    const rows = server.app.db.prepare('SELECT COUNT(*) AS n FROM rectified_minutes').get() as {
      n: number;
    };
    expect(rows.n).toBe(0);

    const signed = await signRectifiedMinuteWith(server, juryId, cookie);
    expect(signed.status).toBe(201);
    expect(signed.body).toMatchObject({
      sequence: 1,
      rectifications: 1,
      originalVerificationCode: originalCode,
    });
    expect(signed.body.verificationCode).not.toBe(originalCode);

    const rectified = await download(server, `/api/juries/${juryId}/rectified-minute.pdf`, cookie);
    expect(rectified.status).toBe(200);
    fs.writeFileSync('/tmp/rectify-sign-rectified-minute.pdf', rectified.bytes);
    fs.writeFileSync('/tmp/rectify-sign-original-minute.pdf', original.bytes);
    const text = (await pdfPageTexts(rectified.bytes)).join('\n');
    expect(text).toContain('Procès-verbal rectificatif n° 1');
    expect(text).toContain(`code de vérification ${originalCode}`);
    expect(text).toContain('Grille de U41 mal additionnée');
    expect(text).toMatch(/12\s*→\s*16/);
    expect(text).toContain('Claire Fontaine');

    const verdict = await verifyPdf(server, rectified.bytes);
    expect(verdict).toMatchObject({ authentic: true, document: 'minute' });
    const record = verdict.record as RectifiedRecord;
    expect(record.format).toBe('delib.rectified-record/1');
    expect(record.original.verificationCode).toBe(originalCode);
    expect(record.rectifications).toMatchObject([
      {
        number: '02700001',
        unit: 'U41',
        before: { mark: 12 },
        after: { mark: 16 },
        reason: 'Grille de U41 mal additionnée',
        author: 'Claire Fontaine',
      },
    ]);
    const corrected = record.candidates.find((c) => c.number === '02700001');
    expect(corrected?.lines.find((l) => l.unit === 'U41')?.mark).toBe(16);

    // The original minute, downloaded before, still verifies, and is still served as it was.
    const again = await download(server, `/api/juries/${juryId}/minute.pdf`, cookie);
    expect(again.bytes.equals(original.bytes)).toBe(true);
    const first = await verifyPdf(server, original.bytes);
    expect(first).toMatchObject({ authentic: true, document: 'minute' });
    expect(first.record?.format).toBe('delib.final-record/3');
    expect(first.record?.candidates.find((c) => c.number === '02700001')?.lines).toContainEqual(
      expect.objectContaining({ unit: 'U41', mark: 12 }),
    );

    // Both are found by their codes.
    for (const code of [originalCode, signed.body.verificationCode as string]) {
      const byCode = (await (
        await fetch(`${server.url}/api/verify/${code.replace(/ /g, '')}`)
      ).json()) as MinuteVerdict;
      expect(byCode).toMatchObject({ authentic: true, document: 'minute' });
    }
  });

  it('is signed once per set of corrections; a later correction makes the next one', async () => {
    const same = await signRectifiedMinuteWith(server, juryId, cookie);
    expect(same.status).toBe(200);
    expect(same.body.sequence).toBe(1);
    expect((await rectifyU41(17, 'Point de barème oublié')).status).toBe(201);
    const next = await signRectifiedMinuteWith(server, juryId, cookie);
    expect(next.status).toBe(201);
    expect(next.body).toMatchObject({ sequence: 2, rectifications: 2 });
    const { body } = await getJson<LockedRecord>(
      `${server.url}/api/juries/${juryId}/record`,
      cookie,
    );
    expect(body.signature?.verificationCode).toBe(originalCode);
    expect(body.rectifiedMinutes.map((m) => [m.sequence, m.rectifications])).toEqual([
      [1, 1],
      [2, 2],
    ]);
    const first = await download(
      server,
      `/api/juries/${juryId}/rectified-minute.pdf?sequence=1`,
      cookie,
    );
    expect(await verifyPdf(server, first.bytes)).toMatchObject({ authentic: true });
  });
});
