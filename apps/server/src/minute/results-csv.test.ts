import { describe, expect, it } from 'vitest';
import { syntheticRecord } from './test-support/minute-fixtures.js';
import { resultsCsv } from './results-csv.js';

describe('the results CSV', () => {
  const record = syntheticRecord(12);
  const csv = resultsCsv(record);
  const lines = csv.slice(1).replace(/\r\n$/, '').split('\r\n');

  it('is what French Excel opens: BOM, semicolons, CRLF, decimal comma', () => {
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.slice(1)).not.toMatch(/[^\r]\n/);
    expect(lines).toHaveLength(13);
    // Candidates not deliberated have their row, in the order of numbers.
    expect(record.notDeliberated.length).toBeGreaterThan(0);
    const header = lines[0]?.split(';') ?? [];
    expect(header.slice(0, 6)).toEqual([
      'Numéro',
      'Nom',
      'Prénom',
      'Statut',
      'U1 note retenue',
      'U1 saisie',
    ]);
    const moyenne = header.indexOf('Moyenne');
    const decision = header.indexOf('Décision');
    const rows = lines.slice(1).map((line) => line.split(';'));
    expect(rows.map((cells) => cells[0])).toEqual(
      [...record.candidates, ...record.notDeliberated].map((c) => c.number).sort(),
    );
    for (const candidate of record.candidates) {
      const cells = rows.find((row) => row[0] === candidate.number) ?? [];
      expect(cells[moyenne]).toBe(candidate.averageDisplay === '—' ? '' : candidate.averageDisplay);
    }
    for (const candidate of record.notDeliberated) {
      const cells = rows.find((row) => row[0] === candidate.number) ?? [];
      expect(cells[moyenne]).toBe('');
      expect(cells[decision]).toBe('Non délibéré');
      expect(cells[header.indexOf('Unités sans note')]).toBe(candidate.missing.join(', '));
    }
    expect(csv).toMatch(/;13,35;/);
    expect(csv).not.toMatch(/\d\.\d/);
  });

  it('gives the entry with its origin and the adjustment before → after', () => {
    expect(csv).toContain(';12,5 B2025;');
    expect(csv).toContain(';10,5 → 11;');
    expect(csv).toContain(';ABJ;');
  });

  it('leaves an absent candidate’s professional average empty, as the minute prints it', () => {
    const [first, second] = record.candidates;
    if (!first || !second) throw new Error('fixture trop courte');
    const absent = { ...first, decision: 'absent' as const, professionalAverageDisplay: '11,12' };
    const present = { ...second, decision: 'refuse' as const, professionalAverageDisplay: '9,37' };
    const [header, ...rows] = resultsCsv({ ...record, candidates: [absent, present] })
      .slice(1)
      .split('\r\n')
      .map((line) => line.split(';'));
    const column = header?.indexOf('Moyenne professionnelle') ?? -1;
    expect(column).toBeGreaterThan(0);
    expect(rows.find((cells) => cells[0] === absent.number)?.[column]).toBe('');
    expect(rows.find((cells) => cells[0] === present.number)?.[column]).toBe('9,37');
  });

  it('quotes separators and neutralises formulas', () => {
    const first = record.candidates[0];
    if (!first) throw new Error('fixture vide');
    const hostile = {
      ...record,
      candidates: [{ ...first, lastName: '=HYPERLINK("http://x";"y")', firstName: 'Anne; Marie' }],
    };
    const row = resultsCsv(hostile).split('\r\n')[1] ?? '';
    expect(row).toContain(`;"'=HYPERLINK(""http://x"";""y"")";"Anne; Marie";`);
  });
});
