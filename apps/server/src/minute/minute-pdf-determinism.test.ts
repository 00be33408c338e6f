import { createHash } from 'node:crypto';
import fs from 'node:fs';
import canonicalize from 'canonicalize';
import { describe, expect, it } from 'vitest';
import type { SignedRecord } from '@delib/protocol';
import {
  fixedSigningKey,
  signedSyntheticMinute,
  TEST_VERIFIER_URL,
} from './test-support/minute-fixtures.js';
import { signCanonicalRecord } from './minute-signature.js';
import { renderMinutePdf } from './render-minute-pdf.js';
import { renderTranscriptsPdf } from './render-transcripts-pdf.js';
import { transcriptExtract } from './transcript-extracts.js';

/**
 * The fingerprints of the minutes of frozen records, one per layout, signed with a fixed key at
 * a fixed time: minute-layout-fixture.json (record format 1: ten candidates covering every case
 * the minute printed, a decision of the jury's own among them) and minute-layout-2-fixture.json
 * (the same candidates in format 2: decisions as computed, with confirmations, one candidate
 * not deliberated), each signed in signature format 1 (no verification page, no QR code) and
 * in format 2 (the page named, a QR code on every page); minute-layout-5-fixture.json (record
 * format 3: dates of birth, adjustments' authors, a candidate of the épreuves de contrôle with
 * the first group's figures), signed in format 2 only, as every record of format 3 is, in the
 * archival layout (PDF/A-3b, tagged); minute-layout-6-fixture.json (the same record with the
 * émargement recorded at the lock, one member absent: layout 6 adds the signature block) and
 * minute-layout-6-rectified-fixture.json (a rectified minute of it: the original's reference
 * and one rectification); and the fingerprints of their relevés.
 * If one of these fails, the bytes of the minute (or of the relevés) have changed (pdfkit,
 * fontkit, the font, qrcode, the labels of @delib/rules or the layout of this folder):
 * documents signed before can then no longer be verified by re-rendering. Either undo the
 * change, or bump MINUTE_LAYOUT (TRANSCRIPTS_LAYOUT), keep the former layout for the documents
 * already signed, and pin the new layout's fingerprint.
 */
const LAYOUT_FINGERPRINTS: [fixture: string, qr: 'QR' | 'no QR', layout: string, sha256: string][] =
  [
    [
      'minute-layout-fixture.json',
      'no QR',
      'delib.minute-pdf/1',
      'e5fbdd4415c218c9e02cb548376a3ee63c16ebbb09e0c1343254c73d519287ff',
    ],
    [
      'minute-layout-2-fixture.json',
      'no QR',
      'delib.minute-pdf/2',
      '635b3325a9a9256da1f6352e97a49d28b3a991c3cdab1755ebcb7d6df99e3344',
    ],
    [
      'minute-layout-fixture.json',
      'QR',
      'delib.minute-pdf/3',
      '37343fb0633e8baa8ff986624914cb56d26cd6c39b3e2f8887091be143bfda1b',
    ],
    [
      'minute-layout-2-fixture.json',
      'QR',
      'delib.minute-pdf/4',
      'cbf41ded24e15f4cf03e7eb732e223f33fab9f898ab858a36ca780c9491407fd',
    ],
    [
      'minute-layout-5-fixture.json',
      'QR',
      'delib.minute-pdf/5',
      '0c5a0c2a276a3f2d3855eafaf740f50333942c046b9dcdb527778bb0e9dc5aa0',
    ],
    [
      'minute-layout-6-fixture.json',
      'QR',
      'delib.minute-pdf/6',
      'c5e33f8ffda06a1a96b9bf450e1d7ef3bcd89b9d438374163e4208ebb797032d',
    ],
    [
      'minute-layout-6-rectified-fixture.json',
      'QR',
      'delib.minute-pdf/6',
      'e8af62219e1db368980d0f12e7b37b54047b0f67abd5f2fd8c1435426c5b5388',
    ],
  ];

