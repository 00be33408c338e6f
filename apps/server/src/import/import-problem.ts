import type { ImportProblem, ImportReport, ScheduleChanges } from '@delib/protocol';
import { HttpError } from '../http/http-error.js';
import type { CsvTable } from './csv/csv-table.js';

/** The codes of the import problems (`ImportProblem`, `@delib/protocol`) this server gives. */
export type ImportProblemCode =
  | 'UNREADABLE_FILE'
  | 'EMPTY_FILE'
  | 'MISSING_COLUMN'
  | 'DUPLICATE_COLUMN'
  | 'EXTRA_FIELDS'
  | 'REQUIRED'
  | 'INVALID_CANDIDATE_NUMBER'
  | 'DUPLICATE_NUMBER'
  | 'INVALID_NAME'
  | 'INVALID_DATE'
  | 'UNKNOWN_STATUS'
  | 'INVALID_LANGUAGE'
  | 'UNKNOWN_UNIT'
  | 'NOT_OPTIONAL'
  | 'TOO_MANY_OPTIONS'
  | 'LV2_REQUIRED'
  | 'LV2_EQUALS_LV1'
  | 'LV2_WITHOUT_OPTION'
  | 'INVALID_BENEFICE'
  | 'DUPLICATE_UNIT'
  | 'BENEFICE_AND_DISPENSE'
  | 'ENTRY_CONFLICT'
  | 'UNKNOWN_CANDIDATE'
  | 'NAME_MISMATCH'
  | 'NOT_WRITTEN_UNIT'
  | 'NO_UNIT_COLUMN'
  | 'INVALID_WRITTEN_ENTRY'
  | 'JURY_LOCKED'
  | 'UNKNOWN_COMMISSION'
  | 'AMBIGUOUS_COMMISSION'
  | 'INVALID_POSITION'
  | 'DUPLICATE_POSITION'
  | 'DUPLICATE_PASSAGE'
  | 'INVALID_TIME'
  | 'OTHER_JURY'
  | 'NOTHING_HEARD'
  | 'UNIT_HEARD_TWICE';

export function problem(
  line: number | null,
  column: string | null,
  code: ImportProblemCode | string,
  message: string,
): ImportProblem {
  return { line, column, code, message };
}

/** Problems in reading order: by line, the file-wide ones (no line) first. */
export function sortProblems(problems: ImportProblem[]): ImportProblem[] {
  return [...problems].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}

/** The preview of a readable file: how it was read, its problems in order, what it changes. */
export function importReport<Changes>(
  table: CsvTable,
  ignoredColumns: string[],
  problems: ImportProblem[],
  changes: Changes,
): ImportReport<Changes> {
  return {
    rows: table.rows.length,
    encoding: table.encoding,
    separator: table.separator,
    ignoredColumns,
    problems: sortProblems(problems),
    changes,
  };
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count > 1 ? 's' : ''}`;
}

/** 422: the file has problems and nothing was imported (the report in `details`). */
export function refuseInvalid(report: ImportReport<unknown>): never {
  throw new HttpError(
    422,
    'IMPORT_INVALID',
    `Le fichier comporte ${plural(report.problems.length, 'problème')} : rien n’a été importé.`,
    report,
  );
}

/** 422: a schedule or a jury assignment has problems and nothing was saved. */
export function refuseSchedule(
  rows: number,
  problems: ImportProblem[],
  changes: ScheduleChanges | null,
): never {
  throw new HttpError(
    422,
    'IMPORT_INVALID',
    `Le planning comporte ${plural(problems.length, 'problème')} : rien n’a été enregistré.`,
    { rows, problems, changes },
  );
}

/**
 * 409: the schedule would take entries off the jury's board and the request did not carry the
 * token of exactly those entries. Nothing was saved; the report (with `leaving` and the
 * token) is in `details`.
 */
export function refuseUnconfirmedSchedule(
  rows: number,
  changes: ScheduleChanges,
  ignoredColumns?: string[],
): never {
  const removed = changes.removed.length;
  const leaving = changes.leaving.length;
  const kept =
    leaving > 1
      ? 'conservées, elles reviendront avec leur passage'
      : 'conservée, elle reviendra avec son passage';
  throw new HttpError(
    409,
    'CONFIRMATION_REQUIRED',
    `${plural(removed, 'passage')} retiré${removed > 1 ? 's' : ''} ôterai${removed > 1 ? 'en' : ''}t ${plural(leaving, 'saisie')} du tableau du jury (${kept}) : vérifier chaque saisie et confirmer.`,
    { rows, problems: [], changes, applied: false, ...(ignoredColumns ? { ignoredColumns } : {}) },
  );
}
