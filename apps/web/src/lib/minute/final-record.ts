import type { FinalDecision, MemberCategory } from '@delib/protocol';

/**
 * The parts of the server's final record (`delib.final-record/1`) the pages show. The type is
 * not in `@delib/protocol` yet; this mirrors what `GET /api/juries/:id/record` and
 * `POST /api/verify` send (fields not read here are left out).
 */
export interface RecordCandidateSummary {
  id?: number;
  number: string;
  lastName: string;
  firstName: string;
  averageDisplay: string;
  professionalAverageDisplay?: string;
  decision: FinalDecision;
  decisionReason?: string | null;
}

export interface RecordMemberSummary {
  name: string;
  category: MemberCategory;
  categoryLabel: string;
  president: boolean;
  present: boolean;
}

export interface FinalRecordSummary {
  session: {
    year: number;
    diploma: string;
    specialty: string;
    centre: string;
    academie: string;
  };
  jury: { id?: number; name: string; appointmentRef: string | null };
  members: RecordMemberSummary[];
  lockedAt: string;
  lockedBy: string;
  candidates: RecordCandidateSummary[];
}

/** `GET /api/juries/:id/record`. */
export interface LockedRecord {
  sha256: string;
  record: FinalRecordSummary;
  amendments: unknown[];
}

/** `POST /api/juries/:id/sign`. */
export interface MinuteSignature {
  keyId: string;
  signedAt: string;
  signer: string;
  recordSha256?: string;
  verificationCode?: string;
  publicKey?: string;
}

/** `POST /api/verify`. */
export interface VerifyVerdict {
  authentic: boolean;
  /** French, for a person. */
  reason: string;
  record?: FinalRecordSummary;
  signature?: {
    keyId: string;
    signedAt: string;
    signer: string;
    publicKey: string;
    centre?: string;
    recordSha256?: string;
    verificationCode?: string;
  };
  knownKey?: boolean;
}
