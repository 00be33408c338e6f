import type { CandidateResult, Decision, UnitLine } from '@delib/rules';
import type { FinalDecision } from './jury-document.js';
import type { MemberCategory } from './roles.js';

/**
 * The final record of a jury (`delib.final-record/1`), built by the server with
 * `@delib/rules` at the moment of the lock, and what the HTTP API says about it: the lock,
 * the record, the signature of the minute and the verification of a signed minute.
 */

export interface RecordCandidate {
  id: number;
  number: string;
  lastName: string;
  firstName: string;
  status: string | null;
  lines: UnitLine[];
  total: number | null;
  divisor: number | null;
  bonus: number;
  average: number | null;
  averageExact: { numerator: number; denominator: number } | null;
  /** `12,45`, or `—` without an average. */
  averageDisplay: string;
  professionalAverage: number | null;
  professionalAverageDisplay: string;
  proposedDecision: Decision;
  decision: FinalDecision;
  /** The jury's reason when its decision differs from the proposed one. */
  decisionReason: string | null;
  livretConsulted: boolean;
  control: CandidateResult['control'];
  warnings: string[];
}

export interface RecordMember {
  name: string;
  category: MemberCategory;
  categoryLabel: string;
  president: boolean;
  present: boolean;
}

export interface FinalRecord {
  format: 'delib.final-record/1';
  session: {
    year: number;
    regulationId: string;
    diploma: string;
    specialty: string;
    reference: string;
    centre: string;
    academie: string;
  };
  jury: { id: number; name: string; appointmentRef: string | null };
  members: RecordMember[];
  lockedAt: string;
  lockedBy: string;
  /** Head of the audit chain when the record was locked: it pins the history. */
  audit: { rows: number; head: string };
  candidates: RecordCandidate[];
}

/**
 * A candidate a lock stumbled on: the refusals of `POST /api/juries/:id/lock` (422
 * `INVALID_RECORD`, 409 `INCOMPLETE_CANDIDATES`, 409 `LIVRET_REQUIRED`) list them in
 * `error.details` (see `LockRefusalDetails`).
 */
export interface LockProblem {
  candidateId: number;
  number: string;
  /** `NOM Prénom`. */
  name: string;
  /** French, for a person. */
  message: string;
}

/** `error.details` of a refused lock. */
export interface LockRefusalDetails {
  candidates: LockProblem[];
}

/** `POST /api/juries/:id/lock` (201). */
export interface LockAnswer {
  sha256: string;
  record: FinalRecord;
}

/** A correction of the locked record by the jury's president (`rectificatif`). */
export interface RecordAmendment {
  id: number;
  candidateId: number;
  /** The unit corrected, or null for the decision. */
  unit: string | null;
  before: unknown;
  after: unknown;
  reason: string;
  /** Display name of the president who wrote it. */
  author: string;
  createdAt: string;
}

/** `GET /api/juries/:id/record`. */
export interface LockedRecord extends LockAnswer {
  amendments: RecordAmendment[];
}

/** `POST /api/juries/:id/sign` (201 when signed now, 200 when it already was). */
export interface MinuteSignatureAnswer {
  created: boolean;
  juryId: number;
  recordSha256: string;
  /** `3f2a 9b1c 0d4e`: the first 12 hex digits of `recordSha256`, by four. */
  verificationCode: string;
  keyId: string;
  /** Ed25519 public key, base64. */
  publicKey: string;
  signedAt: string;
  /** Display name of the president who signed. */
  signer: string;
  /** SHA-256 of the minute PDF rendered at signing. */
  pdfSha256: string;
}

export type VerdictCode =
  | 'authentic'
  | 'not-a-pdf'
  | 'no-minute'
  | 'unreadable-attachment'
  | 'record-altered'
  | 'invalid-signature'
  | 'modified-after-signing'
  | 'other-layout'
  | 'too-large';

/** `POST /api/verify` (and `delib verify`): what a signed minute PDF proves. */
export interface MinuteVerdict {
  authentic: boolean;
  code: VerdictCode;
  /** In French, for a person. */
  reason: string;
  /** The signed record, once its signature is established (even if the pages were altered). */
  record?: FinalRecord;
  signature?: {
    keyId: string;
    signedAt: string;
    signer: string;
    publicKey: string;
    centre: string;
    recordSha256: string;
    verificationCode: string;
  };
  /** Whether the key is one of this centre's keys; only when a database is given. */
  knownKey?: boolean;
}
