import type { LegacyFinalRecord, Rectification, SignedRecord } from '@delib/protocol';
import type { RectifiedContent } from '../deliberation/rectified-record.js';
import { formatMark, NO_AVERAGE, showsProfessionalAverage } from '@delib/rules';
import type { UnitLine } from '@delib/rules';
import { decisionLabel, missingUnits, recordUnits, unitCell } from './minute-cells.js';
import { amendedInputLabel, formatParisDateTime } from '@delib/protocol';
import type { AnyRecordCandidate } from './minute-cells.js';

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

const collator = new Intl.Collator('fr', { numeric: true });

function unitColumns(units: ReturnType<typeof recordUnits>, lines: readonly UnitLine[]): string[] {
  const byUnit = new Map(lines.map((line) => [line.unit, line]));
  return units.flatMap((u) => {
    const line = byUnit.get(u.unit);
    if (!line) return ['', ''];
    return [number(line.mark), field(unitCell(line).replace(/\n/g, ' '))];
  });
}

function identityColumns(candidate: {
  number: string;
  lastName: string;
  firstName: string;
  status: string | null;
}): string[] {
  return [
    field(candidate.number),
    field(candidate.lastName),
    field(candidate.firstName),
    field(candidate.status ?? ''),
  ];
}

function figureColumns(candidate: AnyRecordCandidate): string[] {
  return [
    number(candidate.total),
    number(candidate.divisor),
    number(candidate.bonus),
    average(candidate.averageDisplay),
    showsProfessionalAverage(candidate.decision)
      ? average(candidate.professionalAverageDisplay)
      : '',
  ];
}

const FIGURE_HEADERS = [
  'Total',
  'Coefficients',
  'Points facultatifs',
  'Moyenne',
  'Moyenne professionnelle',
];

/** The headers of the columns every format opens with: identity, units, figures. */
function leadingHeaders(units: ReturnType<typeof recordUnits>): string[] {
  return [
    'Numéro',
    'Nom',
    'Prénom',
    'Statut',
    ...units.flatMap((u) => [`${u.unit} note retenue`, `${u.unit} saisie`]),
    ...FIGURE_HEADERS,
  ];
}

/** `U41 : 8 → 14 (motif), le 2 décembre 2026 à 15 h 03 par Claire Fontaine | U42 : …`. */
function rectificationsText(rectifications: readonly Rectification[]): string {
  return rectifications
    .map(
      (r) =>
        `${amendedInputLabel(r.unit, r.input)} : ${r.beforeText} → ${r.afterText} (${r.reason}), le ${formatParisDateTime(r.createdAt)} par ${r.author}`,
    )
    .join(' | ');
}

/**
 * One row per candidate, in the order of their numbers. A candidate not deliberated (file
 * incomplete at the lock) reads "Non délibéré", with the units that have no entry, and no
 * figure. With corrections since the lock (`rectified`), the rows are the corrected ones,
 * recomputed by the rules, and a last column names each candidate's corrections.
 */
export function resultsCsv(
  record: SignedRecord,
  rectified: RectifiedContent | null = null,
): string {
  if (record.format === 'delib.final-record/1') return legacyResultsCsv(record);
  const candidates = rectified?.candidates ?? record.candidates;
  const notDeliberated = rectified?.notDeliberated ?? record.notDeliberated;
  const rectificationsOf = (id: number): string[] =>
    rectified
      ? [field(rectificationsText(rectified.rectifications.filter((r) => r.candidateId === id)))]
      : [];
  const units = recordUnits([...candidates, ...notDeliberated]);
  const header = [
    ...leadingHeaders(units),
    'Décision',
    'Confirmée par la présidence',
    'Note de la présidence',
    'Unités sans note',
    'Livret scolaire consulté',
    ...(rectified ? ['Rectifications après verrouillage'] : []),
  ];
  const rows = [
    ...candidates.map((candidate) => ({
      number: candidate.number,
      cells: [
        ...identityColumns(candidate),
        ...unitColumns(units, candidate.lines),
        ...figureColumns(candidate),
        field(decisionLabel(candidate.decision)),
        candidate.confirmation ? 'oui' : 'non',
        field(candidate.confirmation?.note ?? ''),
        '',
        candidate.livretConsulted ? 'oui' : 'non',
        ...rectificationsOf(candidate.id),
      ],
    })),
    ...notDeliberated.map((candidate) => ({
      number: candidate.number,
      cells: [
        ...identityColumns(candidate),
        ...unitColumns(units, candidate.lines),
        ...FIGURE_HEADERS.map(() => ''),
        field('Non délibéré'),
        '',
        '',
        field(missingUnits(candidate)),
        '',
        ...rectificationsOf(candidate.id),
      ],
    })),
  ].sort((a, b) => collator.compare(a.number, b.number));
  return csvText([header.map((h) => field(h)), ...rows.map((row) => row.cells)]);
}

function csvText(rows: string[][]): string {
  return `${BOM}${rows.map((row) => row.join(';')).join('\r\n')}\r\n`;
}

/** A record of format 1, where the jury's decision could differ from the computed one. */
function legacyResultsCsv(record: LegacyFinalRecord): string {
  const units = recordUnits(record.candidates);
  const header = [
    ...leadingHeaders(units),
    'Décision',
    'Décision calculée',
    'Motif de la décision',
    'Livret scolaire consulté',
  ];
  const rows = record.candidates.map((candidate) => [
    ...identityColumns(candidate),
    ...unitColumns(units, candidate.lines),
    ...figureColumns(candidate),
    field(decisionLabel(candidate.decision)),
    field(decisionLabel(candidate.proposedDecision)),
    field(candidate.decisionReason ?? ''),
    candidate.livretConsulted ? 'oui' : 'non',
  ]);
  return csvText([header.map((h) => field(h)), ...rows]);
}
