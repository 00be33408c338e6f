import fs from 'node:fs';
import canonicalize from 'canonicalize';
import PDFDocument from 'pdfkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { signCanonicalRecord } from './minute-signature.js';
import type { SignedMinute } from './minute-signature.js';
import {
  fixedSigningKey,
  signedSyntheticMinute,
  TEST_VERIFIER_URL,
} from './test-support/minute-fixtures.js';
import { renderMinutePdf } from './render-minute-pdf.js';
import { verifySignedPdf } from './verify-signed-pdf.js';
import type { VerifyOptions } from './verify-signed-pdf.js';
import { withByte } from './test-support/pdf-bytes.js';

/** The centre publishes the fixed key: a file it signed, untouched, is authentic. */
const PUBLISHED: VerifyOptions = { publishedKeys: [fixedSigningKey().publicKey] };
const verifyMinutePdf = (bytes: Uint8Array, options: Partial<VerifyOptions> = {}) =>
  verifySignedPdf(bytes, { ...PUBLISHED, ...options });

/** Offset of the first byte after `marker`, which must occur exactly once in the file. */
function after(pdf: Buffer, marker: string): number {
  const at = pdf.indexOf(marker, 0, 'latin1');
  expect(at, `« ${marker} » absent du fichier`).toBeGreaterThanOrEqual(0);
  expect(pdf.indexOf(marker, at + 1, 'latin1'), `« ${marker} » en double`).toBe(-1);
  return at + marker.length;
}

/** Another character of the same class (digit or base64), so the JSON stays valid. */
function other(character: string): string {
  if (/[0-9]/.test(character)) return character === '1' ? '2' : '1';
  return character === 'A' ? 'B' : 'A';
}

