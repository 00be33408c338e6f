import type { CandidateResult, Decision, UnitLine } from '@delib/rules';
import type { DeliberatedDecision } from './jury-document.js';
import type { MemberCategory } from './roles.js';

/**
 * The final record of a jury (`delib.final-record/3`; records locked before are of format 2
 * or 1 and keep their shape), built by the server with
 * `@delib/rules` at the moment of the lock, and what the HTTP API says about it: the lock,
 * the record, the signature of the minute and the verification of a signed minute.
 */

interface RecordCandidateIdentity {
  id: number;
  number: string;
  lastName: string;
  firstName: string;
  status: string | null;
}

/** The president's confirmation of a computed decision, as the record keeps it. */
export interface DecisionConfirmation {
  /** The president's note (for example, the livret consulted before a refusal), or null. */
  note: string | null;
}

/**
 * What the first group gave a candidate who then took épreuves de contrôle (format 3): the
 * minute and the relevé print it beside the final figures.
 */
export interface FirstGroupRecord {
  total: number | null;
  average: number | null;
  /** `9,20`, or `—` without an average. */
  averageDisplay: string;
  /** `controle`: what allowed the épreuves de contrôle. */
  decision: Decision;
}

/** A deliberated candidate: every mandatory unit has an entry, or an unjustified absence. */
export interface RecordCandidate extends RecordCandidateIdentity {
  /**
   * Format 3: the date of birth (`2006-03-14`), printed on the relevé; null when the centre's
   * import gave none. Absent from records of format 2.
   */
  birthDate?: string | null;
  /**
   * The jury's adjustments carry `by`, the name of the jury member who set each one (format 3,
   * from the audit trail of the jury document).
   */
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
  /**
   * What `computeResult` gives for the final inputs shown in `lines` and `control`: nobody
   * types a decision, the jury acts through adjustments.
   */
  decision: DeliberatedDecision;
  /**
   * The president confirmed this very decision in the jury document; null when not, or when
   * the confirmation named a decision that the final inputs no longer give.
   */
  confirmation: DecisionConfirmation | null;
  livretConsulted: boolean;
  control: CandidateResult['control'];
  /**
   * Format 3: the first group's average and decision, for a candidate whose épreuves de
   * contrôle were applied (`control` not null); null otherwise. Absent from format 2.
   */
  firstGroup?: FirstGroupRecord | null;
  warnings: string[];
}

/**
 * A candidate whose file was incomplete at the lock, listed apart on the minute as "non
 * délibéré": no total, no average, no decision.
 */
export interface NotDeliberatedCandidate extends RecordCandidateIdentity {
  /** Format 3: the date of birth, as for a deliberated candidate. */
  birthDate?: string | null;
  /** The entries the candidate had, and the jury's adjustments. */
  lines: UnitLine[];
  /** Mandatory units without an entry, in the regulation's order. */
  missing: string[];
}

export interface RecordMember {
  name: string;
  category: MemberCategory;
  categoryLabel: string;
  president: boolean;
  present: boolean;
}

/**
 * The émargement taken with the lock (format 3): the members present, as the president
 * attested them in the lock's own transaction; `members` holds who they are.
 */
export interface RecordAttendance {
  /** When the attendance was recorded: the moment of the lock. */
  recordedAt: string;
  /** Display name of the president who locked and attested it. */
  recordedBy: string;
  /** Whether the president confirmed the list in the lock dialog (else: the board's list). */
  confirmedAtLock: boolean;
}

/**
 * Format 3 adds, for each candidate, the date of birth, the author of each adjustment and the
 * first group's figures beside those of the épreuves de contrôle (optional fields above), and
 * the émargement (`attendance`), printed with a signature block; format 2 records (locked
 * before) have none of them. Both share this shape.
 */
export interface FinalRecord {
  format: 'delib.final-record/2' | 'delib.final-record/3';
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
  notDeliberated: NotDeliberatedCandidate[];
  /** Format 3: the émargement recorded with the lock. */
  attendance?: RecordAttendance;
}

/** One correction after the lock, as a rectified minute prints it. */
export interface Rectification {
  candidateId: number;
  number: string;
  /** `NOM Prénom`. */
  name: string;
  /** The unit corrected, or the épreuve de contrôle (`U1`, `LV1`, `U3`) of a contrôle mark. */
  unit: string;
  input: AmendedInput;
  /** The entry, or `{ mark }` (adjustment, contrôle mark), before and after; null: none. */
  before: unknown;
  after: unknown;
  /** The same, as the minute prints them (`12`, `ABS`, `—`, `aucun`). */
  beforeText: string;
  afterText: string;
  reason: string;
  /** Display name of the president who rectified. */
  author: string;
  createdAt: string;
  decision: RecomputedDecision;
}

/**
 * A rectified minute (procès-verbal rectificatif, `delib.rectified-record/1`): the locked
 * record with every correction made since the lock applied, each candidate recomputed by
 * `@delib/rules`, the list of those corrections, and the reference of the original minute,
 * which stays signed and verifiable as it was.
 */
