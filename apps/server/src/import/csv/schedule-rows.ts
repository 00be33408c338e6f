import type { ImportProblem } from '@delib/protocol';
import { problem } from '../import-problem.js';
import { matchColumns } from './match-columns.js';
import type { ColumnSpec } from './match-columns.js';
import type { CsvTable } from './csv-table.js';

/**
 * Turns the rows of a schedule file (the order of passage in the oral rooms) into passages,
 * or into problems located by line and column. Pure: rooms and candidates are resolved by
 * import-schedule.ts.
 *
 * Format: `numéro`, `commission` (the commission's name or its room, e.g. `Salle B204` or
 * `B204`, or its id), `ordre` (1, 2, 3… within the room), `heure` (`08:30`, `8h30`, or empty).
 */

type Field = 'number' | 'commission' | 'position' | 'time';

const SPECS: readonly ColumnSpec<Field>[] = [
  {
    field: 'number',
    label: 'numéro',
    aliases: ['numero candidat', 'numero de candidat', 'n candidat', 'n', 'no', 'num'],
    required: true,
  },
  {
    field: 'commission',
    label: 'commission',
    aliases: ['salle', 'commission salle', 'salle commission'],
    required: true,
  },
  {
    field: 'position',
    label: 'ordre',
    aliases: ['position', 'rang', 'ordre de passage'],
    required: true,
  },
  {
    field: 'time',
    label: 'heure',
    aliases: ['horaire', 'heure de passage', 'heure passage'],
    required: true,
  },
];

const TIME = /^(\d{1,2})\s*[:hH.]\s*(\d{2})?$/;

/** One passage as given (a file line, or an item of a JSON list). */
export interface PassageInput {
  line: number;
  number: string;
  /** How the room is named: a commission's name, its room or its id. */
  commission: string;
  position: number;
  /** `HH:MM`, or null. */
  time: string | null;
  /** Column names for problems (file headers, or JSON field names). */
  columns: Record<'number' | 'commission' | 'position' | 'time', string>;
}

/** `8h30`, `08:30`, `8.30`, `14h` → `08:30`, `08:30`, `08:30`, `14:00`; null when unreadable. */
export function readTime(text: string): string | null {
  const match = TIME.exec(text.trim());
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2] ?? '0');
  if (hours > 23 || minutes > 59) return null;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

/** A position: a whole number from 1 to 9999, or null. */
export function readPosition(text: string): number | null {
  if (!/^\d{1,4}$/.test(text.trim())) return null;
  const position = Number(text);
  return position >= 1 ? position : null;
}

export function scheduleRows(table: CsvTable): {
  passages: PassageInput[];
  problems: ImportProblem[];
  ignoredColumns: string[];
} {
  const columns = matchColumns(table.header, table.headerLine, SPECS);
  const ignoredColumns = columns.unmatched.map((column) => column.name);
  if (columns.problems.length > 0)
    return { passages: [], problems: columns.problems, ignoredColumns };
  const index = columns.index as Record<Field, number>;
  const names = {
    number: table.header[index.number] as string,
    commission: table.header[index.commission] as string,
    position: table.header[index.position] as string,
    time: table.header[index.time] as string,
  };
  const problems: ImportProblem[] = [];
  const passages: PassageInput[] = [];
  for (const row of table.rows) {
    const before = problems.length;
    const cell = (field: Field): string => row.values[index[field]] ?? '';
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
    const number = cell('number');
    if (number === '')
      problems.push(problem(row.line, names.number, 'REQUIRED', 'Numéro de candidat manquant.'));
    const commission = cell('commission');
    if (commission === '')
      problems.push(
        problem(row.line, names.commission, 'REQUIRED', 'Commission (ou salle) manquante.'),
      );
    const position = readPosition(cell('position'));
    if (position === null) {
      problems.push(
        problem(
          row.line,
          names.position,
          'INVALID_POSITION',
          `Ordre de passage « ${cell('position')} » invalide : attendu un nombre entier à partir de 1.`,
        ),
      );
    }
    const timeText = cell('time');
    const time = timeText === '' ? null : readTime(timeText);
    if (timeText !== '' && time === null) {
      problems.push(
        problem(
          row.line,
          names.time,
          'INVALID_TIME',
          `Heure « ${timeText} » illisible : attendu HH:MM, par exemple 08:30 ou 8h30.`,
        ),
      );
    }
    if (problems.length > before) continue;
    passages.push({
      line: row.line,
      number,
      commission,
      position: position as number,
      time,
      columns: names,
    });
  }
  return { passages, problems, ignoredColumns };
}
