import type { PassageView } from '@delib/protocol';
import { describe, expect, it } from 'vitest';
import {
  checkPassageRows,
  moveRow,
  normalizeTime,
  rowsOfPassages,
  schedulablePool,
  spreadTimes,
  unscheduled,
} from './passages-table';

const passage = (number: string, position: number, time: string | null): PassageView => ({
  candidateId: position,
  number,
  lastName: 'Durand',
  firstName: 'Camille',
  position,
  time,
  units: ['U41'],
  languages: {},
});

describe('passages table', () => {
  it('reads times as the server does', () => {
    expect(normalizeTime('8h30')).toBe('08:30');
    expect(normalizeTime('14h')).toBe('14:00');
    expect(normalizeTime(' 09:05 ')).toBe('09:05');
    expect(normalizeTime('')).toBeNull();
    expect(normalizeTime('25:00')).toBeUndefined();
    expect(normalizeTime('midi')).toBeUndefined();
  });

  it('lists a room in order and moves rows', () => {
    const rows = rowsOfPassages([passage('B', 2, null), passage('A', 1, '08:00')]);
    expect(rows).toEqual([
      { number: 'A', name: 'DURAND Camille', time: '08:00' },
      { number: 'B', name: 'DURAND Camille', time: '' },
    ]);
    expect(moveRow(rows, 1, -1).map((row) => row.number)).toEqual(['B', 'A']);
    expect(moveRow(rows, 0, -1).map((row) => row.number)).toEqual(['A', 'B']);
  });

  it('numbers positions by row and refuses unreadable times and repeats', () => {
    expect(
      checkPassageRows([
        { number: 'A', name: '', time: '8h' },
        { number: 'B', name: '', time: '' },
      ]),
    ).toEqual({
      ok: true,
      passages: [
        { number: 'A', position: 1, time: '08:00' },
        { number: 'B', position: 2, time: null },
      ],
    });
    const outcome = checkPassageRows([
      { number: 'A', name: '', time: 'midi' },
      { number: 'B', name: '', time: '' },
      { number: 'B', name: '', time: '' },
    ]);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(Object.keys(outcome.errors)).toEqual(['0', '2']);
  });

  it('spreads times and finds who is not scheduled yet', () => {
    const rows = [
      { number: 'A', name: '', time: '' },
      { number: 'B', name: '', time: '' },
    ];
    expect(spreadTimes(rows, '8h', 25)?.map((row) => row.time)).toEqual(['08:00', '08:25']);
    expect(spreadTimes(rows, 'x', 25)).toBeNull();
    const candidates = [
      { number: '3', lastName: 'C', firstName: 'c' },
      { number: '1', lastName: 'A', firstName: 'a' },
      { number: '2', lastName: 'B', firstName: 'b' },
    ];
    expect(unscheduled(candidates, [{ passages: [{ number: '2' }] }]).map((c) => c.number)).toEqual(
      ['1', '3'],
    );
  });
});

describe('schedulablePool', () => {
  it('offers the jury’s candidates, then the session’s without a jury', () => {
    const jury = [{ number: '0001', lastName: 'Durand', firstName: 'Camille' }];
    const session = [
      { number: '0001', lastName: 'Durand', firstName: 'Camille', juryId: 3 },
      { number: '0002', lastName: 'Martin', firstName: 'Léa', juryId: null },
      { number: '0003', lastName: 'Petit', firstName: 'Hugo', juryId: 4 },
    ];
    expect(schedulablePool(jury, session).map((c) => c.number)).toEqual(['0001', '0002']);
  });
});
