import type { AdmittedList } from '@delib/protocol';

/**
 * The list of admitted candidates as the CSV that French Excel opens as it is (as
 * minute/results-csv.ts): UTF-8 with a BOM, `;` between fields, CRLF line ends. A candidate
 * without consent has empty name cells. Every text cell is neutralised against formula
 * injection: a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a
 * leading apostrophe, so a spreadsheet shows it as text and never runs it.
 */
const BOM = '\uFEFF';

export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[;"\r\n]|^\s|\s$/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function admittedCsv(list: AdmittedList): string {
  const juryName = new Map(list.juries.map((jury) => [jury.id, jury.name]));
  const rows = [
    ['Numéro', 'Nom', 'Prénom', 'Jury'],
    ...list.candidates.map((candidate) => [
      candidate.number,
      candidate.lastName ?? '',
      candidate.firstName ?? '',
      juryName.get(candidate.juryId) ?? '',
    ]),
  ];
  return `${BOM}${rows.map((row) => row.map(csvCell).join(';')).join('\r\n')}\r\n`;
}
