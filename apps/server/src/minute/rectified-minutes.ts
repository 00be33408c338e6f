import canonicalize from 'canonicalize';
import type { RectifiedRecord, SessionUser } from '@delib/protocol';
import type { Db } from '../db/open-database.js';
import { readFinalRecord } from '../deliberation/lock-jury.js';
import { readAmendments } from '../deliberation/read-amendments.js';
import { buildRectifiedRecord } from '../deliberation/rectified-record.js';
import { HttpError, notFound } from '../http/http-error.js';
import {
  MinuteSignatureSchema,
  serializeSignature,
  sha256Hex,
  verificationCode,
} from './minute-signature.js';
import type { MinuteSignature } from './minute-signature.js';
import { renderMinutePdf } from './render-minute-pdf.js';
import {
  presidentSignatureEvent,
  readMinuteSignature,
  requirePresident,
  signAsPresident,
} from './sign-minute.js';
import type { SignDependencies } from './sign-minute.js';

/**
 * Rectified minutes (procès-verbaux rectificatifs). A correction after the lock is an
 * amendment beside the locked record (deliberation/amend-record.ts); to hand the corrected
 * results out, the president signs a rectified minute: the record with every amendment so far
 * applied and recomputed by the rules, the list of those amendments (candidate, old → new,
 * reason, who, when), and the verification code of the original minute. It is signed like the
 * original (Ed25519, same envelope) and stored once; the original minute is never touched
 * and stays verifiable. A later correction calls for a new rectified minute, numbered next.
 */
export interface StoredRectifiedMinute {
  juryId: number;
  sequence: number;
  /** The last amendment it covers. */
  amendmentsThrough: number;
  /** The signed record, canonical JSON. */
  canonical: string;
  record: RectifiedRecord;
  signature: MinuteSignature;
  pdfSha256: string;
}

interface RectifiedRow {
  jury_id: number;
  sequence: number;
  amendments_through: number;
  record: string;
  record_sha256: string;
  envelope: string;
  pdf_sha256: string;
}

function fromRow(row: RectifiedRow): StoredRectifiedMinute {
  const signature = MinuteSignatureSchema.parse(JSON.parse(row.envelope));
  if (sha256Hex(row.record) !== row.record_sha256 || signature.recordSha256 !== row.record_sha256) {
    console.error(
      `[procès-verbal rectificatif] jury ${row.jury_id}, n° ${row.sequence} : modifié hors de Délib. Rien n’est servi.`,
    );
    throw new HttpError(
      500,
      'RECORD_ALTERED',
      'Le procès-verbal rectificatif enregistré a été modifié hors de Délib : il n’est plus servi. Prévenez le centre d’examen.',
    );
  }
  return {
    juryId: row.jury_id,
    sequence: row.sequence,
    amendmentsThrough: row.amendments_through,
    canonical: row.record,
    record: JSON.parse(row.record) as RectifiedRecord,
    signature,
    pdfSha256: row.pdf_sha256,
  };
}

/** Every rectified minute of a jury, oldest first. */
export function readRectifiedMinutes(db: Db, juryId: number): StoredRectifiedMinute[] {
  return (
    db
      .prepare(
        `SELECT jury_id, sequence, amendments_through, record, record_sha256, envelope, pdf_sha256
           FROM rectified_minutes WHERE jury_id = ? ORDER BY sequence`,
      )
      .all(juryId) as RectifiedRow[]
  ).map(fromRow);
}

export function latestRectifiedMinute(db: Db, juryId: number): StoredRectifiedMinute | null {
  return readRectifiedMinutes(db, juryId).at(-1) ?? null;
}

/**
 * Signs a rectified minute covering every amendment written so far; when the latest one
 * already covers them all, returns it (`created` false). Only the jury's president, only once
 * the original minute is signed, only with amendments to name.
 */
