/**
 * One line of a candidate's history, as `GET /api/juries/:id/candidates/:candidateId/history`
 * sends it (from the audit trail), oldest first.
 */
export interface HistoryRow {
  id: number;
  /** ISO time of the change. */
  at: string;
  /** Display name of who made the change (their user id when unknown); null without a user. */
  who: string | null;
  role: string | null;
  unit: string | null;
  /** `saisie`, `ajustement`, `décision`, `rectificatif`, `import-notes`… */
  action: string;
  before: unknown;
  after: unknown;
  reason: string | null;
}