export interface RectifiedRecord extends Omit<FinalRecord, 'format'> {
  format: 'delib.rectified-record/1';
  /** 1 for the first rectified minute of the jury, then 2… each covering every correction so far. */
  sequence: number;
  original: {
    recordSha256: string;
    /** `3f2a 9b1c 0d4e`, as printed on every page of the original minute. */
    verificationCode: string;
    signedAt: string;
    signer: string;
  };
  /** Every correction since the lock, oldest first. */
  rectifications: Rectification[];
}

/** The records whose decisions follow the rules: locked (format 2 or 3) or rectified. */
export type CurrentRecord = FinalRecord | RectifiedRecord;

/**
 * A candidate of a record locked before decisions followed the rules (`delib.final-record/1`):
 * the jury could record a decision of its own beside the computed one, and `incomplet`.
 */
export interface LegacyRecordCandidate extends Omit<RecordCandidate, 'decision' | 'confirmation'> {
  proposedDecision: Decision;
  decision: Decision;
  /** The jury's reason when its decision differs from the proposed one. */
  decisionReason: string | null;
}

/** A record of the former format: still shown, rendered and verified as it was signed. */
export interface LegacyFinalRecord extends Omit<
  FinalRecord,
  'format' | 'candidates' | 'notDeliberated'
> {
  format: 'delib.final-record/1';
  candidates: LegacyRecordCandidate[];
}

/** Any record a database or a signed minute may hold. */
export type SignedRecord = FinalRecord | LegacyFinalRecord | RectifiedRecord;

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
/**
 * `POST /api/juries/:id/lock`: the incomplete candidates the president confirmed by name, and
 * the émargement as the lock dialog showed it (user id → present); the server refuses the lock
 * when it is no longer the jury's attendance.
 */
export interface LockRequest {
  confirmIncomplete: number[];
  attendance?: { userId: string; present: boolean }[];
}

export interface LockAnswer {
  sha256: string;
  record: FinalRecord;
}

/**
 * What an amendment corrects: a unit's entry, the jury's adjustment, or the mark of an épreuve
 * de contrôle (`control`: `unit` then names the choice, `U1`, `LV1`, `U3`), never a decision.
 */
export type AmendedInput = 'entry' | 'adjustment' | 'control';

/** The decision the rules compute before and after an amendment (`incomplet` while units miss). */
export interface RecomputedDecision {
  before: Decision;
  after: Decision;
}

/**
 * `POST /api/juries/:id/amendments`: `after` is the unit's new entry (`{ mark: 12 }`,
 * `{ absent: 'justified' }`…), the jury's new adjusted mark (`{ mark: 12 }`, null to remove
 * the adjustment), or the mark of the épreuve de contrôle named by `unit` (`{ mark: 12 }`, null
 * to remove it; only for a candidate whose first group gives the épreuves de contrôle); the
 * reason is mandatory.
 */
export interface AmendmentRequest {
  candidateId: number;
  unit: string;
  input: AmendedInput;
  after: unknown;
  reason: string;
}

/** The answer to an amendment (201). */
export interface AmendmentAnswer {
  createdAt: string;
  decision: RecomputedDecision;
}

/** A correction of the locked record by the jury's president (`rectificatif`). */
export interface RecordAmendment {
  id: number;
  candidateId: number;
  /**
   * The unit corrected (the épreuve de contrôle, `U1`, `LV1`, `U3`, of a `control` input); null
   * only on the amendments of a decision written before.
   */
  unit: string | null;
  /** What was corrected; null on the amendments of a decision written before. */
  input: AmendedInput | null;
  before: unknown;
  after: unknown;
  reason: string;
  /** The decision recomputed with this correction; null on amendments written before. */
  decision: RecomputedDecision | null;
  /** Display name of the president who wrote it. */
  author: string;
  createdAt: string;
}

/** A signed minute as the jury's pages list it: the original or a rectified one. */
export interface SignedMinuteSummary {
  verificationCode: string;
  signedAt: string;
  signer: string;
}

/** `GET /api/juries/:id/record`: the stored record (of either format) and its amendments. */
export interface LockedRecord {
  sha256: string;
  record: SignedRecord;
  amendments: RecordAmendment[];
  /** The original minute's signature; null while unsigned. */
  signature: SignedMinuteSummary | null;
  /** The rectified minutes signed, oldest first, each with how many corrections it covers. */
  rectifiedMinutes: (SignedMinuteSummary & { sequence: number; rectifications: number })[];
}

/** `POST /api/juries/:id/sign` and `POST /api/juries/:id/rectified-minutes`: the president's password, asked again. */
export interface SignRequest {
  password: string;
}

