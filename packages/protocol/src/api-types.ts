import type { MemberCategory, Role } from './roles.js';

/** JSON shapes of the HTTP API (`/api/...`). Entries follow `@delib/rules`. */

export interface SessionUser {
  id: string;
  login: string;
  name: string;
  role: Role;
}

export interface CommissionSummary {
  id: number;
  name: string;
  room: string;
  juryId: number;
  units: string[];
}

export interface JurySummary {
  id: number;
  name: string;
  /** The user's place in this jury. */
  as: 'president' | 'member';
  locked: boolean;
}

export interface MeResponse {
  user: SessionUser;
  commissions: CommissionSummary[];
  juries: JurySummary[];
}

export interface ExamSessionInfo {
  id: number;
  year: number;
  regulationId: string;
  centre: string;
  academie: string;
}

export interface PassageView {
  candidateId: number;
  number: string;
  lastName: string;
  firstName: string;
  position: number;
  /** Scheduled time of passage, `HH:MM`, or null. */
  time: string | null;
  /** The units this room hears for this candidate (bénéfices and dispenses excluded). */
  units: string[];
  /** Language of the unit when relevant (LV1 for U22, LV2 for UF1). */
  languages: Record<string, string>;
}

export interface CommissionView {
  commission: CommissionSummary;
  session: ExamSessionInfo;
  document: string;
  locked: boolean;
  passages: PassageView[];
}

/**
 * `GET /api/commissions/:id/writers`: who wrote under each Yjs client id of the room's current
 * document (the server records the owner of every client id, `document_clients`). The room's
 * page reads it to name the examiner whose value replaced this one's.
 */
export interface CommissionWriters {
  writers: { client: number; name: string; /** The requesting user. */ own: boolean }[];
}

/** A unit entry as stored by the server (written marks, bénéfices, dispenses). */
export type StoredEntry =
  | { mark: number }
  | { absent: 'justified' | 'unjustified' }
  | { exempt: true }
  | { kept: { mark: number; session: number } };

export interface BoardCandidate {
  id: number;
  number: string;
  lastName: string;
  firstName: string;
  /** scolaire, apprenti, formation continue, individuel (no livret scolaire). */
  status: string | null;
  lv1: string | null;
  lv2: string | null;
  /** Optional units the candidate registered for. */
  options: string[];
  /** Entries held by the server: written marks, bénéfices, dispenses. */
  stored: Record<string, StoredEntry>;
  /** For each oral unit the candidate takes: the commission that hears it. */
  commissionByUnit: Record<string, number>;
}

export interface BoardMember {
  userId: string;
  name: string;
  category: MemberCategory;
  president: boolean;
}

export interface BoardView {
  jury: { id: number; name: string; locked: boolean; lockedAt: string | null };
  session: ExamSessionInfo;
  members: BoardMember[];
  commissions: (CommissionSummary & { document: string })[];
  juryDocument: string;
  candidates: BoardCandidate[];
}
