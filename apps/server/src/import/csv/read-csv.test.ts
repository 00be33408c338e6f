import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeCsv, detectSeparator, readCsv } from './read-csv.js';
import type { CsvTable } from './csv-table.js';

function table(bytes: Uint8Array | string): CsvTable {
  const reading = readCsv(typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes);
  if (!reading.ok) throw new Error(reading.problem.message);
  return reading.table;
}

describe('reading a CSV file', () => {
  it('reads UTF-8 with a BOM and drops the BOM from the first header', () => {
    const read = table(
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('numéro;nom\n1;Éric\n')]),
    );
    expect(read.encoding).toBe('utf-8');
    expect(read.header).toEqual(['numéro', 'nom']);
    expect(read.rows).toEqual([{ line: 2, values: ['1', 'Éric'], extra: 0 }]);
  });

  it('reads UTF-8 without a BOM', () => {
    const read = table('nom;prénom\nTRAORÉ;Aïssata\n');
    expect(read.encoding).toBe('utf-8');
    expect(read.rows[0]?.values).toEqual(['TRAORÉ', 'Aïssata']);
  });

  it('reads Windows-1252 (Excel on a French Windows) with its accents', () => {
    const bytes = iconv.encode(
      'numéro;nom;prénom\r\n1;LEFÈVRE;Zoé\r\n2;ŒUVRARD;François\r\n',
      'win1252',
    );
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const read = table(bytes);
    expect(read.encoding).toBe('windows-1252');
    expect(read.header).toEqual(['numéro', 'nom', 'prénom']);
    expect(read.rows.map((row) => row.values)).toEqual([
      ['1', 'LEFÈVRE', 'Zoé'],
      ['2', 'ŒUVRARD', 'François'],
    ]);
  });

  it('reads UTF-16LE with its BOM (Excel’s "texte Unicode", tab-separated)', () => {
    const bytes = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      iconv.encode('numéro\tnom\r\n1\tÉLIE\r\n', 'utf-16le'),
    ]);
    const read = table(bytes);
    expect(read.encoding).toBe('utf-16le');
    expect(read.separator).toBe('\t');
    expect(read.rows[0]?.values).toEqual(['1', 'ÉLIE']);
  });

  it('detects the separator on the header, outside quotes', () => {
    expect(detectSeparator('a;b;c\n1,5;2;3')).toBe(';');
    expect(detectSeparator('a,b,c\n1;2;3')).toBe(',');
    expect(detectSeparator('"a;x",b,c\n')).toBe(',');
    expect(detectSeparator('\n\n"a,b";c\n')).toBe(';');
    expect(detectSeparator('seule')).toBe(';');
  });

  it('keeps separators, quotes and line breaks inside quoted fields', () => {
    const read = table(
      'numéro,nom,bénéfices\r\n1,"DUPONT, dit ""Jo""","U1=12,5@2024 U3=11@2025"\r\n2,"MARTIN\r\nBIS",\r\n3,LEROY,\r\n',
    );
    expect(read.separator).toBe(',');
    expect(read.rows.map((row) => [row.line, ...row.values])).toEqual([
      [2, '1', 'DUPONT, dit "Jo"', 'U1=12,5@2024 U3=11@2025'],
      [3, '2', 'MARTIN\nBIS', ''],
      [5, '3', 'LEROY', ''],
    ]);
  });

  it('skips empty lines and lines of empty fields, and keeps the file’s line numbers', () => {
    const read = table('\r\nnuméro;nom\r\n\r\n1;A\r\n;\r\n   \r\n2;B\r\n\r\n');
    expect(read.headerLine).toBe(2);
    expect(read.rows.map((row) => [row.line, row.values[0]])).toEqual([
      [4, '1'],
      [7, '2'],
    ]);
  });

  it('reads CR-only and LF line ends alike, trims fields, pads short lines', () => {
    expect(table('a;b;c\r 1 ; x \r2\r').rows.map((row) => row.values)).toEqual([
      ['1', 'x', ''],
      ['2', '', ''],
    ]);
  });

  it('counts non-empty fields beyond the header', () => {
    const read = table('a;b\n1;2;3\n4;5;\n');
    expect(read.rows.map((row) => row.extra)).toEqual([1, 0]);
  });

  it('refuses an unclosed quote with its line, and an empty file', () => {
    const unclosed = readCsv(Buffer.from('a;b\n1;2\n"3;4\n5;6\n'));
    expect(unclosed.ok).toBe(false);
    if (!unclosed.ok) {
      expect(unclosed.problem.code).toBe('UNREADABLE_FILE');
      expect(unclosed.problem.message).toMatch(/guillemet/);
    }
    const empty = readCsv(Buffer.from('\r\n;;\r\n'));
    expect(empty.ok).toBe(false);
    if (!empty.ok) expect(empty.problem.code).toBe('EMPTY_FILE');
  });

  it('decodes without guessing when the bytes are valid UTF-8', () => {
    expect(decodeCsv(Buffer.from('é', 'utf8'))).toEqual({ text: 'é', encoding: 'utf-8' });
  });
});
