import canonicalize from 'canonicalize';
import { describe, expect, it } from 'vitest';
import { signCanonicalRecord } from './minute-signature.js';
import { renderMinutePdf } from './render-minute-pdf.js';
import { renderTranscriptsPdf } from './render-transcripts-pdf.js';
import {
  fixedSigningKey,
  signedSyntheticMinute,
  signedSyntheticTranscripts,
  syntheticRecord,
  TEST_VERIFIER_URL,
} from './test-support/minute-fixtures.js';
import { pdfPageTexts } from './test-support/pdf-text.js';
import { qrCodesOfPages } from './test-support/qr-codes-in-pdf.js';

describe('the QR code on every page of a signed document', () => {
  it('opens the verification page with the minute’s code, on every page of the minute', async () => {
    const signed = signedSyntheticMinute(200);
    const pdf = await renderMinutePdf(signed);
    const url = `${TEST_VERIFIER_URL}?code=${signed.signature.recordSha256.slice(0, 12)}`;
    const codes = await qrCodesOfPages(pdf);
    expect(codes.length).toBeGreaterThan(5);
    expect(codes).toEqual(codes.map(() => url));
    // The address is printed beside it, for whoever does not scan.
    for (const text of await pdfPageTexts(pdf)) expect(text).toContain('Vérifier ce document');
  });

  it('opens each relevé’s own code on its page', async () => {
    const transcripts = signedSyntheticTranscripts(5);
    const codes = await qrCodesOfPages(await renderTranscriptsPdf(transcripts));
    expect(codes).toEqual(
      transcripts.map((t) => `${TEST_VERIFIER_URL}?code=${t.signature.recordSha256.slice(0, 12)}`),
    );
  });

  it('is absent from a minute signed before signatures named a verification page (layouts 1 and 2 kept)', async () => {
    const canonical = canonicalize(syntheticRecord(24)) as string;
    const signature = signCanonicalRecord(canonical, fixedSigningKey(), {
      juryId: 1,
      signedAt: '2027-06-04T16:32:00.000Z',
      signer: 'Claire Fontaine',
    });
    expect(signature.format).toBe('delib.minute-signature/1');
    const codes = await qrCodesOfPages(await renderMinutePdf({ canonical, signature }));
    expect(codes.every((code) => code === null)).toBe(true);
  });
});
