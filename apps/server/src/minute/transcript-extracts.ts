import canonicalize from 'canonicalize';
import type { SignedRecord, TranscriptExtract } from '@delib/protocol';
import type { Db } from '../db/open-database.js';
import type { StoredRecord } from '../deliberation/lock-jury.js';
import type { AnyRecordCandidate } from './minute-cells.js';
import {
  MinuteSignatureSchema,
  serializeSignature,
  signCanonicalRecord,
} from './minute-signature.js';
import type { MinuteSignature } from './minute-signature.js';
import { signingKeyById } from './signing-keys.js';

/**
 * The signed extracts of the relevés de notes. A relevé is handed to one candidate: it must
 * not carry the others' marks, so it carries its candidate's entry of the locked record
 * (verbatim) in an extract of its own, signed like the minute: same envelope, same key as the
 * minute, same date and signer (the extract is part of what the president signed), and the
 * verification page of the minute, or the current one for a minute signed before pages were
 * named. Extracts are signed and stored the first time the relevés are produced, so a code
 * printed on a relevé is always found by `GET /api/verify/:code`. Only the record's
 * `candidates` get one: a candidate listed apart as not deliberated gets no relevé.
 */
export const TRANSCRIPT_EXTRACT_FORMAT: TranscriptExtract['format'] = 'delib.transcript-extract/2';
/**
 * Extracts of records of format 1 and 2 (locked before record 3): the same shape; their
 * relevés keep the layout they were signed in (render-transcripts-pdf.ts).
 */
export const TRANSCRIPT_EXTRACT_FORMAT_1: TranscriptExtract['format'] =
  'delib.transcript-extract/1';

/** A relevé's extract as signed (canonical JSON) and its signature. */
export interface SignedTranscript {
  canonical: string;
  signature: MinuteSignature;
}

export function transcriptExtract(
  record: SignedRecord,
  recordSha256: string,
  candidate: AnyRecordCandidate,
): TranscriptExtract {
  const extract: TranscriptExtract = {
    format:
      record.format === 'delib.final-record/3' || record.format === 'delib.rectified-record/1'
        ? TRANSCRIPT_EXTRACT_FORMAT
        : TRANSCRIPT_EXTRACT_FORMAT_1,
    minuteRecordSha256: recordSha256,
    session: record.session,
    jury: record.jury,
    lockedAt: record.lockedAt,
    candidate,
  };
  // A rectified minute's relevé names that candidate's corrections, when there are some.
  if (record.format === 'delib.rectified-record/1') {
    const own = record.rectifications.filter((r) => r.candidateId === candidate.id);
    if (own.length > 0) extract.rectifications = own;
  }
  return extract;
}

export function looksLikeExtract(value: unknown): value is TranscriptExtract {
  if (typeof value !== 'object' || value === null) return false;
  const extract = value as Partial<TranscriptExtract>;
  return (
    (extract.format === TRANSCRIPT_EXTRACT_FORMAT ||
      extract.format === TRANSCRIPT_EXTRACT_FORMAT_1) &&
    typeof extract.minuteRecordSha256 === 'string' &&
    typeof extract.session === 'object' &&
    extract.session !== null &&
    typeof extract.jury === 'object' &&
    extract.jury !== null &&
    typeof extract.lockedAt === 'string' &&
    typeof extract.candidate === 'object' &&
    extract.candidate !== null &&
    Array.isArray(extract.candidate.lines)
  );
}

interface TranscriptRow {
  candidate_id: number;
  extract: string;
  envelope: string;
}

/**
 * The signed extracts of a signed minute's relevés, in the record's order of candidates;
 * those not yet signed are signed and stored now (one transaction: concurrent requests
 * store each extract once).
 */
export function transcriptSignatures(
  db: Db,
  stored: StoredRecord,
  minute: MinuteSignature,
  verifierUrl: string,
): SignedTranscript[] {
  const select = db.prepare(
    'SELECT candidate_id, extract, envelope FROM transcript_signatures WHERE jury_id = ?',
  );
  const insert = db.prepare(
    `INSERT INTO transcript_signatures (jury_id, candidate_id, extract_sha256, extract, envelope)
     VALUES (?, ?, ?, ?, ?)`,
  );
  return db.transaction(() => {
    const existing = new Map(
      (select.all(minute.juryId) as TranscriptRow[]).map((row) => [row.candidate_id, row]),
    );
    const missing = stored.record.candidates.filter((c) => !existing.has(c.id));
    if (missing.length > 0) {
      const key = signingKeyById(db, minute.keyId);
      if (!key) throw new Error(`clé ${minute.keyId} du procès-verbal introuvable`);
      for (const candidate of missing) {
        const canonical = canonicalize(
          transcriptExtract(stored.record, stored.sha256, candidate),
        ) as string;
        const signature = signCanonicalRecord(canonical, key, {
          juryId: minute.juryId,
          signedAt: minute.signedAt,
          signer: minute.signer,
          verifierUrl: minute.verifierUrl ?? verifierUrl,
        });
        const envelope = serializeSignature(signature);
        insert.run(minute.juryId, candidate.id, signature.recordSha256, canonical, envelope);
        existing.set(candidate.id, { candidate_id: candidate.id, extract: canonical, envelope });
      }
    }
    return stored.record.candidates.map((candidate) => {
      const row = existing.get(candidate.id) as TranscriptRow;
      return {
        canonical: row.extract,
        signature: MinuteSignatureSchema.parse(JSON.parse(row.envelope)),
      };
    });
  })();
}