/** `POST /api/juries/:id/rectified-minutes` (201 when signed now, 200 when it already was). */
export interface RectifiedMinuteAnswer extends MinuteSignatureAnswer {
  sequence: number;
  rectifications: number;
  /** The verification code of the original minute it references. */
  originalVerificationCode: string;
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
 * Only a deliberated candidate has one: its entry is of the record's format (a decision
 * computed and perhaps confirmed, or, under a record of format 1, the jury's decision).
 */
export interface TranscriptExtract {
  /** Format 2: taken from a record of format 3 (relevés laid out as PDF/A, tagged). */
  format: 'delib.transcript-extract/1' | 'delib.transcript-extract/2';
  /** SHA-256 of the locked record (the signed minute) this extract is taken from. */
  minuteRecordSha256: string;
  session: FinalRecord['session'];
  jury: FinalRecord['jury'];
  lockedAt: string;
  candidate: RecordCandidate | LegacyRecordCandidate;
  /**
   * On the relevé of a rectified minute only: that candidate's corrections since the lock
   * (none: the field is left out, and the relevé reads as before).
   */
  rectifications?: Rectification[];
}

/** A relevé recognised in a file (or found by its code), with its own verification code. */
export interface VerifiedTranscript {
  verificationCode: string;
  extract: TranscriptExtract;
}

/**
 * A candidate of a verified document whose results were rectified since it was signed: who
 * (as the document itself names them), which units, and what the replacing rectified minute
 * now gives.
 */
export interface RectifiedCandidate {
  number: string;
  lastName: string;
  firstName: string;
  /** The units corrected since the document was signed, in the order of the corrections. */
  units: string[];
  /** The decision of the replacing rectified minute; null: listed apart there, not deliberated. */
  decision: DeliberatedDecision | null;
  /**
   * For a relevé only: the verification code of the candidate's relevé of the replacing
   * rectified minute (null when the candidate has none, not being deliberated).
   */
  transcriptCode?: string | null;
}

/**
 * What became of a verified document of the centre since it was signed (`rectifiedSince` of a
 * verdict, given only when something did). A rectified minute signed since replaces it for the
 * candidates it corrected; corrections recorded but not yet signed are only said to exist.
 * Nothing here shows more personal data than the document itself: a relevé's holder learns its
 * candidate's decision now and the code of that candidate's current relevé, never the code of a
 * minute listing every candidate.
 */
export interface VerdictRectifications {
  /** The signed rectified minute that replaces the document; null when none does (yet). */
  replacedBy: {
    /** n° of the procès-verbal rectificatif. */
    sequence: number;
    signedAt: string;
    /** Its verification code: given for a procès-verbal only. */
    verificationCode?: string;
  } | null;
  /** The candidates of the document it rectified, in the document's order. */
  candidates: RectifiedCandidate[];
  /** Corrections of the document's candidates recorded after the last signed minute. */
  unsigned: {
    /** When each was recorded, oldest first. */
    recordedAt: string[];
    /** The candidates concerned, as the document names them (no value: nothing is signed). */
    candidates: Pick<RectifiedCandidate, 'number' | 'lastName' | 'firstName'>[];
  } | null;
}

/**
 * What became of a procès-verbal found by its code since it was signed: as
 * `VerdictRectifications`, but counted, never named. The code of a minute can be worked out
 * from any of its relevés (their extract carries the minute's record hash), so a minute's code
 * shows no candidate; the PDF file of the minute shows them.
 */
export interface VerdictRectificationCounts {
  replacedBy: VerdictRectifications['replacedBy'];
  /** How many of the minute's candidates the replacing rectified minute corrected. */
  rectified: number;
  /** Corrections recorded after the last signed minute, and how many candidates they concern. */
  unsigned: { recordedAt: string[]; candidates: number } | null;
}

/**
 * A procès-verbal found by its code (`GET /api/verify/:code`): its header, never its
 * candidates (whoever holds one relevé can work out the minute's code). Only the PDF file of
 * the minute, verified by `POST /api/verify`, shows who is on it.
 */
export interface MinuteHeader {
  format: SignedRecord['format'];
  session: FinalRecord['session'];
  jury: FinalRecord['jury'];
  lockedAt: string;
  /** Every candidate the minute lists, deliberated or listed apart. */
  candidates: number;
  /** The deliberated candidates by decision; a decision nobody got is left out. */
  decisions: Partial<Record<Decision, number>>;
  /** Candidates listed apart, not deliberated. */
  notDeliberated: number;
  /** A procès-verbal rectificatif: its n° and the verification code of the original minute. */
  rectified?: { sequence: number; originalCode: string };
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
  /**
   * The signed record, once its signature is established (even if the pages were altered):
   * from a file only. A procès-verbal found by its code gives `header` instead.
   */
  record?: SignedRecord;
  /** A procès-verbal found by its code: its header, without its candidates. */
  header?: MinuteHeader;
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
  /**
   * A document the centre signed and has rectified since (`POST /api/verify` and
   * `GET /api/verify/:code`): the signature still holds, but the document is no longer the
   * current one, or corrections await signature. Left out when nothing changed. Counted, not
   * named, for a procès-verbal found by its code.
   */
  rectifiedSince?: VerdictRectifications | VerdictRectificationCounts;
}
