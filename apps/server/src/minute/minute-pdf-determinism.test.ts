import { createHash } from 'node:crypto';
import fs from 'node:fs';
import canonicalize from 'canonicalize';
import { describe, expect, it } from 'vitest';
import type { FinalRecord } from '@delib/protocol';
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
 * The fingerprint of the minute of a frozen record (minute-layout-fixture.json: ten candidates
 * covering every case the minute prints), signed with a fixed key at a fixed time. If this
 * test fails, the bytes of the minute have changed (pdfkit, fontkit, the font, the labels of
 * @delib/rules or the layout of this folder): minutes signed before can then no longer be
 * verified by re-rendering. Either undo the change, or bump MINUTE_LAYOUT (TRANSCRIPTS_LAYOUT),
 * keep the former layout for the documents already signed, and update this fingerprint.
 */
const LAYOUT_FINGERPRINT = 'e5fbdd4415c218c9e02cb548376a3ee63c16ebbb09e0c1343254c73d519287ff';
/** The same for layout 2 (format 2 signatures: the QR codes), and for the relevés. */
const LAYOUT_2_FINGERPRINT = '77a7b7bb0459eb10fe3053a330d857e1280d74f7152293dabae40801628136a8';
const TRANSCRIPTS_FINGERPRINT = '8040b78cd0f8e99da6bb30d4b48a09c6c9c56dc37ad93f9b72401f437887fa06';

function frozenRecord(): string {
  const record: unknown = JSON.parse(
    fs.readFileSync(new URL('./test-support/minute-layout-fixture.json', import.meta.url), 'utf8'),
  );
  return canonicalize(record) as string;
}

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

  it('keeps the layout fingerprint of the frozen record (minutes already signed stay verifiable)', async () => {
    const canonical = frozenRecord();
    const signature = signCanonicalRecord(canonical, fixedSigningKey(), {
      juryId: 1,
      signedAt: '2027-06-04T16:32:00.000Z',
      signer: 'Claire Fontaine',
    });
    const pdf = await renderMinutePdf({ canonical, signature });
    expect(createHash('sha256').update(pdf).digest('hex')).toBe(LAYOUT_FINGERPRINT);
  });

  it('keeps the fingerprint of layout 2 and of the relevés for the frozen record', async () => {
    const canonical = frozenRecord();
    const meta = {
      juryId: 1,
      signedAt: '2027-06-04T16:32:00.000Z',
      signer: 'Claire Fontaine',
      verifierUrl: TEST_VERIFIER_URL,
    };
    const signature = signCanonicalRecord(canonical, fixedSigningKey(), meta);
    const minute = await renderMinutePdf({ canonical, signature });
    expect(createHash('sha256').update(minute).digest('hex')).toBe(LAYOUT_2_FINGERPRINT);
    const record = JSON.parse(canonical) as FinalRecord;
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
    expect(createHash('sha256').update(releves).digest('hex')).toBe(TRANSCRIPTS_FINGERPRINT);
  });
});
