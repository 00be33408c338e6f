import { CsvError, parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import type { ImportProblem } from '@delib/protocol';
import { problem } from '../import-problem.js';
import type { CsvEncoding, CsvRow, CsvSeparator, CsvTable } from './csv-table.js';

/**
 * Reads the bytes of a CSV file as a spreadsheet or a school's software writes it:
 *
 * - encoding: UTF-8 with or without BOM; anything that is not valid UTF-8 is read as
 *   Windows-1252 (Excel's "CSV (séparateur : point-virgule)" on a French Windows); a UTF-16LE
 *   BOM (Excel's "Texte Unicode") is honoured too;
 * - separator: `;`, `,` or tab, detected on the header line (outside quotes); `;` wins a tie;
 * - quoted fields (separators and line breaks inside quotes), CRLF, LF or CR line ends;
 * - empty lines, and lines whose fields are all blank (`;;;;`), are skipped.
 *
 * Parsing is csv-parse's; this module only decodes, detects and locates lines.
 */

export type CsvReading = { ok: true; table: CsvTable } | { ok: false; problem: ImportProblem };

const UTF8_BOM = [0xef, 0xbb, 0xbf];

export function decodeCsv(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  if (bytes[0] === UTF8_BOM[0] && bytes[1] === UTF8_BOM[1] && bytes[2] === UTF8_BOM[2]) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: iconv.decode(Buffer.from(bytes.subarray(2)), 'utf-16le'), encoding: 'utf-16le' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(Buffer.from(bytes), 'win1252'), encoding: 'windows-1252' };
  }
}

/** The separator that occurs most on the first non-empty line, outside quotes. */
export function detectSeparator(text: string): CsvSeparator {
  const counts: Record<CsvSeparator, number> = { ';': 0, ',': 0, '\t': 0 };
  let quoted = false;
  let started = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) {
      if (started) break;
      continue;
    } else if (!quoted && (char === ';' || char === ',' || char === '\t')) counts[char] += 1;
    if (char.trim() !== '' || char === '\t') started = true;
  }
  let best: CsvSeparator = ';';
  for (const separator of [',', '\t'] as const) {
    if (counts[separator] > counts[best]) best = separator;
  }
  return best;
}

function lineBreaks(values: string[]): number {
  let count = 0;
  for (const value of values) count += value.split('\n').length - 1;
  return count;
}

interface ParsedRecord {
  record: string[];
  info: { lines: number };
}

export function readCsv(bytes: Uint8Array): CsvReading {
  const decoded = decodeCsv(bytes);
  const { encoding } = decoded;
  // One kind of line end: csv-parse counts a CRLF inside quotes as two lines, which would
  // shift every line number after it. (A line break inside a value becomes LF.)
  const text = decoded.text.replace(/\r\n?/g, '\n');
  const separator = detectSeparator(text);
  let records: ParsedRecord[];
  try {
    records = parse(text, {
      delimiter: separator,
      info: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      bom: true,
    }) as unknown as ParsedRecord[];
  } catch (error) {
    if (error instanceof CsvError) {
      const line = typeof error.lines === 'number' ? error.lines : null;
      const why =
        error.code === 'CSV_QUOTE_NOT_CLOSED'
          ? 'un guillemet ouvert n’est jamais refermé'
          : 'le fichier n’est pas un CSV lisible';
      return {
        ok: false,
        problem: problem(
          line,
          null,
          'UNREADABLE_FILE',
          `Fichier illisible${line === null ? '' : ` à partir de la ligne ${line}`} : ${why}.`,
        ),
      };
    }
    throw error;
  }
  const meaningful = records.filter(({ record }) => record.some((value) => value.trim() !== ''));
  const [first, ...rest] = meaningful;
  if (!first) {
    return {
      ok: false,
      problem: problem(null, null, 'EMPTY_FILE', 'Le fichier est vide : aucune ligne d’en-tête.'),
    };
  }
  const header = first.record.map((cell) => cell.trim());
  while (header.length > 0 && header[header.length - 1] === '') header.pop();
  const rows = rest.map(({ record, info }): CsvRow => {
    const values = record.map((value) => value.trim());
    const extra = values.slice(header.length).filter((value) => value !== '').length;
    values.length = header.length;
    for (let index = 0; index < values.length; index++) values[index] ??= '';
    return { line: info.lines - lineBreaks(record), values, extra };
  });
  return {
    ok: true,
    table: {
      encoding,
      separator,
      header,
      headerLine: first.info.lines - lineBreaks(first.record),
      rows,
    },
  };
}

/** A separator's name for a person. */
export function separatorName(separator: CsvSeparator): string {
  return separator === ';' ? 'point-virgule' : separator === ',' ? 'virgule' : 'tabulation';
}
