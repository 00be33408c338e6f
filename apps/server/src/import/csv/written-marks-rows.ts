import type { ImportProblem, StoredEntry } from '@delib/protocol';
import { findUnit, formatMark, isRulesError, parseMark, writtenUnits } from '@delib/rules';
import type { Regulation } from '@delib/rules';
import { problem } from '../import-problem.js';
import { foldText, matchColumns } from './match-columns.js';
import type { ColumnSpec } from './match-columns.js';
import type { CsvTable } from './csv-table.js';

/**
 * Turns the rows of a written-marks file into checked entries, or into problems located by
 * line and column. Pure: whether the candidate exists is checked by import-written-marks.ts.
 *
 * Format: `numéro` (required), `nom` and `prénom` (optional; when present they must match the
 * candidate, a guard against a shifted number), then one column per written unit of the
 * regulation (`U1`, `U21`, `U3`, `U5`, `U6`; any subset, any order). A cell holds:
 *   12,5 or 12.5   a mark from 0 to 20 on the regulation's step
 *   ABS            absent, unjustified (also AB, ABI)
 *   ABJ            absent, justified
 *   (empty)        nothing to import for this unit: what is stored stays as it is
 * Bénéfices and dispenses belong to the candidate file, not here.
 */

type Field = 'number' | 'lastName' | 'firstName';

const SPECS: readonly ColumnSpec<Field>[] = [
  {
    field: 'number',
    label: 'numéro',
    aliases: ['numero candidat', 'numero de candidat', 'n candidat', 'n', 'no', 'num'],
    required: true,
  },
  { field: 'lastName', label: 'nom', aliases: ['nom de famille', 'nom d usage'], required: false },
  { field: 'firstName', label: 'prénom', aliases: ['prenoms'], required: false },
];

const UNJUSTIFIED = new Set(['ABS', 'AB', 'ABI']);
const JUSTIFIED = new Set(['ABJ']);
const FILED_ELSEWHERE = new Set(['DISP', 'DISPENSE', 'BEN', 'BENEFICE', 'NC']);
const LOOKS_LIKE_UNIT = /^U[A-Z]?\d{1,3}$/;

export interface WrittenMarkCell {
  unit: string;
  /** Header of the column, as written. */
  column: string;
  entry: StoredEntry;
}

export interface WrittenMarksRow {
  line: number;
  number: string;
  /** Names as written in the file, when it has the columns (folded for comparison). */
  lastName: string | null;
  firstName: string | null;
  cells: WrittenMarkCell[];
}

export interface WrittenMarksRows {
  rows: WrittenMarksRow[];
  /** Units the file has a column for, in the regulation's order. */
  units: string[];
  problems: ImportProblem[];
  ignoredColumns: string[];
  /** Headers of the number and name columns, as written (null when absent). */
  columnNames: { number: string | null; lastName: string | null; firstName: string | null };
}

/** A written entry as a file cell: `12,5`, `ABS`, `ABJ`. */
export function writtenCell(entry: StoredEntry | undefined): string {
  if (!entry) return '';
  if ('mark' in entry) return formatMark(entry.mark);
  if ('absent' in entry) return entry.absent === 'justified' ? 'ABJ' : 'ABS';
  return '';
}

/** Reads one cell: an entry, null for an empty cell, or a French refusal. */
export function readWrittenCell(
  text: string,
  regulation: Regulation,
): { entry: StoredEntry | null } | { code: string; message: string } {
  const value = text.trim();
  if (value === '') return { entry: null };
  const word = foldText(value).toUpperCase();
  if (UNJUSTIFIED.has(word)) return { entry: { absent: 'unjustified' } };
  if (JUSTIFIED.has(word)) return { entry: { absent: 'justified' } };
  if (FILED_ELSEWHERE.has(word)) {
    return {
      code: 'INVALID_WRITTEN_ENTRY',
      message: `« ${value} » : les dispenses et bénéfices se déclarent dans la liste des candidats ; laisser la case vide ici.`,
    };
  }
  try {
    return { entry: { mark: parseMark(value, regulation) } };
  } catch (error) {
    if (!isRulesError(error)) throw error;
    return {
      code: error.code,
      message: `${error.message} Valeurs possibles : une note, ABS (absent), ABJ (absent justifié) ou vide.`,
    };
  }
}

