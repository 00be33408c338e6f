import type { Regulation, UnitForm } from '@delib/rules';
import type { CommissionSummary, MeResponse, StoredEntry } from './api-types.js';
import type { MemberCategory, Role } from './roles.js';
import type { SessionSettingsView, UploadedRegulationInfo } from './regulation-api-types.js';

/**
 * JSON shapes of the admin routes (`/api/admin/...`, apps/server/src/setup) and of the public
 * invitation route (`POST /api/invitations/redeem`): answers and request bodies. The server
 * builds its answers with these types; the web reads them with the same ones.
 */

/** One regulation of `GET /api/admin/regulations`, with its units. */
export interface RegulationChoice {
  id: string;
  label: string;
  specialty: string;
  units: {
    code: string;
    epreuve: string;
    label: string;
    form: UnitForm;
    optional: boolean;
    exemptable: boolean;
  }[];
  maxOptionalUnits: number;
  /** The text it follows (`Arrêté du 15 octobre 2018 ; …`). */
  reference: string;
  /** Null for a regulation shipped with Délib; who uploaded it otherwise. */
  uploaded: UploadedRegulationInfo | null;
  /** Exam sessions that follow it. */
  sessions: number;
}

export interface ExamSessionFields {
  id: number;
  regulationId: string;
  year: number;
  centre: string;
  academie: string;
  /** `AAAA-MM-JJ`, or null. */
  startsOn: string | null;
  endsOn: string | null;
}

/** An exam session with its regulation's label (`POST /api/admin/exam-sessions`, 201). */
export type ExamSessionView = ExamSessionFields & {
  regulationLabel: string;
  /** The session's regulation with its settings in place (what its pages compute with). */
  regulation: Regulation;
};

/** One line of `GET /api/admin/exam-sessions`. */
export interface ExamSessionListing extends ExamSessionFields {
  candidates: number;
  juries: number;
}

/** `GET /api/admin/exam-sessions/:id`. */
export interface ExamSessionDetail {
  session: ExamSessionView;
  candidates: number;
  assignedToJury: number;
  juries: { id: number; name: string; locked: boolean; commissions: number; candidates: number }[];
  /** The session's settings over its regulation's, and whether they are frozen. */
  settings: SessionSettingsView;
}

/** Body of `POST /api/admin/exam-sessions` (dates `AAAA-MM-JJ`). */
export interface NewExamSession {
  regulationId: string;
  year: number;
  centre: string;
  academie: string;
  startsOn: string | null;
  endsOn: string | null;
}

/**
 * One reason a file (or a JSON list) cannot be imported, located for a person: the line of
 * the file (1 is the header; for a JSON list, the 1-based position in the list) and the
 * column as written in the file's header. `code` is stable, for programs (`MISSING_COLUMN`,
 * `INVALID_MARK`…); `message` is French, for a person.
 */
export interface ImportProblem {
  line: number | null;
  column: string | null;
  code: string;
  message: string;
}

/** What a CSV import read, the problems it found and the changes it plans (or made). */
export interface ImportReport<Changes> {
  /** Data lines read (header and empty lines excluded). */
  rows: number;
  /** `utf-8`, `windows-1252` or `utf-16le`; null when the file could not be read. */
  encoding: string | null;
  /** `;`, `,` or a tab; null when the file could not be read. */
  separator: string | null;
  ignoredColumns: string[];
  problems: ImportProblem[];
  changes: Changes;
}

export interface FieldChange {
  column: string;
  before: string;
  after: string;
}

export interface CandidateChanges {
  created: { line: number; number: string; name: string }[];
  updated: { line: number; number: string; name: string; fields: FieldChange[] }[];
  unchanged: number;
  /** Candidates of the session that the file does not list (they are kept). */
  notInFile: number;
  /**
   * Bénéfices written in a former numbering and carried into the session's (`U41` of 2023 →
   * `U5` under `bts-mco-2024`), through the table of `@delib/rules`.
   */
  carried?: KeptMarkCarried[];
}

