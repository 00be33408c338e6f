import type {
  CandidateChanges,
  CandidateImportResult,
  FieldChange,
  ImportReport,
  SessionUser,
} from '@delib/protocol';
import { formatEntry } from '@delib/rules';
import type { AuditEvent, AuditTrail } from '../audit/audit-trail.js';
import type { Db } from '../db/open-database.js';
import { CANDIDATE_COLUMNS, candidateCells, CONSENT_COLUMN } from './csv/candidate-format.js';
import type { CandidateRecord } from './csv/candidate-format.js';
import { candidateRows } from './csv/candidate-rows.js';
import { readCsv } from './csv/read-csv.js';
import type { ExamSessionContext } from '../exam-sessions/exam-sessions.js';
import { importReport, problem } from './import-problem.js';
import { sameEntry, sessionCandidates } from './session-candidates.js';
import type { SessionCandidate } from './session-candidates.js';

/**
 * The candidate import: the candidate file is checked line by line against the regulation
 * and against what is stored; the preview lists every problem and every change; the import
 * writes nothing unless every line is valid, and then writes everything in one transaction.
 * A candidate is found again by its number: importing the same file twice changes nothing.
 * Candidates absent from the file are left as they are (counted in `notInFile`).
 */

interface PlannedCandidate {
  line: number;
  record: CandidateRecord;
  stored: SessionCandidate | undefined;
  fields: FieldChange[];
}

const emptyChanges = (): CandidateChanges => ({
  created: [],
  updated: [],
  unchanged: 0,
  notInFile: 0,
});

function planCandidates(
  db: Db,
  session: ExamSessionContext,
  bytes: Uint8Array,
): { report: ImportReport<CandidateChanges>; planned: PlannedCandidate[] } {
  const reading = readCsv(bytes);
  if (!reading.ok) {
    return {
      report: {
        rows: 0,
        encoding: null,
        separator: null,
        ignoredColumns: [],
        problems: [reading.problem],
        changes: emptyChanges(),
      },
      planned: [],
    };
  }
  const { table } = reading;
  const { regulation } = session;
  const parsed = candidateRows(table, regulation, session.year);
  const problems = [...parsed.problems];
  const stored = sessionCandidates(db, session.id);
  const columnOf = (name: string): string => {
    const index = table.header.findIndex(
      (cell) => cell.localeCompare(name, 'fr', { sensitivity: 'base' }) === 0,
    );
    return index === -1 ? name : (table.header[index] as string);
  };
  const changes = emptyChanges();
  const planned: PlannedCandidate[] = [];
  const listed = new Set<string>();
  for (const { line, publicationConsent, ...read } of parsed.candidates) {
    const existing = stored.get(read.number);
    // A file without the consent column leaves a stored candidate's consent as it is.
    const record: CandidateRecord = {
      ...read,
      publicationConsent: publicationConsent ?? existing?.record.publicationConsent ?? false,
    };
    listed.add(record.number);
    const name = `${record.lastName} ${record.firstName}`;
    const before = problems.length;
    for (const [unit, entry] of Object.entries(record.entries)) {
      const held = existing?.entries[unit];
      if (held && !('kept' in held) && !('exempt' in held)) {
        problems.push(
          problem(
            line,
            columnOf('kept' in entry ? 'bénéfices' : 'dispenses'),
            'ENTRY_CONFLICT',
            `Unité ${unit} : une note d’écrit est déjà enregistrée pour ce candidat (${formatEntry(held)}) ; ${'kept' in entry ? 'un bénéfice' : 'une dispense'} ne peut pas la remplacer.`,
          ),
        );
      }
    }
    let fields: FieldChange[] = [];
    if (existing) {
      const now = candidateCells(regulation, existing.record);
      const next = candidateCells(regulation, record);
      fields = CANDIDATE_COLUMNS.filter((column) => now[column] !== next[column]).map((column) => ({
        column,
        before: now[column],
        after: next[column],
      }));
      // The consent to publication is no input of the deliberation: it may change after the lock.
      const frozen = fields.filter((field) => field.column !== CONSENT_COLUMN);
      if (frozen.length > 0 && existing.locked) {
        problems.push(
          problem(
            line,
            columnOf(frozen[0]?.column ?? 'numéro'),
            'JURY_LOCKED',
            `Candidat ${record.number} : son jury a verrouillé la délibération, plus rien ne peut changer (${frozen.map((field) => field.column).join(', ')}). Une correction passe par un rectificatif du président.`,
          ),
        );
      }
    }
    if (problems.length > before) continue;
    planned.push({ line, record, stored: existing, fields });
    if (!existing) changes.created.push({ line, number: record.number, name });
    else if (fields.length > 0) changes.updated.push({ line, number: record.number, name, fields });
    else changes.unchanged += 1;
  }
  changes.notInFile = [...stored.keys()].filter((number) => !listed.has(number)).length;
  if (parsed.carried.length > 0) changes.carried = parsed.carried;
  return {
    report: importReport(table, parsed.ignoredColumns, problems, changes),
    planned,
  };
}