/** The relevés of each frozen record's deliberated candidates (signature format 2). */
const TRANSCRIPTS_FINGERPRINTS: [fixture: string, sha256: string][] = [
  [
    'minute-layout-fixture.json',
    '8040b78cd0f8e99da6bb30d4b48a09c6c9c56dc37ad93f9b72401f437887fa06',
  ],
  [
    'minute-layout-2-fixture.json',
    'a4812e569e1f911f92e034e36629cc6c69eaf5dc82ecab407c9efb21e027ad28',
  ],
  [
    'minute-layout-5-fixture.json',
    'b1725a846182878ec3cf92c77bb276091cc7e589d979b3b7cb26472c14d30deb',
  ],
];

function frozenRecord(fixture: string): string {
  const record: unknown = JSON.parse(
    fs.readFileSync(new URL(`./test-support/${fixture}`, import.meta.url), 'utf8'),
  );
  return canonicalize(record) as string;
}

const SIGNED = { juryId: 1, signedAt: '2027-06-04T16:32:00.000Z', signer: 'Claire Fontaine' };

describe('rendering the minute', () => {
  it('gives byte-identical PDFs for the same record and signature', async () => {
    const signed = signedSyntheticMinute(24);
    const first = await renderMinutePdf(signed);
    const second = await renderMinutePdf(structuredClone(signed));
    expect(first.equals(second)).toBe(true);
  });

  it('writes only the signing time as a date, and no random identifier', async () => {
    const pdf = (await renderMinutePdf(signedSyntheticMinute(24))).toString('latin1');
    const dates = new Set(pdf.match(/D:\d{14}Z/g));
    expect([...dates]).toEqual(['D:20270604163200Z']);
    expect(pdf).toContain('<xmp:CreateDate>2027-06-04T16:32:00Z</xmp:CreateDate>');
    // The trailer's /ID is pdfkit's MD5 of the Info dictionary: pinned with it.
    expect(pdf).toMatch(/\/ID \[<[0-9a-f]{32}> <[0-9a-f]{32}>\]/);
  });

  it('changes with the signature time', async () => {
    const signed = signedSyntheticMinute(24);
    const later = {
      canonical: signed.canonical,
      signature: signCanonicalRecord(signed.canonical, fixedSigningKey(), {
        juryId: 1,
        signedAt: '2027-06-04T16:33:00.000Z',
        signer: 'Claire Fontaine',
        verifierUrl: TEST_VERIFIER_URL,
      }),
    };
    const a = await renderMinutePdf(signed);
    const b = await renderMinutePdf(later);
    expect(a.equals(b)).toBe(false);
  });

  it.each(LAYOUT_FINGERPRINTS)(
    'keeps the fingerprint of %s signed with %s in %s (documents already signed stay verifiable)',
    async (fixture, qr, layout, sha256) => {
      const canonical = frozenRecord(fixture);
      const signature = signCanonicalRecord(
        canonical,
        fixedSigningKey(),
        qr === 'QR' ? { ...SIGNED, verifierUrl: TEST_VERIFIER_URL } : SIGNED,
      );
      const pdf = await renderMinutePdf({ canonical, signature });
      expect(pdf.toString('latin1')).toContain(`(${layout})`);
      expect(createHash('sha256').update(pdf).digest('hex')).toBe(sha256);
    },
  );

  it.each(TRANSCRIPTS_FINGERPRINTS)(
    'keeps the fingerprint of the relevés of %s',
    async (fixture, sha256) => {
      const canonical = frozenRecord(fixture);
      const meta = { ...SIGNED, verifierUrl: TEST_VERIFIER_URL };
      const signature = signCanonicalRecord(canonical, fixedSigningKey(), meta);
      const record = JSON.parse(canonical) as SignedRecord;
      const transcripts = record.candidates.map((candidate) => {
        const extract = canonicalize(
          transcriptExtract(record, signature.recordSha256, candidate),
        ) as string;
        return {
          canonical: extract,
          signature: signCanonicalRecord(extract, fixedSigningKey(), meta),
        };
      });
      const releves = await renderTranscriptsPdf(transcripts);
      expect(createHash('sha256').update(releves).digest('hex')).toBe(sha256);
    },
  );
});
