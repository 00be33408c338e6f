/**
 * Writes a CSV file as the candidate and marks imports read it and as a French Excel opens
 * it: UTF-8 with a BOM, `;` between fields, CRLF line ends; a field is quoted when it holds
 * a `;`, a quote, a line break or surrounding spaces (quotes doubled inside).
 */
const NEEDS_QUOTES = /[;"\r\n]|^\s|\s$/;

export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function writeCsv(header: readonly string[], rows: readonly (readonly string[])[]): Buffer {
  const lines = [header, ...rows].map((row) => row.map(csvField).join(';'));
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}
