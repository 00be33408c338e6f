import type { FinalRecord } from '@delib/protocol';
import { formatMark, NO_AVERAGE } from '@delib/rules';
import { decisionLabel, recordUnits, unitCell } from './minute-cells.js';

/**
 * The results of a locked jury as the CSV that French Excel opens as it is: UTF-8 with a BOM
 * (otherwise Excel reads Windows-1252 and garbles the accents), `;` as separator, decimal
 * comma, CRLF line ends. Per unit, two columns: the mark counted (a number Excel can sum) and
 * the entry as the minute prints it (origin code, adjustment before → after).
 */
const BOM = '\uFEFF';

/** Quotes a field when needed; neutralises text Excel would run as a formula. */
function field(value: string, text = true): string {
  let safe = value;
  if (text && /^[=+\-@\t\r]/.test(safe)) safe = `'${safe}`;
  return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function number(value: number | null): string {
  return value === null ? '' : formatMark(value);
}

function average(display: string): string {
  return display === NO_AVERAGE ? '' : display;
}

export function resultsCsv(record: FinalRecord): string {
  const units = recordUnits(record.candidates);
  const header = [
    'Numéro',
    'Nom',
    'Prénom',
    'Statut',
    ...units.flatMap((u) => [`${u.unit} note retenue`, `${u.unit} saisie`]),
    'Total',
    'Coefficients',
    'Points facultatifs',
    'Moyenne',
    'Moyenne professionnelle',
    'Décision',
    'Décision calculée',
    'Motif de la décision',
    'Livret scolaire consulté',
  ];
  const rows = record.candidates.map((candidate) => {
    const lines = new Map(candidate.lines.map((line) => [line.unit, line]));
    return [
      field(candidate.number),
      field(candidate.lastName),
      field(candidate.firstName),
      field(candidate.status ?? ''),
      ...units.flatMap((u) => {
        const line = lines.get(u.unit);
        if (!line) return ['', ''];
        return [number(line.mark), field(unitCell(line).replace(/\n/g, ' '))];
      }),
      number(candidate.total),
      number(candidate.divisor),
      number(candidate.bonus),
      average(candidate.averageDisplay),
      average(candidate.professionalAverageDisplay),
      field(decisionLabel(candidate.decision)),
      field(decisionLabel(candidate.proposedDecision)),
      field(candidate.decisionReason ?? ''),
      candidate.livretConsulted ? 'oui' : 'non',
    ];
  });
  return `${BOM}${[header.map((h) => field(h)), ...rows].map((row) => row.join(';')).join('\r\n')}\r\n`;
}
