import { describe, expect, it } from 'vitest';
import { readCsv } from './read-csv.js';
import { readTime, scheduleRows } from './schedule-rows.js';

describe('schedule rows', () => {
  it('reads times written in the usual French ways', () => {
    expect(['8h30', '08:30', '8.30', '14h', '14 h 05', '24:00', '8h7'].map(readTime)).toEqual([
      '08:30',
      '08:30',
      '08:30',
      '14:00',
      '14:05',
      null,
      null,
    ]);
  });

  it('reads rows and refuses bad positions and times by line and column', () => {
    const reading = readCsv(
      Buffer.from('Numéro;Salle;Ordre;Heure\n1;B204;1;8h00\n2;B204;0;9h\n3;;x;midi\n', 'utf8'),
    );
    if (!reading.ok) throw new Error('illisible');
    const result = scheduleRows(reading.table);
    expect(result.passages).toEqual([
      expect.objectContaining({
        line: 2,
        number: '1',
        commission: 'B204',
        position: 1,
        time: '08:00',
      }),
    ]);
    expect(result.problems.map(({ line, column, code }) => ({ line, column, code }))).toEqual([
      { line: 3, column: 'Ordre', code: 'INVALID_POSITION' },
      { line: 4, column: 'Salle', code: 'REQUIRED' },
      { line: 4, column: 'Ordre', code: 'INVALID_POSITION' },
      { line: 4, column: 'Heure', code: 'INVALID_TIME' },
    ]);
  });
});