export function writtenMarksRows(table: CsvTable, regulation: Regulation): WrittenMarksRows {
  const columns = matchColumns(table.header, table.headerLine, SPECS);
  const problems = [...columns.problems];
  const ignoredColumns: string[] = [];
  const written = new Set(writtenUnits(regulation).map((unit) => unit.code));
  const unitColumns: { unit: string; index: number; name: string }[] = [];
  for (const { index, name } of columns.unmatched) {
    const code = foldText(name).replace(/ /g, '').toUpperCase();
    const unit = findUnit(regulation, code);
    if (unit && written.has(code)) {
      const twice = unitColumns.find((column) => column.unit === code);
      if (twice) {
        problems.push(
          problem(
            table.headerLine,
            name,
            'DUPLICATE_COLUMN',
            `La colonne de l’unité ${code} apparaît deux fois (« ${twice.name} » et « ${name} »).`,
          ),
        );
      } else unitColumns.push({ unit: code, index, name });
    } else if (unit) {
      problems.push(
        problem(
          table.headerLine,
          name,
          'NOT_WRITTEN_UNIT',
          `${code} n’est pas une épreuve écrite : ses notes sont saisies en salle ou déclarées dans la liste des candidats. Épreuves écrites : ${[...written].join(', ')}.`,
        ),
      );
    } else if (LOOKS_LIKE_UNIT.test(code)) {
      problems.push(
        problem(
          table.headerLine,
          name,
          'UNKNOWN_UNIT',
          `Unité « ${name} » inconnue du règlement ${regulation.id} (épreuves écrites : ${[...written].join(', ')}).`,
        ),
      );
    } else ignoredColumns.push(name);
  }
  if (unitColumns.length === 0 && problems.length === 0) {
    problems.push(
      problem(
        table.headerLine,
        null,
        'NO_UNIT_COLUMN',
        `Aucune colonne de note : l’en-tête doit nommer au moins une épreuve écrite (${[...written].join(', ')}).`,
      ),
    );
  }
  const headerOf = (field: Field): string | null => {
    const index = columns.index[field];
    return index === undefined ? null : (table.header[index] ?? null);
  };
  const columnNames = {
    number: headerOf('number'),
    lastName: headerOf('lastName'),
    firstName: headerOf('firstName'),
  };
  if (problems.length > 0) return { rows: [], units: [], problems, ignoredColumns, columnNames };

  const order = regulation.units.map((unit) => unit.code);
  unitColumns.sort((a, b) => order.indexOf(a.unit) - order.indexOf(b.unit));
  const numberColumn = columns.index.number as number;
  const numberName = table.header[numberColumn] as string;
  const rows: WrittenMarksRow[] = [];
  const seen = new Map<string, number>();
  for (const row of table.rows) {
    const before = problems.length;
    if (row.extra > 0) {
      problems.push(
        problem(
          row.line,
          null,
          'EXTRA_FIELDS',
          `La ligne compte ${row.extra} champ${row.extra > 1 ? 's' : ''} de plus que l’en-tête : une valeur contient-elle un séparateur sans guillemets ?`,
        ),
      );
    }
    const number = row.values[numberColumn] ?? '';
    if (number === '') {
      problems.push(problem(row.line, numberName, 'REQUIRED', 'Numéro de candidat manquant.'));
    } else if (seen.has(number)) {
      problems.push(
        problem(
          row.line,
          numberName,
          'DUPLICATE_NUMBER',
          `Numéro ${number} en double : déjà présent ligne ${seen.get(number)}.`,
        ),
      );
    } else seen.set(number, row.line);
    const cells: WrittenMarkCell[] = [];
    for (const column of unitColumns) {
      const read = readWrittenCell(row.values[column.index] ?? '', regulation);
      if ('code' in read) {
        problems.push(
          problem(row.line, column.name, read.code, `Unité ${column.unit} : ${read.message}`),
        );
      } else if (read.entry)
        cells.push({ unit: column.unit, column: column.name, entry: read.entry });
    }
    if (problems.length > before) continue;
    const name = (field: Field): string | null => {
      const index = columns.index[field];
      const value = index === undefined ? '' : (row.values[index] ?? '');
      return value === '' ? null : value;
    };
    rows.push({
      line: row.line,
      number,
      lastName: name('lastName'),
      firstName: name('firstName'),
      cells,
    });
  }
  return {
    rows,
    units: unitColumns.map((column) => column.unit),
    problems,
    ignoredColumns,
    columnNames,
  };
}