export interface KeptMarkCarried {
  line: number;
  number: string;
  /** The code as written in the file, in the former numbering. */
  from: string;
  /** The unit of the session's regulation that holds the bénéfice. */
  to: string;
  /** The bénéfice's session. */
  session: number;
}

/** `POST …/:id/candidates/import`: the report, and whether it was written. */
export type CandidateImportResult = ImportReport<CandidateChanges> & { applied: boolean };

/** `POST …/:id/candidates/preview` (no `applied`) or `…/import`. */
export type CandidateImportReport = ImportReport<CandidateChanges> & { applied?: boolean };

export interface MarkChange {
  line: number;
  number: string;
  name: string;
  unit: string;
  before: StoredEntry;
  after: StoredEntry;
  /** `12` → `13,5`, as shown to a person. */
  beforeText: string;
  afterText: string;
}

export interface WrittenMarksChanges {
  /** Units the file has a column for. */
  units: string[];
  /** Entries for units that had none. */
  added: number;
  unchanged: number;
  /** Entries that replace a different stored one: to be confirmed. */
  modified: MarkChange[];
  /** Token to send back to the import to apply `modified`; null when there is none. */
  confirmation: string | null;
}

/** `POST …/:id/written-marks/import`. */
export type WrittenMarksOutcome = ImportReport<WrittenMarksChanges> & {
  /** `invalid`: problems, nothing written; `unconfirmed`: modifications not confirmed. */
  outcome: 'applied' | 'invalid' | 'unconfirmed';
};

/** `POST …/:id/written-marks/preview` (no `outcome`) or `…/import`. */
export type WrittenMarksReport = ImportReport<WrittenMarksChanges> & {
  outcome?: WrittenMarksOutcome['outcome'];
};

export interface PassageChange {
  line: number;
  number: string;
  commission: string;
  before: { position: number; time: string | null } | null;
  after: { position: number; time: string | null };
}

export interface ScheduleChanges {
  created: PassageChange[];
  updated: PassageChange[];
  removed: { number: string; commission: string }[];
  unchanged: number;
  /** Candidates who join a jury through this schedule. */
  assignedToJury: { number: string; juryId: number }[];
  /** Entries of the removed passages: the board stops showing them (they stay stored). */
  leaving: LeavingEntry[];
  /** Token to send back to apply the change when `leaving` is not empty; null otherwise. */
  confirmation: string | null;
}

/**
 * An entry that a change would take off the jury's board: an examiner's entry in a room the
 * candidate no longer passes in, or the jury's own data on a candidate leaving it. It is
 * never deleted: it stays stored and audited, and shows again when the passage (or the
 * candidate) comes back.
 */
export interface LeavingEntry {
  number: string;
  /** `DURAND Camille`. */
  name: string;
  /** `U22`, or null for what concerns the candidate as a whole (a decision, a note). */
  unit: string | null;
  /** `Saisie en salle`, `Ajustement du jury`, `Décision du jury`, `Note de membre`… */
  kind: string;
  /** In French: `12`, `ABJ`, `14 · motif : oral repris`, `Admis`, `consulté`. */
  value: string;
  /** Where it is kept: `E22 – anglais (Salle B204)` or the jury's name. */
  place: string;
}

/**
 * `DELETE /api/admin/juries/:id/candidates/:candidateId` refused (409 `CONFIRMATION_REQUIRED`,
 * in `error.details`): what would leave the board, and the token to send back as `?confirm=`.
 */
export interface CandidateRemovalPreview {
  number: string;
  name: string;
  leaving: LeavingEntry[];
  confirmation: string | null;
}

/** The schedule import (CSV) and the passages of one commission (JSON). */
export interface ScheduleReport {
  rows: number;
  problems: ImportProblem[];
  changes: ScheduleChanges | null;
  applied: boolean;
  /** CSV only. */
  ignoredColumns?: string[];
}

/** A candidate of the session (`GET /api/admin/exam-sessions/:id/candidates`). */
export interface SessionCandidate {
  id: number;
  juryId: number | null;
  locked: boolean;
  number: string;
  lastName: string;
  firstName: string;
  birthDate: string | null;
  status: string | null;
  lv1: string | null;
  lv2: string | null;
  options: string[];
  /** Every stored entry: written marks, absences, bénéfices, dispenses. */
  entries: Record<string, StoredEntry>;
}

