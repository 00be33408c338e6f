import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { renderTranscriptsPdf, renderTranscriptsPdfAndFormer } from './render-transcripts-pdf.js';
import { fixedSigningKey } from './test-support/minute-fixtures.js';
import { withByte } from './test-support/pdf-bytes.js';
import { pdfPageTexts } from './test-support/pdf-text.js';
import { signedRectifiedTranscripts } from './test-support/rectified-releves.js';
import type { SignedTranscript } from './transcript-extracts.js';
import { verifySignedPdf } from './verify-signed-pdf.js';

const published = { publishedKeys: [fixedSigningKey().publicKey] };
const sha256 = (pdf: Buffer) => createHash('sha256').update(pdf).digest('hex');

/** The file as the relevés were drawn under the former rule. */
async function formerRendering(transcripts: readonly SignedTranscript[]): Promise<Buffer> {
  const { former } = await renderTranscriptsPdfAndFormer(transcripts);
  if (!former) throw new Error('la règle d’avant dessine ces relevés comme aujourd’hui');
  return former();
}

/**
 * Relevés were handed out, signed, with a relevé that fits on its page but whose body runs
 * over its verification code (rectified four times with long reasons): such a relevé is now
 * drawn long, over two pages, but the files handed out before still verify as authentic, as
 * the byte-exact rendering of what was signed under the former rule. Nothing else is: a byte
 * changed in such a file makes it « modifié après signature ». The former renderings are
 * pinned by their fingerprints, taken from the renderer before the rule changed (they change
 * with test-support/rectified-releves.ts).
 */
describe('a relevé signed with its body over its verification code', () => {
  it('still verifies as authentic, and so does its rendering of today', async () => {
    const transcripts = signedRectifiedTranscripts({ 1: 4 }).slice(0, 1);
    const former = await formerRendering(transcripts);
    expect(sha256(former)).toBe('752117da30e7c292e4af9ba2b5d6186af757bb1da5120b7700f26677c717e608');
    expect(await pdfPageTexts(former)).toHaveLength(1);
    expect(await verifySignedPdf(former, published)).toMatchObject({
      authentic: true,
      code: 'authentic',
      document: 'transcripts',
    });
    const today = await renderTranscriptsPdf(transcripts);
    expect(today.equals(former)).toBe(false);
    expect(await verifySignedPdf(today, published)).toMatchObject({ authentic: true });
  });

  it('still verifies in a file of the jury’s relevés where another one did not fit', async () => {
    // The former rule drew long the relevé of more than a page (the second candidate's), and
    // left the first one's on its page, over its code.
    const former = await formerRendering(signedRectifiedTranscripts({ 1: 4, 2: 12 }));
    expect(sha256(former)).toBe('09437ad7c923003963773196cab0f38dd75ad4f1de85c31937e625d8c50a8922');
    expect(await verifySignedPdf(former, published)).toMatchObject({ authentic: true });
  });

  it('is « modifié après signature » with one byte of its page changed', async () => {
    const former = await formerRendering(signedRectifiedTranscripts({ 1: 4 }).slice(0, 1));
    // The size of the decision's line, 13 points: 93.
    const at = former.indexOf(' 13 Tf', 0, 'latin1') + 2;
    const verdict = await verifySignedPdf(withByte(former, at, '9'), published);
    expect(verdict).toMatchObject({
      authentic: false,
      outcome: 'not-authentic',
      code: 'modified-after-signing',
    });
  });
});
