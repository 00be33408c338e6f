import {
  applySessionSettings,
  sessionSettingsOf,
  type Regulation,
  type SessionSettings,
} from '@delib/rules';
import type { Db } from '../db/db-handle.js';
import { regulationById } from './regulation-catalog.js';

/**
 * The regulation a session's computations and checks use: its regulation (shipped or
 * uploaded) with the session's settings (`exam_sessions.settings`, checked when written) in
 * place of the regulation's own. The same object for the same inputs (cached by the rules).
 */
export function sessionRegulation(
  db: Db,
  regulationId: string,
  settingsText: string | null,
): Regulation {
  const regulation = regulationById(db, regulationId);
  if (settingsText === null) return regulation;
  return applySessionSettings(regulation, storedSettings(regulation, settingsText));
}

/** The stored settings, or the regulation's own when none were chosen. */
export function storedSettings(
  regulation: Regulation,
  settingsText: string | null,
): SessionSettings {
  if (settingsText === null) return sessionSettingsOf(regulation);
  return { ...sessionSettingsOf(regulation), ...(JSON.parse(settingsText) as SessionSettings) };
}

/**
 * Why the settings of a session can no longer change, or null while they can: once a mark
 * exists (an oral entry written in a commission document of the session, or a written mark or
 * absence imported), changing the step, the options or the contrôle would change what was
 * already entered and decided on.
 */
export function settingsFrozenReason(db: Db, examSessionId: number): string | null {
  const oral = db
    .prepare(
      `SELECT 1 FROM audit_log
       WHERE document LIKE 'commission/%' AND candidate_id IN
         (SELECT id FROM candidates WHERE exam_session_id = ?)
       LIMIT 1`,
    )
    .get(examSessionId);
  if (oral) {
    return 'Réglages figés : une première note orale a été saisie dans une salle de cette session.';
  }
  // The entry is JSON: which keys it has is read here rather than with SQLite's json_type,
  // so that the same query runs on PostgreSQL.
  const entries = db
    .prepare(
      `SELECT e.entry FROM candidate_entries e JOIN candidates c ON c.id = e.candidate_id
       WHERE c.exam_session_id = ?`,
    )
    .iterate(examSessionId) as IterableIterator<{ entry: string }>;
  let written = false;
  for (const { entry } of entries) {
    if (holdsAMark(JSON.parse(entry) as unknown)) {
      written = true;
      break;
    }
  }
  if (written) {
    return 'Réglages figés : des notes écrites ont été importées pour cette session.';
  }
  return null;
}

/** An entry with a mark or an absence (the key present, whatever its value). */
function holdsAMark(entry: unknown): boolean {
  return (
    typeof entry === 'object' &&
    entry !== null &&
    !Array.isArray(entry) &&
    (Object.hasOwn(entry, 'mark') || Object.hasOwn(entry, 'absent'))
  );
}
