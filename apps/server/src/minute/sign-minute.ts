import { ErrorCode } from '@delib/protocol';
import type { SessionUser } from '@delib/protocol';
import type { AuditEvent, AuditTrail } from '../audit/audit-trail.js';
import type { ExamRepository } from '../db/exam-repository.js';
import type { Db } from '../db/open-database.js';
import { readFinalRecord } from '../deliberation/lock-jury.js';
import { HttpError, notFound } from '../http/http-error.js';
import {
  MinuteSignatureSchema,
  serializeSignature,
  sha256Hex,
  signCanonicalRecord,
} from './minute-signature.js';
import type { MinuteSignature } from './minute-signature.js';
import { renderMinutePdf } from './render-minute-pdf.js';
import { centreSigningKey } from './signing-keys.js';

/**
 * Signing the minute: a single authoritative act of the jury's president, allowed only on a
 * locked record. The signature covers the record exactly as stored at the lock (its canonical
 * JSON) and is stored once, never changed (triggers on `minute_signatures`); signing again
 * returns the stored signature.
 */
export interface StoredSignature {
  juryId: number;
  signature: MinuteSignature;
  /** SHA-256 of the minute PDF rendered at signing: any later rendering must match it. */
  pdfSha256: string;
}

export interface SignDependencies {
  db: Db;
  exams: ExamRepository;
  audit: AuditTrail;
  now?: () => Date;
}

interface SignatureRow {
  jury_id: number;
  envelope: string;
  pdf_sha256: string;
}

export function readMinuteSignature(db: Db, juryId: number): StoredSignature | null {
  const row = db
    .prepare('SELECT jury_id, envelope, pdf_sha256 FROM minute_signatures WHERE jury_id = ?')
    .get(juryId) as SignatureRow | undefined;
  if (!row) return null;
  return {
    juryId: row.jury_id,
    signature: MinuteSignatureSchema.parse(JSON.parse(row.envelope)),
    pdfSha256: row.pdf_sha256,
  };
}

/** Only the jury's president signs: anyone else is refused with `refusal`. */
export function requirePresident(
  exams: ExamRepository,
  juryId: number,
  user: SessionUser,
  refusal: string,
): void {
  if (exams.juryRole(juryId, user.id) !== 'president') {
    throw new HttpError(403, ErrorCode.FORBIDDEN, refusal);
  }
}

/**
 * Signs a record's canonical JSON now, in the president's name, with the key of the record's
 * centre (created at its first signature), naming the verification page `verifierUrl`.
 */
export function signAsPresident(
  deps: SignDependencies,
  user: SessionUser,
  juryId: number,
  verifierUrl: string,
  canonical: string,
  centre: string,
): { signature: MinuteSignature; signedAt: string } {
  const signedAt = (deps.now?.() ?? new Date()).toISOString();
  const key = centreSigningKey(deps.db, centre);
  const signature = signCanonicalRecord(canonical, key, {
    juryId,
    signedAt,
    signer: user.name,
    verifierUrl,
  });
  return { signature, signedAt };
}

/** The audit trail's event for a signature by the jury's president, `after` its details. */
export function presidentSignatureEvent(
  user: SessionUser,
  action: string,
  after: Record<string, unknown>,
): AuditEvent {
  return {
    userId: user.id,
    role: 'president',
    document: null,
    candidateId: null,
    unit: null,
    action,
    before: null,
    after,
    reason: null,
  };
}

/**
 * Signs the jury's locked record; `verifierUrl` is the public verification page the
 * signature names and every page of the minute prints as a QR code.
 */
export async function signMinute(
  deps: SignDependencies,
  user: SessionUser,
  juryId: number,
  verifierUrl: string,
  /** The president's password asked again (auth/confirm-password.ts); throws when wrong. */
  confirm: () => Promise<void> = () => Promise.resolve(),
): Promise<{ stored: StoredSignature; created: boolean }> {
  const { db, exams, audit } = deps;
  const jury = exams.jury(juryId);
  if (!jury) throw notFound('Jury');
  requirePresident(
    exams,
    juryId,
    user,
    'Seul·e le ou la président·e du jury peut signer le procès-verbal.',
  );
  const record = readFinalRecord(db, juryId);
  if (!record) {
    throw new HttpError(
      409,
      'NOT_LOCKED',
      'Le procès-verbal ne peut être signé qu’une fois la délibération verrouillée.',
    );
  }
  await confirm();
  const existing = readMinuteSignature(db, juryId);
  if (existing) return { stored: existing, created: false };

  const { signature, signedAt } = signAsPresident(
    deps,
    user,
    juryId,
    verifierUrl,
    record.canonical,
    record.record.session.centre,
  );
  if (signature.recordSha256 !== record.sha256) {
    throw new Error('empreinte du procès-verbal incohérente avec celle du verrouillage');
  }
  const pdf = await renderMinutePdf({ canonical: record.canonical, signature });
  const stored: StoredSignature = { juryId, signature, pdfSha256: sha256Hex(pdf) };

  // Rendering was asynchronous: another request may have signed meanwhile. The check and the
  // insert are one synchronous transaction, so exactly one signature is ever stored.
  return db.transaction(() => {
    const raced = readMinuteSignature(db, juryId);
    if (raced) return { stored: raced, created: false };
    db.prepare(
      `INSERT INTO minute_signatures (jury_id, record_sha256, key_id, signed_at, signed_by, envelope, pdf_sha256)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      juryId,
      signature.recordSha256,
      signature.keyId,
      signedAt,
      user.id,
      serializeSignature(signature),
      stored.pdfSha256,
    );
    audit.append([
      presidentSignatureEvent(user, 'signature', {
        juryId,
        recordSha256: signature.recordSha256,
        keyId: signature.keyId,
        signedAt,
        pdfSha256: stored.pdfSha256,
      }),
    ]);
    return { stored, created: true };
  })();
}
