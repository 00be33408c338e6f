import type { MinuteVerdict } from '@delib/protocol';
import { readPdfContents, UnreadablePdfError } from './read-pdf-attachments.js';
import type { PdfContents } from './read-pdf-attachments.js';
import { refused } from './verification-verdicts.js';
import { carriesMinute, verifyMinuteContents } from './verify-minute-pdf.js';
import type { VerifyOptions } from './verify-minute-pdf.js';
import { transcriptCount, verifyTranscriptsContents } from './verify-transcripts-pdf.js';

export type { VerifyOptions } from './verify-minute-pdf.js';

/**
 * Verification of a PDF produced by Délib, from the file alone: a signed minute
 * (verify-minute-pdf.ts) or relevés de notes (verify-transcripts-pdf.ts), recognised by what
 * the file carries. The verdict, `MinuteVerdict`, is the wire type of `@delib/protocol`
 * (`POST /api/verify` sends it as it is): authentic only with a valid signature, an unchanged
 * file, and a key among `publishedKeys`.
 */
export async function verifySignedPdf(
  bytes: Uint8Array,
  options: VerifyOptions,
): Promise<MinuteVerdict> {
  let contents: PdfContents;
  try {
    contents = await readPdfContents(bytes);
  } catch (error) {
    if (error instanceof UnreadablePdfError) {
      return refused('not-a-pdf', 'ce fichier n’est pas un PDF lisible');
    }
    throw error;
  }
  if (carriesMinute(contents)) return verifyMinuteContents(bytes, contents, options);
  if (transcriptCount(contents) > 0) return verifyTranscriptsContents(bytes, contents, options);
  return refused('no-minute', 'aucun procès-verbal ni relevé de notes signé dans ce fichier');
}
