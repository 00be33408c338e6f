import fs from 'node:fs';
import { it } from 'vitest';
import { signedSyntheticMinute, signedSyntheticTranscripts } from './test-support/minute-fixtures.js';
import { renderMinutePdf } from './render-minute-pdf.js';
import { renderTranscriptsPdf } from './render-transcripts-pdf.js';
it('scratch', async () => {
  const n = Number(process.env.N ?? 24);
  fs.writeFileSync('/tmp/pdfa-minute.pdf', await renderMinutePdf(signedSyntheticMinute(n)));
  fs.writeFileSync('/tmp/pdfa-releves.pdf', await renderTranscriptsPdf(signedSyntheticTranscripts(n)));
});
