import { BTS_MCO } from '@delib/rules';
import { describe, expect, it } from 'vitest';
import { readCsv } from './read-csv.js';
import { readWrittenCell, writtenCell, writtenMarksRows } from './written-marks-rows.js';

function rows(text: string) {
  const reading = readCsv(Buffer.from(text, 'utf8'));
  if (!reading.ok) throw new Error(reading.problem.message);
  return writtenMarksRows(reading.table, BTS_MCO);
}

describe('written-marks rows', () => {
  it('reads marks with a comma or a point, ABS, ABJ and empty cells', () => {
    const result = rows('Numéro,U1,u21,U3,U5,U6\n1,"12,5",8.5,ABS,abj,\n');
    expect(result.problems).toEqual([]);
    expect(result.units).toEqual(['U1', 'U21', 'U3', 'U5', 'U6']);
    expect(result.rows[0]?.cells.map(({ unit, entry }) => [unit, entry])).toEqual([
      ['U1', { mark: 12.5 }],
      ['U21', { mark: 8.5 }],
      ['U3', { absent: 'unjustified' }],
      ['U5', { absent: 'justified' }],
    ]);
  });

  it('refuses impossible marks, oral and unknown units, by line and column', () => {
    expect(
      rows('numéro;U1;U22\n1;21;\n').problems.map(({ line, column, code }) => ({
        line,
        column,
        code,
      })),
    ).toEqual([{ line: 1, column: 'U22', code: 'NOT_WRITTEN_UNIT' }]);
    const result = rows('numéro;nom;U1;U3;U9\n1;A;21;12,3;\n1;B;abc;DISP;\n;C;;;\n');
    expect(result.problems.map(({ line, column, code }) => ({ line, column, code }))).toEqual([
      { line: 1, column: 'U9', code: 'UNKNOWN_UNIT' },
    ]);
    const marks = rows('numéro;nom;U1;U3\n1;A;21;12,3\n1;B;abc;DISP\n;C;;\n');
    expect(marks.problems.map(({ line, column, code }) => ({ line, column, code }))).toEqual([
      { line: 2, column: 'U1', code: 'INVALID_MARK' },
      { line: 2, column: 'U3', code: 'INVALID_MARK' },
      { line: 3, column: 'numéro', code: 'DUPLICATE_NUMBER' },
      { line: 3, column: 'U1', code: 'INVALID_MARK' },
      { line: 3, column: 'U3', code: 'INVALID_WRITTEN_ENTRY' },
      { line: 4, column: 'numéro', code: 'REQUIRED' },
    ]);
    expect(marks.problems[1]?.message).toMatch(/^Unité U3 : .*12,3.*pas de 0,5/);
  });

  it('needs at least one unit column', () => {
    expect(rows('numéro;nom\n1;A\n').problems[0]?.code).toBe('NO_UNIT_COLUMN');
  });

  it('writes cells the way it reads them', () => {
    for (const text of ['12,5', '0', '20', 'ABS', 'ABJ']) {
      const read = readWrittenCell(text, BTS_MCO);
      if (!('entry' in read) || !read.entry) throw new Error(text);
      expect(writtenCell(read.entry)).toBe(text);
    }
  });
});
