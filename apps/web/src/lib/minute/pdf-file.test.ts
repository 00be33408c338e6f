import { describe, expect, it } from 'vitest';
import { pdfFileProblem } from './pdf-file';

describe('pdfFileProblem', () => {
  it('accepts a PDF by type or by name', () => {
    expect(pdfFileProblem({ name: 'pv.pdf', type: '', size: 10 })).toBeNull();
    expect(pdfFileProblem({ name: 'pv', type: 'application/pdf', size: 10 })).toBeNull();
  });

  it('explains what is wrong in French', () => {
    expect(pdfFileProblem({ name: 'notes.csv', type: 'text/csv', size: 10 })).toMatch(
      /n’est pas un fichier PDF/,
    );
    expect(pdfFileProblem({ name: 'pv.pdf', type: 'application/pdf', size: 0 })).toMatch(/vide/);
    expect(
      pdfFileProblem({ name: 'pv.pdf', type: 'application/pdf', size: 21 * 1024 * 1024 }),
    ).toMatch(/trop volumineux/);
  });
});