/** One user of `GET /api/admin/users`. */
export interface AdminUser {
  id: string;
  login: string;
  name: string;
  role: Role;
  hasPassword: boolean;
}

/** An existing user, or a new account whose password the admin sets. */
export type PersonInput = { userId: string } | { login: string; name: string; password: string };

export interface JuryMember {
  userId: string;
  name: string;
  category: MemberCategory;
  categoryLabel: string;
  president: boolean;
}

export interface JuryCommission extends CommissionSummary {
  examiners: { userId: string; login: string; name: string }[];
  /** Passages scheduled in this room. */
  passages: number;
}

/** `GET /api/admin/juries/:id` and the answer of every change to a jury. */
export interface JuryDetail {
  jury: {
    id: number;
    examSessionId: number;
    name: string;
    appointmentRef: string | null;
    locked: boolean;
    lockedAt: string | null;
  };
  members: JuryMember[];
  /** French, when teachers and professionals are not in equal numbers. */
  parityWarning: string | null;
  commissions: JuryCommission[];
  candidates: { id: number; number: string; lastName: string; firstName: string }[];
}

/** `POST /api/admin/juries/:id/commissions` (201). */
export interface CreatedCommission {
  commission: CommissionSummary;
  jury: JuryDetail;
}

/** `POST /api/admin/juries/:id/candidates`. */
export interface CandidateAssignment {
  problems: ImportProblem[];
  assigned: number;
  unchanged: number;
}

/** One jury of `GET /api/juries`, as an administrator sees the list. */
export interface AdminJuryListing {
  id: number;
  name: string;
  locked: boolean;
  commissions: Omit<CommissionSummary, 'juryId'>[];
}

/** A member of `POST …/:id/juries` and body of `POST /api/admin/juries/:id/members`. */
export interface NewMember {
  person: PersonInput;
  category: MemberCategory;
  president: boolean;
}

/** Body of `POST /api/admin/exam-sessions/:id/juries`. */
export interface NewJury {
  name: string;
  appointmentRef: string | null;
  members: NewMember[];
}

/** Body of `POST /api/admin/juries/:id/commissions`. */
export interface NewCommission {
  name: string;
  room: string;
  units: string[];
  examiners: PersonInput[];
}

/** One passage of `PUT /api/admin/commissions/:id/passages` (`{ passages: [...] }`). */
export interface PassageInput {
  number: string;
  position: number;
  /** `HH:MM`, or null. */
  time: string | null;
}

export type InvitationStatus = 'active' | 'used' | 'revoked' | 'expired';

export interface InvitationView {
  id: number;
  commission: { id: number; name: string; room: string; juryId: number };
  label: string | null;
  /** Last valid day, `AAAA-MM-JJ` (Europe/Paris). */
  validUntil: string;
  status: InvitationStatus;
  createdAt: string;
  createdBy: string | null;
  usedAt: string | null;
  usedBy: { id: string; name: string; login: string } | null;
  revokedAt: string | null;
}

/** The answer of a new invitation: the code is shown this once. */
export interface CreatedInvitation {
  invitation: InvitationView;
  code: string;
  printableCode: string;
  /** `/invitation/ABCDEFGHJKLM`, relative to the site. */
  link: string;
}

export type RedeemOutcome =
  | 'accepted'
  | 'malformed'
  | 'unknown'
  | 'revoked'
  | 'expired'
  | 'used'
  | 'full'
  | 'locked'
  | 'rate-limited';

/** One line of `GET /api/admin/invitation-attempts` (never the code). */
export interface InvitationAttempt {
  id: number;
  at: string;
  address: string;
  outcome: RedeemOutcome;
  invitationId: number | null;
  userId: string | null;
}

/** `POST /api/invitations/redeem`: the new session, and the room to go to. */
export interface RedeemAnswer extends MeResponse {
  commission: { id: number; name: string; room: string } | null;
  /** `/salle/<id>`. */
  room: string;
}
