import { describe, expect, it } from 'vitest';
import { csvCell } from './admitted-csv.js';

describe('a cell of the admitted list', () => {
  it('neutralises what a spreadsheet would run as a formula', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+33 6')).toBe("'+33 6");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tx')).toBe("'\tx");
  });

  it('quotes separators, quotes, line breaks and surrounding spaces', () => {
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('a\nb')).toBe('"a\nb"');
    expect(csvCell(' a')).toBe('" a"');
    expect(csvCell('=A1;B1')).toBe(`"'=A1;B1"`);
  });

  it('leaves ordinary names and numbers as they are', () => {
    expect(csvCell('LE GALL')).toBe('LE GALL');
    expect(csvCell('Marie-Ève')).toBe('Marie-Ève');
    expect(csvCell('02700042')).toBe('02700042');
  });
});
