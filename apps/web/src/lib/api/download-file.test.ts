import { describe, expect, it } from 'vitest';
import { fileNameOf } from './download-file';

describe('fileNameOf', () => {
  it('reads the plain and the extended forms', () => {
    expect(fileNameOf('attachment; filename="proces-verbal-jury-1.pdf"')).toBe(
      'proces-verbal-jury-1.pdf',
    );
    expect(fileNameOf('attachment; filename=resultats.csv')).toBe('resultats.csv');
    expect(fileNameOf("attachment; filename*=UTF-8''relev%C3%A9s.pdf")).toBe('relevés.pdf');
    expect(fileNameOf('attachment')).toBeNull();
    expect(fileNameOf(null)).toBeNull();
  });
});
