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
  | 'unknown-key'
  | 'unknown-code'
  | 'not-a-pdf'
  | 'no-minute'
  | 'unreadable-attachment'
  | 'record-altered'
  | 'invalid-signature'
  | 'modified-after-signing'
  | 'other-layout'
  | 'too-large';

/**
 * The three answers a verification gives:
 *
 * - `authentic`: the signature holds, nothing was changed, and the key that signed is one the
 *   centre publishes (`GET /api/keys`);
 * - `unknown-key`: the file is intact and its signature holds, but with a key the centre does
 *   not publish: anyone can make such a file with a key of their own, so it proves nothing
 *   about its origin (« intègre, clé inconnue »);
 * - `not-authentic`: altered, unreadable, or nothing signed in it.
 */
export type VerdictOutcome = 'authentic' | 'unknown-key' | 'not-authentic';

/** What was recognised in the file: the minute, or one or more relevés de notes. */
export type SignedDocumentKind = 'minute' | 'transcripts';

/**
 * A relevé de notes' signed content (`delib.transcript-extract/1`): one candidate's entry of
 * the locked record, verbatim, with what the relevé prints about the session and the jury.
 * Each relevé carries its own extract and signature, never the other candidates' marks.
 */
export interface TranscriptExtract {
  format: 'delib.transcript-extract/1';
  /** SHA-256 of the locked record (the signed minute) this extract is taken from. */
  minuteRecordSha256: string;
  session: FinalRecord['session'];
  jury: FinalRecord['jury'];
  lockedAt: string;
  candidate: RecordCandidate;
}

/** A relevé recognised in a file (or found by its code), with its own verification code. */
export interface VerifiedTranscript {
  verificationCode: string;
  extract: TranscriptExtract;
}

/**
 * `POST /api/verify` (a PDF), `GET /api/verify/:code` (a verification code) and
 * `delib verify`: what a signed minute or relevé proves.
 */
export interface MinuteVerdict {
  /** True only when `outcome` is `authentic`. */
  authentic: boolean;
  outcome: VerdictOutcome;
  code: VerdictCode;
  /** In French, for a person. */
  reason: string;
  document?: SignedDocumentKind;
  /** The signed record, once its signature is established (even if the pages were altered). */
  record?: FinalRecord;
  /** The signed relevés, once their signatures are established. */
  transcripts?: VerifiedTranscript[];
  signature?: {
    keyId: string;
    signedAt: string;
    signer: string;
    publicKey: string;
    centre: string;
    recordSha256: string;
    verificationCode: string;
  };
  /** Whether the key that signed is one the centre publishes; given once a signature is read. */
  knownKey?: boolean;
}
