/**
 * The list of admitted candidates published after the lock (`GET /api/admin/exam-sessions/:id/
 * publication`, `GET /api/juries/:id/publication`, and their `.csv`): read from the locked
 * records only, never from live marks.
 */

/** One admitted candidate; the name only when the candidate consented to its publication. */
export interface PublishedCandidate {
  number: string;
  /** `null`: no consent, the list shows the number only. */
  lastName: string | null;
  firstName: string | null;
  juryId: number;
  /** Admitted by a correction after the lock (rectificatif), not by the locked record itself. */
  byAmendment: boolean;
}

/** A jury of the list: a jury not locked yet publishes nothing ("non encore délibéré"). */
export interface PublicationJury {
  id: number;
  name: string;
  locked: boolean;
  lockedAt: string | null;
  /** Admitted candidates of this jury; 0 while not locked. */
  admitted: number;
}

export interface AdmittedList {
  /** The whole session (every locked jury), or one jury. */
  scope: 'session' | 'jury';
  session: {
    id: number;
    year: number;
    diploma: string;
    specialty: string;
    centre: string;
    academie: string;
  };
  juries: PublicationJury[];
  /** By candidate number. */
  candidates: PublishedCandidate[];
  /** Admitted candidates listed by number only (no consent). */
  withoutName: number;
  /** When the list was read (ISO 8601). */
  readAt: string;
}
