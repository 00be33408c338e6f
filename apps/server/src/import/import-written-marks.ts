import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type {
  ImportReport,
  MarkChange,
  SessionUser,
  StoredEntry,
  WrittenMarksChanges,
  WrittenMarksOutcome,
} from '@delib/protocol';
import { formatEntry } from '@delib/rules';
import type { AuditEvent, AuditTrail } from '../audit/audit-trail.js';
import type { Db } from '../db/open-database.js';
import { foldText } from './csv/match-columns.js';
import { readCsv } from './csv/read-csv.js';
import { writtenMarksRows } from './csv/written-marks-rows.js';
import type { ExamSessionContext } from '../exam-sessions/exam-sessions.js';
import { importReport, problem } from './import-problem.js';
import { sameEntry, sessionCandidates } from './session-candidates.js';

/**
 * The written-marks import (U1, U21, U3, U5, U6). Like the candidate import it previews
 * every problem and writes nothing unless every line is valid. A cell that would replace a
 * mark already stored is a modification: the preview lists them (before → after, per
 * candidate) with a `confirmation` token, and the import refuses to apply modifications
 * unless it is given that very token (so what is applied is what was shown). Every stored
 * change, new or modified, adds a row to the audit trail.
 */

interface PlannedEntry {
  candidateId: number;
  unit: string;
  before: StoredEntry | null;
  after: StoredEntry;
}

function planWrittenMarks(
  db: Db,
  session: ExamSessionContext,
  bytes: Uint8Array,
): { report: ImportReport<WrittenMarksChanges>; planned: PlannedEntry[] } {
  const changes: WrittenMarksChanges = {
    units: [],
    added: 0,
    unchanged: 0,
    modified: [],
    confirmation: null,
  };
  const reading = readCsv(bytes);
  if (!reading.ok) {
    return {
      report: {
        rows: 0,
        encoding: null,
        separator: null,
        ignoredColumns: [],
        problems: [reading.problem],
        changes,
      },
      planned: [],
    };
  }
  const { table } = reading;
  const parsed = writtenMarksRows(table, session.regulation);
  changes.units = parsed.units;
  const problems = [...parsed.problems];
  const stored = sessionCandidates(db, session.id);
  const numberColumn = parsed.columnNames.number ?? 'numéro';
  const planned: PlannedEntry[] = [];
  for (const row of parsed.rows) {
    const candidate = stored.get(row.number);
    if (!candidate) {
      problems.push(
        problem(
          row.line,
          numberColumn,
          'UNKNOWN_CANDIDATE',
          `Aucun candidat n° ${row.number} dans cette session : importer d’abord la liste des candidats.`,
        ),
      );
      continue;
    }
    const { record } = candidate;
    const name = `${record.lastName} ${record.firstName}`;
    const before = problems.length;
    for (const [field, column] of [
      ['lastName', parsed.columnNames.lastName],
      ['firstName', parsed.columnNames.firstName],
    ] as const) {
      const given = row[field];
      if (given !== null && column !== null && foldText(given) !== foldText(record[field])) {
        problems.push(
          problem(
            row.line,
            column,
            'NAME_MISMATCH',
            `Le n° ${row.number} est celui de ${name}, pas de « ${given} » : vérifier le numéro.`,
          ),
        );
      }
    }
    const rowPlan: PlannedEntry[] = [];
    const rowChanges: MarkChange[] = [];
    let added = 0;
    let unchanged = 0;
    for (const cell of row.cells) {
      const held = candidate.entries[cell.unit];
      if (held && ('kept' in held || 'exempt' in held)) {
        problems.push(
          problem(
            row.line,
            cell.column,
            'ENTRY_CONFLICT',
            `Unité ${cell.unit} : ce candidat a ${'kept' in held ? `un bénéfice (${formatEntry(held)})` : 'une dispense'} ; laisser la case vide, ou retirer d’abord ${'kept' in held ? 'le bénéfice' : 'la dispense'} dans la liste des candidats.`,
          ),
        );
        continue;
      }
      if (sameEntry(held, cell.entry)) {
        unchanged += 1;
        continue;
      }
      if (candidate.locked) {
        problems.push(
          problem(
            row.line,
            cell.column,
            'JURY_LOCKED',
            `Candidat ${row.number} : son jury a verrouillé la délibération, la note de ${cell.unit} ne peut plus changer. Une correction passe par un rectificatif du président.`,
          ),
        );
        continue;
      }
      rowPlan.push({
        candidateId: candidate.id,
        unit: cell.unit,
        before: held ?? null,
        after: cell.entry,
      });
      if (held) {
        rowChanges.push({
          line: row.line,
          number: row.number,
          name,
          unit: cell.unit,
          before: held,
          after: cell.entry,
          beforeText: formatEntry(held),
          afterText: formatEntry(cell.entry),
        });
      } else added += 1;
    }
    if (problems.length > before) continue;
    planned.push(...rowPlan);
    changes.modified.push(...rowChanges);
    changes.added += added;
    changes.unchanged += unchanged;
  }
  changes.confirmation = confirmationOf(changes.modified);
  return {
    report: importReport(table, parsed.ignoredColumns, problems, changes),
    planned,
  };
}

/** A digest of exactly the modifications shown, or null when there is none. */
function confirmationOf(modified: MarkChange[]): string | null {
  if (modified.length === 0) return null;
  const body = canonicalize(
    modified.map(({ number, unit, before, after }) => ({ number, unit, before, after })),
  );
  return createHash('sha256')
    .update(body ?? '')
    .digest('hex')
    .slice(0, 32);
}

export function previewWrittenMarks(
  db: Db,
  session: ExamSessionContext,
  bytes: Uint8Array,
): ImportReport<WrittenMarksChanges> {
  return planWrittenMarks(db, session, bytes).report;
}

export function importWrittenMarks(
  db: Db,
  audit: AuditTrail,
  session: ExamSessionContext,
  bytes: Uint8Array,
  actor: SessionUser,
  confirmation: string | null,
): WrittenMarksOutcome {
  return db
    .transaction((): WrittenMarksOutcome => {
      const { report, planned } = planWrittenMarks(db, session, bytes);
      if (report.problems.length > 0) return { ...report, outcome: 'invalid' };
      if (report.changes.confirmation !== null && report.changes.confirmation !== confirmation)
        return { ...report, outcome: 'unconfirmed' };
      const put = db.prepare(
        `INSERT INTO candidate_entries (candidate_id, unit, entry) VALUES (?, ?, ?)
         ON CONFLICT (candidate_id, unit) DO UPDATE SET entry = excluded.entry`,
      );
      const events: AuditEvent[] = [];
      for (const entry of planned) {
        put.run(entry.candidateId, entry.unit, JSON.stringify(entry.after));
        events.push({
          userId: actor.id,
          role: actor.role,
          document: null,
          candidateId: entry.candidateId,
          unit: entry.unit,
          action: 'import-notes',
          before: entry.before,
          after: entry.after,
          reason: null,
        });
      }
      audit.append(events);
      return { ...report, outcome: 'applied' };
    })
    .immediate();
}