export function previewCandidates(
  db: Db,
  session: ExamSessionContext,
  bytes: Uint8Array,
): ImportReport<CandidateChanges> {
  return planCandidates(db, session, bytes).report;
}

/**
 * Imports the file when every line is valid (`applied: true`), in one immediate transaction
 * that also plans, so nothing can slip in between the check and the writes.
 */
export function importCandidates(
  db: Db,
  audit: AuditTrail,
  session: ExamSessionContext,
  bytes: Uint8Array,
  actor: SessionUser,
): CandidateImportResult {
  return db
    .transaction(() => {
      const { report, planned } = planCandidates(db, session, bytes);
      if (report.problems.length > 0) return { ...report, applied: false };
      writeCandidates(db, audit, session.id, planned, actor);
      return { ...report, applied: true };
    })
    .immediate();
}

function writeCandidates(
  db: Db,
  audit: AuditTrail,
  sessionId: number,
  planned: PlannedCandidate[],
  actor: SessionUser,
): void {
  const insert = db.prepare(
    `INSERT INTO candidates (exam_session_id, number, last_name, first_name, birth_date, status, lv1, lv2, publication_consent)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
  );
  const update = db.prepare(
    `UPDATE candidates SET last_name = ?, first_name = ?, birth_date = ?, status = ?, lv1 = ?, lv2 = ?,
       publication_consent = ?
     WHERE id = ?`,
  );
  const clearOptions = db.prepare('DELETE FROM candidate_options WHERE candidate_id = ?');
  const addOption = db.prepare('INSERT INTO candidate_options (candidate_id, unit) VALUES (?, ?)');
  const putEntry = db.prepare(
    `INSERT INTO candidate_entries (candidate_id, unit, entry) VALUES (?, ?, ?)
     ON CONFLICT (candidate_id, unit) DO UPDATE SET entry = excluded.entry`,
  );
  const dropEntry = db.prepare('DELETE FROM candidate_entries WHERE candidate_id = ? AND unit = ?');
  const events: AuditEvent[] = [];
  for (const { record, stored, fields } of planned) {
    if (stored && fields.length === 0) continue;
    let id: number;
    if (stored) {
      id = stored.id;
      update.run(
        record.lastName,
        record.firstName,
        record.birthDate,
        record.status,
        record.lv1,
        record.lv2,
        record.publicationConsent ? 1 : 0,
        id,
      );
    } else {
      ({ id } = insert.get(
        sessionId,
        record.number,
        record.lastName,
        record.firstName,
        record.birthDate,
        record.status,
        record.lv1,
        record.lv2,
        record.publicationConsent ? 1 : 0,
      ) as { id: number });
    }
    if (!stored || stored.record.options.join(' ') !== record.options.join(' ')) {
      clearOptions.run(id);
      for (const unit of record.options) addOption.run(id, unit);
    }
    const previous = stored?.record.entries ?? {};
    for (const unit of new Set([...Object.keys(previous), ...Object.keys(record.entries)])) {
      const before = previous[unit];
      const after = record.entries[unit];
      if (sameEntry(before, after)) continue;
      if (after) putEntry.run(id, unit, JSON.stringify(after));
      else dropEntry.run(id, unit);
      events.push({
        userId: actor.id,
        role: actor.role,
        document: null,
        candidateId: id,
        unit,
        action: 'import-candidats',
        before: before ?? null,
        after: after ?? null,
        reason: null,
      });
    }
  }
  audit.append(events);
}
