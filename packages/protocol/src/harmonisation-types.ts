import type { UnitHarmonisation } from '@delib/rules';

/**
 * JSON of the harmonisation routes: the centre's statistics of the oral marks (admin), the
 * jury's context for its board (the session's gap and who wrote each mark), the gap setting.
 */

export interface HarmonisationPerson {
  userId: string;
  name: string;
}

export interface HarmonisationCommission {
  id: number;
  name: string;
  room: string;
  juryId: number;
  juryName: string;
  /** The room's examiners, as the admin assigned them. */
  examiners: HarmonisationPerson[];
}

/** `GET /api/admin/exam-sessions/:id/harmonisation`: every jury of the session. */
export interface SessionHarmonisation {
  sessionId: number;
  /** The gap beyond which a commission's mean raises an alert, in hundredths of a point. */
  alertGapHundredths: number;
  /** A commission needs this many marks of a unit before it raises an alert. */
  minimumMarks: number;
  commissions: HarmonisationCommission[];
  /** Everyone who wrote a mark in force (the audit trail's last writer of each cell). */
  examiners: HarmonisationPerson[];
  /** Per oral unit, the cohort (every mark of the session), each commission, each examiner. */
  units: UnitHarmonisation[];
}

/** Who wrote the mark in force in one cell of a commission document. */
export interface MarkWriter {
  commissionId: number;
  candidateId: number;
  unit: string;
  userId: string;
}

/** `GET /api/juries/:id/harmonisation`: what the board needs besides its live documents. */
export interface JuryHarmonisationContext {
  alertGapHundredths: number;
  minimumMarks: number;
  examiners: HarmonisationPerson[];
  writers: MarkWriter[];
}

/** `PUT /api/admin/exam-sessions/:id/harmonisation`: the gap in points (`"1,5"` or 1.5). */
export interface HarmonisationSettingsBody {
  alertGap: string | number;
}

export interface HarmonisationSettings {
  alertGapHundredths: number;
}
