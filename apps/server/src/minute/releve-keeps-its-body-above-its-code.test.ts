import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { renderTranscriptsPdf } from './render-transcripts-pdf.js';
import { pdfContentTextPlaced, pdfPageTexts } from './test-support/pdf-text.js';
import { qrCodePlacesOfPages } from './test-support/qr-codes-in-pdf.js';
import { signedRectifiedTranscripts } from './test-support/rectified-releves.js';
import type { SignedTranscript } from './transcript-extracts.js';

/**
 * A relevé that fits on its page may still run down over its verification code: rectified four
 * times with long reasons, its last lines were printed under the QR code and its caption (and
 * the code, drawn over them, hid them). Such a relevé is drawn as one that does not fit: its
 * body kept above the code and the footer, it goes on over a second page, which names the
 * candidate. A relevé whose body stays clear of its code is drawn as before, byte for byte.
 */
describe('a relevé whose body would run over its verification code', () => {
  /** The relevé of the rectified minute's first candidate, rectified `count` times. */
  const releve = (count: number) =>
    signedRectifiedTranscripts({ 1: count }).slice(0, 1) as [SignedTranscript];

  it('keeps every line of its body above the code, going on over a second page', async () => {
    const pdf = await renderTranscriptsPdf(releve(4));
    const pages = await pdfContentTextPlaced(pdf);
    const codes = await qrCodePlacesOfPages(pdf);
    pages.forEach((lines, index) => {
      const code = codes[index];
      if (!code) throw new Error(`page ${index + 1} sans code QR`);
      expect(lines.length).toBeGreaterThan(0);
      // What of the body runs down to the code's top, or lower (its caption is beside the
      // code, no higher; the footer is under it).
      const under = lines
        .filter((line) => line.bottom >= code.top)
        .map((line) => `page ${index + 1} : « ${line.text} » jusqu’à ${line.bottom.toFixed(1)}`);
      expect(under, `le code commence à ${code.top}`).toEqual([]);
    });
    expect(pages).toHaveLength(2);
    const texts = await pdfPageTexts(pdf);
    expect(texts.join('\n')).toContain('Rectification 4');
    expect(texts[1]).toContain('Relevé 1 / 1 (suite)');
  });

  it('leaves on its one page, with the same bytes, a relevé that stays clear of its code', async () => {
    // Rectified three times, its body ends some 25 points above the code.
    const pdf = await renderTranscriptsPdf(releve(3));
    expect(await pdfPageTexts(pdf)).toHaveLength(1);
    expect(createHash('sha256').update(pdf).digest('hex')).toBe(
      'd2bccac62888a296c81c38adbe83a89700b2139df0af0e2161febe9c891ef28c',
    );
  });
});
