import { createHash } from 'node:crypto';
import fs from 'node:fs';
import canonicalize from 'canonicalize';
import { describe, expect, it } from 'vitest';
import { fixedSigningKey, signedSyntheticMinute } from './test-support/minute-fixtures.js';
import { signCanonicalRecord } from './minute-signature.js';
import { renderMinutePdf } from './render-minute-pdf.js';

/**
 * The fingerprints of the minutes of frozen records, one per layout, signed with a fixed key at
 * a fixed time: minute-layout-fixture.json (format 1, drawn in layout 1: ten candidates
 * covering every case the minute printed, a decision of the jury's own among them) and
 * minute-layout-2-fixture.json (the same candidates in format 2: decisions as computed, with
 * confirmations, one candidate not deliberated). If one of these fails, the bytes of the
 * minute have changed (pdfkit, fontkit, the font, the labels of @delib/rules or the layout of
 * this folder): minutes signed before can then no longer be verified by re-rendering. Either
 * undo the change, or bump MINUTE_LAYOUT, keep the former layout for the minutes already
 * signed, and pin the new layout's fingerprint.
 */
const LAYOUT_FINGERPRINTS: [fixture: string, layout: string, sha256: string][] = [
  [
    'minute-layout-fixture.json',
    'delib.minute-pdf/1',
    'e5fbdd4415c218c9e02cb548376a3ee63c16ebbb09e0c1343254c73d519287ff',
  ],
  [
    'minute-layout-2-fixture.json',
    'delib.minute-pdf/2',
    '635b3325a9a9256da1f6352e97a49d28b3a991c3cdab1755ebcb7d6df99e3344',
  ],
];

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
      }),
    };
    const a = await renderMinutePdf(signed);
    const b = await renderMinutePdf(later);
    expect(a.equals(b)).toBe(false);
  });

  it.each(LAYOUT_FINGERPRINTS)(
    'keeps the fingerprint of %s in %s (minutes already signed stay verifiable)',
    async (fixture, layout, sha256) => {
      const record: unknown = JSON.parse(
        fs.readFileSync(new URL(`./test-support/${fixture}`, import.meta.url), 'utf8'),
      );
      const canonical = canonicalize(record) as string;
      const signature = signCanonicalRecord(canonical, fixedSigningKey(), {
        juryId: 1,
        signedAt: '2027-06-04T16:32:00.000Z',
        signer: 'Claire Fontaine',
      });
      const pdf = await renderMinutePdf({ canonical, signature });
      expect(pdf.toString('latin1')).toContain(`(${layout})`);
      expect(createHash('sha256').update(pdf).digest('hex')).toBe(sha256);
    },
  );
});