export async function signRectifiedMinute(
  deps: SignDependencies,
  user: SessionUser,
  juryId: number,
  verifierUrl: string,
  /** The president's password asked again (auth/confirm-password.ts); throws when wrong. */
  confirm: () => Promise<void> = () => Promise.resolve(),
): Promise<{ stored: StoredRectifiedMinute; created: boolean }> {
  const { db, exams, audit } = deps;
  if (!exams.jury(juryId)) throw notFound('Jury');
  requirePresident(
    exams,
    juryId,
    user,
    'Seul·e le ou la président·e du jury peut signer un procès-verbal rectificatif.',
  );
  const original = readFinalRecord(db, juryId);
  if (!original) {
    throw new HttpError(409, 'NOT_LOCKED', 'La délibération de ce jury n’est pas verrouillée.');
  }
  const originalSignature = readMinuteSignature(db, juryId);
  if (!originalSignature) {
    throw new HttpError(
      409,
      'NOT_SIGNED',
      'Signez d’abord le procès-verbal d’origine : le rectificatif y fait référence.',
    );
  }
  const record = original.record;
  if (record.format === 'delib.final-record/1' || record.format === 'delib.rectified-record/1') {
    throw new HttpError(
      409,
      'LEGACY_RECORD',
      'Ce procès-verbal a été verrouillé par une version antérieure de Délib : ses rectifications restent dans l’enregistrement, sans procès-verbal rectificatif.',
    );
  }
  const amendments = readAmendments(db, juryId).filter((a) => a.unit !== null);
  const last = amendments.at(-1);
  if (!last) {
    throw new HttpError(
      409,
      'NOTHING_TO_RECTIFY',
      'Aucune rectification depuis le verrouillage : il n’y a pas de procès-verbal rectificatif à signer.',
    );
  }
  await confirm();
  const latest = latestRectifiedMinute(db, juryId);
  if (latest && latest.amendmentsThrough >= last.id) return { stored: latest, created: false };

  const sequence = (latest?.sequence ?? 0) + 1;
  const jury = exams.jury(juryId);
  const session = jury ? exams.examSession(jury.examSessionId) : null;
  if (!session) throw notFound('Session');
  const rectified = buildRectifiedRecord(session.regulation, record, amendments, {
    sequence,
    original: {
      recordSha256: original.sha256,
      verificationCode: verificationCode(original.sha256),
      signedAt: originalSignature.signature.signedAt,
      signer: originalSignature.signature.signer,
    },
  });
  const canonical = canonicalize(rectified);
  if (canonical === undefined) throw new Error('procès-verbal rectificatif non sérialisable');
  const { signature, signedAt } = signAsPresident(
    deps,
    user,
    juryId,
    verifierUrl,
    canonical,
    record.session.centre,
  );
  const pdf = await renderMinutePdf({ canonical, signature });
  const stored: StoredRectifiedMinute = {
    juryId,
    sequence,
    amendmentsThrough: last.id,
    canonical,
    record: rectified,
    signature,
    pdfSha256: sha256Hex(pdf),
  };
  // Rendering was asynchronous: the check and the insert are one synchronous transaction.
  return db.transaction(() => {
    const raced = latestRectifiedMinute(db, juryId);
    if (raced && raced.sequence >= sequence) return { stored: raced, created: false };
    db.prepare(
      `INSERT INTO rectified_minutes (jury_id, sequence, amendments_through, record, record_sha256,
         key_id, signed_at, signed_by, envelope, pdf_sha256)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      juryId,
      sequence,
      last.id,
      canonical,
      signature.recordSha256,
      signature.keyId,
      signedAt,
      user.id,
      serializeSignature(signature),
      stored.pdfSha256,
    );
    audit.append([
      presidentSignatureEvent(user, 'signature-rectificatif', {
        juryId,
        sequence,
        recordSha256: signature.recordSha256,
        originalRecordSha256: original.sha256,
        amendmentsThrough: last.id,
        keyId: signature.keyId,
        signedAt,
        pdfSha256: stored.pdfSha256,
      }),
    ]);
    return { stored, created: true };
  })();
}
