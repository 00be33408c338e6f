import { describe, expect, it } from 'vitest';
import { csvFileProblem, MAX_CSV_BYTES, singleFile } from './csv-file';

describe('csvFileProblem', () => {
  it('accepts a CSV of reasonable size', () => {
    expect(csvFileProblem({ name: 'candidats.CSV', size: 1200 })).toBeNull();
    expect(csvFileProblem({ name: 'export.txt', size: 10 })).toBeNull();
  });

  it('refuses a spreadsheet, an empty file and a huge one, in French', () => {
    expect(csvFileProblem({ name: 'candidats.xlsx', size: 1200 })).toMatch(/format CSV/);
    expect(csvFileProblem({ name: 'vide.csv', size: 0 })).toMatch(/vide/);
    expect(csvFileProblem({ name: 'gros.csv', size: MAX_CSV_BYTES + 1 })).toMatch(/5 Mo au plus/);
  });
});

describe('singleFile', () => {
  it('takes exactly one file', () => {
    expect(singleFile(['a'])).toBe('a');
    expect(singleFile([])).toMatch(/Aucun/);
    expect(singleFile(['a', 'b'])).toMatch(/un seul/);
  });
});
