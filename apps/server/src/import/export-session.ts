import { writtenUnits } from '@delib/rules';
import type { Db } from '../db/open-database.js';
import { CANDIDATE_COLUMNS, candidateCells } from './csv/candidate-format.js';
import { writeCsv } from './csv/write-csv.js';
import { writtenCell } from './csv/written-marks-rows.js';
import type { ExamSessionContext } from '../exam-sessions/exam-sessions.js';
import { sessionCandidates } from './session-candidates.js';

/**
 * Exports a session in the import formats, so that exporting and importing into a fresh
 * database gives the same session: the candidate file (identity, options, LV2, bénéfices,
 * dispenses) and the written-marks file (one column per written unit; a unit held by a
 * bénéfice or a dispense is left empty there, since the candidate file carries it).
 */

export function candidatesCsv(db: Db, session: ExamSessionContext): Buffer {
  const rows = [...sessionCandidates(db, session.id).values()].map((candidate) => {
    const cells = candidateCells(session.regulation, candidate.record);
    return CANDIDATE_COLUMNS.map((column) => cells[column]);
  });
  return writeCsv(CANDIDATE_COLUMNS, rows);
}

export function writtenMarksCsv(db: Db, session: ExamSessionContext): Buffer {
  const units = writtenUnits(session.regulation).map((unit) => unit.code);
  const rows = [...sessionCandidates(db, session.id).values()].map(({ record, entries }) => [
    record.number,
    record.lastName,
    record.firstName,
    ...units.map((unit) => writtenCell(entries[unit])),
  ]);
  return writeCsv(['numéro', 'nom', 'prénom', ...units], rows);
}

/** A file name for a download: `candidats-2027-lycee-jean-moulin-lyon.csv`. */
export function exportFileName(kind: string, session: ExamSessionContext): string {
  const centre = session.centre
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40);
  return `${kind}-${session.year}${centre ? `-${centre}` : ''}.csv`;
}
