import { describe, expect, it } from 'vitest';
import { formatParisDateTime } from '@delib/protocol';
import type { FinalRecord } from '@delib/protocol';
import {
  signedSyntheticMinute,
  signedSyntheticTranscripts,
} from './test-support/minute-fixtures.js';
import { pdfPageTexts } from './test-support/pdf-text.js';
import { renderMinutePdf } from './render-minute-pdf.js';
import { renderTranscriptsPdf } from './render-transcripts-pdf.js';

/**
 * One French time format on the PV and the relevés, the one the pages use too
 * (`formatParisDateTime` of @delib/protocol, shared with apps/web): `17 h 02`, never `17:02`.
 */
describe('times on the signed PDFs', () => {
  it('are written « 17 h 02 » by the shared formatter, never « 17:02 »', async () => {
    const signed = signedSyntheticMinute(12);
    const record = JSON.parse(signed.canonical) as FinalRecord;
    const minute = (await pdfPageTexts(await renderMinutePdf(signed))).join('\n');
    const releves = (
      await pdfPageTexts(await renderTranscriptsPdf(signedSyntheticTranscripts(12)))
    ).join('\n');

    expect(formatParisDateTime(record.lockedAt)).toBe('4 juin 2027 à 17 h 02');
    expect(minute).toContain(`le ${formatParisDateTime(record.lockedAt)} par Claire Fontaine`);
    expect(minute).toContain(
      `le ${formatParisDateTime(signed.signature.signedAt)}, heure de Paris`,
    );
    expect(releves).toContain(`le ${formatParisDateTime(signed.signature.signedAt)} par`);
    for (const text of [minute, releves]) {
      expect(text).not.toMatch(/\b\d{1,2}:\d{2}\b/);
      expect(text.match(/\b\d{1,2} h \d{2}\b/g)?.length ?? 0).toBeGreaterThan(0);
    }
  });
});
