import type { BoardCandidate } from '@delib/protocol';
import { writeOralEntry } from '@delib/protocol';
import { BTS_MCO, formatAverage } from '@delib/rules';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { boardHarmonisation, boardMarks, writersByCell } from './board-harmonisation';

function candidate(id: number, commissionByUnit: Record<string, number>): BoardCandidate {
  return {
    id,
    number: `0270${String(id).padStart(4, '0')}`,
    lastName: 'NOM',
    firstName: 'Prénom',
    status: 'scolaire',
    lv1: 'anglais',
    lv2: null,
    options: [],
    stored: {},
    commissionByUnit,
  };
}

describe('the board’s harmonisation', () => {
  // Room 1 hears candidates 1–8, room 2 candidates 9–16, both for U41; room 3 hears U22.
  const room1 = new Y.Doc();
  const room2 = new Y.Doc();
  const room3 = new Y.Doc();
  const candidates = Array.from({ length: 16 }, (_, index) =>
    candidate(index + 1, { U41: index < 8 ? 1 : 2, U22: 3 }),
  );
  for (let id = 1; id <= 8; id++) writeOralEntry(room1, id, 'U41', { mark: 13 });
  for (let id = 9; id <= 16; id++) writeOralEntry(room2, id, 'U41', { mark: 7.5 });
  writeOralEntry(room3, 1, 'U22', { mark: 12.25 });
  writeOralEntry(room3, 2, 'U22', { absent: 'justified' });
  // A cell of a room that does not hear that candidate (a removed passage) is not shown.
  writeOralEntry(room2, 1, 'U41', { mark: 20 });
  const documents = {
    commissions: new Map([
      [1, room1],
      [2, room2],
      [3, room3],
    ]),
    jury: null,
  };

  it('reads the marks the board shows, in hundredths, without absences nor hidden cells', () => {
    const marks = boardMarks(candidates, documents, new Map());
    expect(marks).toHaveLength(17);
    expect(marks.filter((m) => m.unit === 'U22')).toEqual([
      { unit: 'U22', commissionId: 3, writerId: null, hundredths: 1225 },
    ]);
    expect(marks.some((m) => m.hundredths === 2000)).toBe(false);
  });

  it('compares each room with the jury’s cohort of the unit and raises the alert', () => {
    const writers = writersByCell([
      { commissionId: 1, candidateId: 1, unit: 'U41', userId: 'bernard' },
      { commissionId: 2, candidateId: 9, unit: 'U41', userId: 'petit' },
    ]);
    const report = boardHarmonisation(BTS_MCO, candidates, documents, writers, 200);
    expect(report.map((unit) => unit.unit)).toEqual(['U22', 'U41']);
    const u41 = report[1];
    expect(u41?.cohort.count).toBe(16);
    expect(formatAverage(u41?.cohort.mean ?? null)).toBe('10,25');
    expect(u41?.commissions.map((c) => [c.id, formatAverage(c.difference), c.alert])).toEqual([
      [1, '2,75', true],
      [2, '-2,75', true],
    ]);
    expect(u41?.examiners.map((e) => [e.id, e.statistics.count])).toEqual([
      ['bernard', 1],
      ['petit', 1],
    ]);
    const wider = boardHarmonisation(BTS_MCO, candidates, documents, writers, 275);
    expect(wider[1]?.commissions.some((c) => c.alert)).toBe(false);
  });

  it('follows a live change of a mark', () => {
    writeOralEntry(room2, 16, 'U41', null);
    const report = boardHarmonisation(BTS_MCO, candidates, documents, new Map(), 200);
    const severe = report[1]?.commissions.find((c) => c.id === 2);
    expect(severe?.statistics.count).toBe(7);
    expect(severe?.alert).toBe(false);
    expect(report[1]?.commissions.find((c) => c.id === 1)?.alert).toBe(true);
  });
});