describe('verifying a minute from the file alone', () => {
  let signed: SignedMinute;
  let pdf: Buffer;
  beforeAll(async () => {
    signed = signedSyntheticMinute(24);
    pdf = await renderMinutePdf(signed);
  });

  it('declares the untouched file authentic and gives the signed record', async () => {
    const verdict = await verifyMinutePdf(pdf);
    expect(verdict).toMatchObject({
      authentic: true,
      outcome: 'authentic',
      code: 'authentic',
      document: 'minute',
      knownKey: true,
    });
    expect(verdict.reason).toMatch(/^procès-verbal authentique/);
    expect(verdict.record).toEqual(JSON.parse(signed.canonical));
    expect(verdict.signature).toMatchObject({
      keyId: signed.signature.keyId,
      signer: 'Claire Fontaine',
      signedAt: '2027-06-04T16:32:00.000Z',
      publicKey: signed.signature.publicKey,
    });
  });

  it('says « intègre, clé inconnue », not authentic, when the key is not one the centre publishes', async () => {
    // The same untouched file, checked against another centre's keys, then against none:
    // anyone can sign a minute with a key of their own.
    for (const publishedKeys of [[fixedSigningKey(9).publicKey], []]) {
      const verdict = await verifyMinutePdf(pdf, { publishedKeys });
      expect(verdict).toMatchObject({
        authentic: false,
        outcome: 'unknown-key',
        code: 'unknown-key',
        knownKey: false,
      });
      expect(verdict.reason).toMatch(/^procès-verbal intègre, clé inconnue/);
      expect(verdict.reason).toContain(signed.signature.keyId);
      expect(verdict.record).toEqual(JSON.parse(signed.canonical));
    }
  });

  it('says altered, not « clé inconnue », for an altered file signed by an unknown key', async () => {
    const at = pdf.indexOf(' 7.5 Tf', 0, 'latin1') + 3;
    const verdict = await verifyMinutePdf(withByte(pdf, at, '9'), { publishedKeys: [] });
    expect(verdict).toMatchObject({ outcome: 'not-authentic', code: 'modified-after-signing' });
  });

  it.each([
    ['minute-layout-fixture.json', false, 'delib.final-record/1', 'delib.minute-pdf/1'],
    ['minute-layout-2-fixture.json', false, 'delib.final-record/2', 'delib.minute-pdf/2'],
    ['minute-layout-fixture.json', true, 'delib.final-record/1', 'delib.minute-pdf/3'],
    ['minute-layout-2-fixture.json', true, 'delib.final-record/2', 'delib.minute-pdf/4'],
    ['minute-layout-5-fixture.json', true, 'delib.final-record/3', 'delib.minute-pdf/5'],
  ])(
    'declares authentic %s, a verification page named: %s (%s, drawn in %s)',
    async (fixture, named, format, layout) => {
      // Layout 1: minutes signed before both changes; layout 3: a jury locked before decisions
      // followed the rules and signed since; layout 4: a jury locked before record 3 and
      // signed since; layout 5 (PDF/A-3b, tagged): what is locked and signed now.
      const record: unknown = JSON.parse(
        fs.readFileSync(new URL(`./test-support/${fixture}`, import.meta.url), 'utf8'),
      );
      const canonical = canonicalize(record) as string;
      const minute = await renderMinutePdf({
        canonical,
        signature: signCanonicalRecord(canonical, fixedSigningKey(), {
          juryId: 1,
          signedAt: '2027-06-04T16:32:00.000Z',
          signer: 'Claire Fontaine',
          ...(named ? { verifierUrl: TEST_VERIFIER_URL } : {}),
        }),
      });
      expect(minute.includes(`(${layout})`, 0, 'latin1')).toBe(true);
      const verdict = await verifyMinutePdf(minute);
      expect(verdict).toMatchObject({ authentic: true, code: 'authentic' });
      expect(verdict.record?.format).toBe(format);
    },
  );

  it('catches one byte of the attached record', async () => {
    // The first average of the record, inside proces-verbal.json.
    const at = pdf.indexOf('"averageDisplay":"', 0, 'latin1') + '"averageDisplay":"'.length;
    const verdict = await verifyMinutePdf(
      withByte(pdf, at, other(String.fromCharCode(pdf[at] as number))),
    );
    expect(verdict).toMatchObject({
      authentic: false,
      outcome: 'not-authentic',
      code: 'record-altered',
    });
    expect(verdict.reason).toContain('le procès-verbal joint a été modifié');
    expect(verdict.record).toBeUndefined();
  });

  it('catches one byte of the signature', async () => {
    const at = after(pdf, '"signature":"') + 10;
    const verdict = await verifyMinutePdf(
      withByte(pdf, at, other(String.fromCharCode(pdf[at] as number))),
    );
    expect(verdict).toMatchObject({ authentic: false, code: 'invalid-signature' });
    expect(verdict.reason).toMatch(/^signature invalide/);
  });

  it('catches one byte of the public key', async () => {
    const at = after(pdf, '"publicKey":"') + 5;
    const verdict = await verifyMinutePdf(
      withByte(pdf, at, other(String.fromCharCode(pdf[at] as number))),
    );
    expect(verdict).toMatchObject({ authentic: false, code: 'invalid-signature' });
    expect(verdict.reason).toMatch(/^signature invalide/);
  });

  it('catches a changed signing date or signer, although the record signature still holds', async () => {
    const at = after(pdf, '"signer":"Claire Fontain');
    const verdict = await verifyMinutePdf(withByte(pdf, at, 'a'));
    expect(verdict).toMatchObject({ authentic: false, code: 'invalid-signature' });
    expect(verdict.reason).toContain('la date, le signataire, la clé ou l’adresse de vérification');
  });

  it('catches a changed verification page in the signature: the QR codes cannot be redirected', async () => {
    const at = after(pdf, '"verifierUrl":"https://delib.ex');
    const verdict = await verifyMinutePdf(withByte(pdf, at, 'b'));
    expect(verdict).toMatchObject({ authentic: false, code: 'invalid-signature' });
    expect(verdict.reason).toContain('l’adresse de vérification');
  });

  it('catches one byte of the visible page content', async () => {
    // The size of the table's body text: the same marks, printed differently.
    const at = pdf.indexOf(' 7.5 Tf', 0, 'latin1') + 3;
    const verdict = await verifyMinutePdf(withByte(pdf, at, '9'));
    expect(verdict).toMatchObject({ authentic: false, code: 'modified-after-signing' });
    expect(verdict.reason).toMatch(/^le document a été modifié après signature/);
    // The attached record is intact and signed: it is given, for comparison.
    expect(verdict.record).toEqual(JSON.parse(signed.canonical));
  });

  it('catches one byte of the metadata', async () => {
    // The Info dictionary's /Author, a string object of its own: (Claire Fontaine).
    const at = pdf.indexOf('(Claire Fontain', 0, 'latin1') + '(Claire Fontain'.length;
    const verdict = await verifyMinutePdf(withByte(pdf, at, 'a'));
    expect(verdict.code).toBe('modified-after-signing');
  });

  it('says so when an attachment is unreadable', async () => {
    const at = after(pdf, '{"algorithm"');
    const verdict = await verifyMinutePdf(withByte(pdf, at, '!'));
    expect(verdict).toMatchObject({ authentic: false, code: 'unreadable-attachment' });
    expect(verdict.reason).toBe('fichier joint illisible : signature.json n’est pas du JSON UTF-8');
  });

  it('finds no minute in a PDF without attachments', async () => {
    const plain = await new Promise<Buffer>((resolve) => {
      const doc = new PDFDocument();
      const chunks: Buffer[] = [];
      doc.on('data', (chunk: Buffer) => chunks.push(chunk));
      doc.on('end', () => resolve(Buffer.concat(chunks)));
      doc.text('Procès-verbal de délibération');
      doc.end();
    });
    const verdict = await verifyMinutePdf(plain);
    expect(verdict).toEqual({
      authentic: false,
      outcome: 'not-authentic',
      code: 'no-minute',
      reason: 'aucun procès-verbal ni relevé de notes signé dans ce fichier',
    });
  });

  it('refuses what is not a PDF', async () => {
    const verdict = await verifyMinutePdf(Buffer.from('procès-verbal.json'));
    expect(verdict).toMatchObject({ authentic: false, code: 'not-a-pdf' });
    expect((await verifyMinutePdf(pdf.subarray(0, 2000))).authentic).toBe(false);
  });

  it('refuses a signature made for another jury, even with a valid key', async () => {
    const misdirected = await renderMinutePdf({
      canonical: signed.canonical,
      signature: signCanonicalRecord(signed.canonical, fixedSigningKey(), {
        juryId: 2,
        signedAt: '2027-06-04T16:32:00.000Z',
        signer: 'Claire Fontaine',
        verifierUrl: TEST_VERIFIER_URL,
      }),
    });
    const verdict = await verifyMinutePdf(misdirected);
    expect(verdict).toMatchObject({ authentic: false, code: 'invalid-signature' });
    expect(verdict.reason).toContain('ne désigne pas le jury');
  });

  it('does not render again a minute above the given size', async () => {
    const verdict = await verifyMinutePdf(pdf, { maxCandidates: 10 });
    expect(verdict).toMatchObject({ authentic: false, code: 'too-large' });
  });
});
