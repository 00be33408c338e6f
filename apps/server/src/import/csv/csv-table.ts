/**
 * A CSV file as read-csv.ts gives it: how it was decoded and its trimmed rows with their
 * line numbers. Apart from read-csv.ts so that import-problem.ts, which read-csv.ts uses for
 * its own refusals, can describe a table without importing its reader.
 */

export type CsvEncoding = 'utf-8' | 'windows-1252' | 'utf-16le';
export type CsvSeparator = ';' | ',' | '\t';

export interface CsvRow {
  /** Line of the file where the record starts (1 is the first line). */
  line: number;
  /** Fields, trimmed. A record shorter than the header is padded with empty fields. */
  values: string[];
  /** Fields beyond the header's, when there are any non-empty ones. */
  extra: number;
}

export interface CsvTable {
  encoding: CsvEncoding;
  separator: CsvSeparator;
  /** Header cells as written (trimmed). */
  header: string[];
  headerLine: number;
  rows: CsvRow[];
}
