import canonicalize from 'canonicalize';
import type { Db } from '../db/open-database.js';
import {
  MinuteSignatureSchema,
  serializeSignature,
  signCanonicalRecord,
} from './minute-signature.js';
import type { StoredRectifiedMinute } from './rectified-minutes.js';
import { signingKeyById } from './signing-keys.js';
import { transcriptExtract } from './transcript-extracts.js';
import type { SignedTranscript } from './transcript-extracts.js';

interface Row {
  candidate_id: number;
  extract: string;
  envelope: string;
}

/**
 * The relevés of a rectified minute: once one is signed, every relevé handed out is an
 * extract of it (a corrected candidate's names the corrections), signed with its key, date
 * and signer, and stored the first time it is produced, as for the original minute
 * (transcript-extracts.ts). The relevés of the original stay verifiable by their codes.
 */
export function rectifiedTranscriptSignatures(
  db: Db,
  minute: StoredRectifiedMinute,
): SignedTranscript[] {
  const { juryId, sequence, signature } = minute;
  const select = db.prepare(
    `SELECT candidate_id, extract, envelope FROM rectified_transcript_signatures
      WHERE jury_id = ? AND sequence = ?`,
  );
  const insert = db.prepare(
    `INSERT INTO rectified_transcript_signatures
       (jury_id, sequence, candidate_id, extract_sha256, extract, envelope) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  return db.transaction(() => {
    const existing = new Map(
      (select.all(juryId, sequence) as Row[]).map((row) => [row.candidate_id, row]),
    );
    const missing = minute.record.candidates.filter((c) => !existing.has(c.id));
    if (missing.length > 0) {
      const key = signingKeyById(db, signature.keyId);
      if (!key) throw new Error(`clé ${signature.keyId} du procès-verbal rectificatif introuvable`);
      for (const candidate of missing) {
        const canonical = canonicalize(
          transcriptExtract(minute.record, signature.recordSha256, candidate),
        ) as string;
        const signed = signCanonicalRecord(canonical, key, {
          juryId,
          signedAt: signature.signedAt,
          signer: signature.signer,
          ...(signature.verifierUrl === undefined ? {} : { verifierUrl: signature.verifierUrl }),
        });
        const envelope = serializeSignature(signed);
        insert.run(juryId, sequence, candidate.id, signed.recordSha256, canonical, envelope);
        existing.set(candidate.id, { candidate_id: candidate.id, extract: canonical, envelope });
      }
    }
    return minute.record.candidates.map((candidate) => {
      const row = existing.get(candidate.id) as Row;
      return {
        canonical: row.extract,
        signature: MinuteSignatureSchema.parse(JSON.parse(row.envelope)),
      };
    });
  })();
}
