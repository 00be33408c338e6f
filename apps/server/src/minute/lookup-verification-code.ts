import type {
  MinuteHeader,
  MinuteVerdict,
  SignedDocumentKind,
  SignedRecord,
} from '@delib/protocol';
import type { Db } from '../db/open-database.js';
import { MinuteSignatureSchema, verificationCode } from './minute-signature.js';
import type { MinuteSignature } from './minute-signature.js';
import { listPublicKeys } from './signing-keys.js';
import { looksLikeExtract } from './transcript-extracts.js';
import {
  aboutSignature,
  intactVerdict,
  readCanonicalJson,
  refused,
  signatureRefusal,
} from './verification-verdicts.js';
import type { PublishedKeys } from './verification-verdicts.js';
import { looksLikeRecord } from './verify-minute-pdf.js';
import { withRectifiedSince, withRectifiedSinceCounted } from './verify-rectified-since.js';

/**
 * `GET /api/verify/:code`: what the centre signed under a verification code, the one printed
 * (and in the QR code) on every page of a minute or a relevé. The stored document is checked
 * as a file would be: its signature must hold over the stored bytes, with a key the centre
 * publishes. It gives no more than that document itself shows: a relevé's code finds that
 * candidate's extract only; and, when it was rectified since, what replaced it
 * (verify-rectified-since.ts). A procès-verbal's code gives its header only, never its
 * candidates: every relevé's signed extract carries the minute's record hash, whose first 12
 * digits are the minute's code, so one candidate's relevé is enough to know it. The minute's
 * candidates are shown from its PDF file (`POST /api/verify`), by whoever holds it.
 */

interface SignedRow {
  envelope: string;
  content: string;
}

export function lookupVerificationCode(db: Db, code: string): MinuteVerdict {
  // Hex digests are lowercase: every hash starting with `code` sorts between code and code+'g'.
  const range = [code, `${code}g`];
  const minutes = db
    .prepare(
      `SELECT m.envelope AS envelope, f.record AS content
         FROM minute_signatures m JOIN final_records f ON f.jury_id = m.jury_id
        WHERE m.record_sha256 >= ? AND m.record_sha256 < ?`,
    )
    .all(...range) as SignedRow[];
  const rectified = db
    .prepare(
      `SELECT envelope, record AS content FROM rectified_minutes
        WHERE record_sha256 >= ? AND record_sha256 < ?`,
    )
    .all(...range) as SignedRow[];
  minutes.push(...rectified);
  const transcripts = db
    .prepare(
      `SELECT envelope, extract AS content FROM transcript_signatures
        WHERE extract_sha256 >= ? AND extract_sha256 < ?
       UNION ALL
       SELECT envelope, extract AS content FROM rectified_transcript_signatures
        WHERE extract_sha256 >= ? AND extract_sha256 < ?`,
    )
    .all(...range, ...range) as SignedRow[];
  const found = [...minutes, ...transcripts];
  if (found.length !== 1) {
    return refused(
      'unknown-code',
      found.length === 0
        ? 'aucun document signé par ce centre ne porte ce code de vérification'
        : 'plusieurs documents signés portent ce code : vérifiez le fichier PDF lui-même',
    );
  }
  const options = { publishedKeys: listPublicKeys(db).map((key) => key.publicKey) };
  const row = found[0] as SignedRow;
  // A document rectified since says so: the signature holds, but it is no longer in force.
  if (minutes.length === 1) {
    const verdict = storedVerdict(
      row,
      'minute',
      'le procès-verbal enregistré',
      looksLikeRecord,
      options,
      (record) => ({ record }),
    );
    // The record is read to tell what became of its candidates, then left out: counted only.
    const { record, ...shown } = withRectifiedSinceCounted(db, verdict);
    return record ? { ...shown, header: minuteHeader(record) } : shown;
  }
  const verdict = storedVerdict(
    row,
    'transcripts',
    'le relevé enregistré',
    looksLikeExtract,
    options,
    (extract, signature) => ({
      transcripts: [{ verificationCode: verificationCode(signature.recordSha256), extract }],
    }),
  );
  return withRectifiedSince(db, verdict);
}

/** What a procès-verbal found by its code shows: its header and counts, no candidate. */
export function minuteHeader(record: SignedRecord): MinuteHeader {
  const decisions: MinuteHeader['decisions'] = {};
  for (const { decision } of record.candidates) {
    decisions[decision] = (decisions[decision] ?? 0) + 1;
  }
  const notDeliberated =
    record.format === 'delib.final-record/1' ? 0 : record.notDeliberated.length;
  return {
    format: record.format,
    session: record.session,
    jury: record.jury,
    lockedAt: record.lockedAt,
    candidates: record.candidates.length + notDeliberated,
    decisions,
    notDeliberated,
    ...(record.format === 'delib.rectified-record/1'
      ? {
          rectified: {
            sequence: record.sequence,
            originalCode: record.original.verificationCode,
          },
        }
      : {}),
  };
}

/** The verdict on a stored document (`what` names it), as for a file, and what it shows. */
function storedVerdict<T>(
  row: SignedRow,
  document: SignedDocumentKind,
  what: string,
  shaped: (value: unknown) => value is T,
  options: PublishedKeys,
  shows: (value: T, signature: MinuteSignature) => Partial<MinuteVerdict>,
): MinuteVerdict {
  const signature = MinuteSignatureSchema.parse(JSON.parse(row.envelope));
  const bytes = Buffer.from(row.content, 'utf8');
  const about = { document, ...aboutSignature(signature, options) };
  const invalid = signatureRefusal(bytes, signature, what, about);
  if (invalid) return invalid;
  const parsed = readCanonicalJson(bytes, shaped);
  if (!parsed) return refused('unreadable-attachment', `${what} est illisible`, about);
  return intactVerdict(document, false, 'document enregistré identique à celui qui a été signé', {
    ...about,
    ...shows(parsed.value, signature),
  });
}
