import type { MeResponse, MemberCategory, Role, StoredEntry } from '@delib/protocol';

/**
 * JSON shapes of the admin routes (`/api/admin/...`) and of the public invitation route, as
 * apps/server/src/setup sends them. They are not in `@delib/protocol` yet: these mirror the
 * server (see apps/server/src/setup/README.md).
 */

export interface RegulationChoice {
  id: string;
  label: string;
  specialty: string;
  units: {
    code: string;
    epreuve: string;
    label: string;
    form: 'oral' | 'written';
    optional: boolean;
    exemptable: boolean;
  }[];
  maxOptionalUnits: number;
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

/** One line of `GET /api/admin/exam-sessions`. */
export interface ExamSessionListing extends ExamSessionFields {
  candidates: number;
  juries: number;
}

/** `GET /api/admin/exam-sessions/:id`. */
export interface ExamSessionDetail {
  session: ExamSessionFields & { regulationLabel: string };
  candidates: number;
  assignedToJury: number;
  juries: { id: number; name: string; locked: boolean; commissions: number; candidates: number }[];
}

export interface NewExamSession {
  regulationId: string;
  year: number;
  centre: string;
  academie: string;
  startsOn: string | null;
  endsOn: string | null;
}

/** One reason a file (or a JSON list) cannot be imported: line 1 is the header. */
export interface ImportProblem {
  line: number | null;
  column: string | null;
  code: string;
  message: string;
}

export interface ImportReport<Changes> {
  rows: number;
  encoding: string | null;
  separator: string | null;
  ignoredColumns: string[];
  problems: ImportProblem[];
  changes: Changes;
}

export interface CandidateChanges {
  created: { line: number; number: string; name: string }[];
  updated: {
    line: number;
    number: string;
    name: string;
    fields: { column: string; before: string; after: string }[];
  }[];
  unchanged: number;
  notInFile: number;
}

export type CandidateImportReport = ImportReport<CandidateChanges> & { applied?: boolean };

export interface MarkChange {
  line: number;
  number: string;
  name: string;
  unit: string;
  before: StoredEntry;
  after: StoredEntry;
  beforeText: string;
  afterText: string;
}

export interface WrittenMarksChanges {
  units: string[];
  added: number;
  unchanged: number;
  modified: MarkChange[];
  /** Token to send back to apply `modified`; null when nothing stored changes. */
  confirmation: string | null;
}

export type WrittenMarksReport = ImportReport<WrittenMarksChanges> & {
  outcome?: 'applied' | 'invalid' | 'unconfirmed';
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
  assignedToJury: { number: string; juryId: number }[];
}

/** The schedule import (CSV) and the passages of one commission (JSON). */
export interface ScheduleReport {
  rows: number;
  problems: ImportProblem[];
  changes: ScheduleChanges | null;
  applied: boolean;
  ignoredColumns?: string[];
}

/** A candidate of the session (`GET …/:id/candidates`). */
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
  entries: Record<string, StoredEntry>;
}

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

export interface JuryCommission {
  id: number;
  name: string;
  room: string;
  juryId: number;
  units: string[];
  examiners: { userId: string; login: string; name: string }[];
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

export interface NewMember {
  person: PersonInput;
  category: MemberCategory;
  president: boolean;
}

export interface NewJury {
  name: string;
  appointmentRef: string | null;
  members: NewMember[];
}

export interface NewCommission {
  name: string;
  room: string;
  units: string[];
  examiners: PersonInput[];
}

export interface PassageInput {
  number: string;
  position: number;
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
  /** `/invitation/ABCDEFGH`, relative to the site. */
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
