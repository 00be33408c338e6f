import { DEFAULT_ALERT_GAP_HUNDREDTHS } from '@delib/rules';
import type { AuditTrail } from '../audit/audit-trail.js';
import type { Db } from '../db/open-database.js';

/** The session's alert gap in hundredths of a point (the default when none was set). */
export function alertGapOf(db: Db, examSessionId: number): number {
  const row = db
    .prepare(
      'SELECT alert_gap_hundredths AS gap FROM harmonisation_settings WHERE exam_session_id = ?',
    )
    .get(examSessionId) as { gap: number } | undefined;
  return row?.gap ?? DEFAULT_ALERT_GAP_HUNDREDTHS;
}

/**
 * Stores a checked gap for a session, with its audit row (`reglage-harmonisation`, before and
 * after in hundredths), in one transaction.
 */
export function setAlertGap(
  db: Db,
  audit: AuditTrail,
  examSessionId: number,
  gapHundredths: number,
  user: { id: string; role: string },
): void {
  db.transaction(() => {
    const before = alertGapOf(db, examSessionId);
    db.prepare(
      `INSERT INTO harmonisation_settings (exam_session_id, alert_gap_hundredths, updated_at, updated_by)
       VALUES (?, ?, ?, ?)
       ON CONFLICT (exam_session_id) DO UPDATE SET alert_gap_hundredths = excluded.alert_gap_hundredths,
         updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    ).run(examSessionId, gapHundredths, new Date().toISOString(), user.id);
    audit.append([
      {
        userId: user.id,
        role: user.role,
        document: null,
        candidateId: null,
        unit: null,
        action: 'reglage-harmonisation',
        before: { examSessionId, alertGapHundredths: before },
        after: { examSessionId, alertGapHundredths: gapHundredths },
        reason: null,
      },
    ]);
  })();
}
