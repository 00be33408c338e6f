import type { AttendanceValue, BoardMember } from '@delib/protocol';
import { describe, expect, it } from 'vitest';
import { attendanceLines, parityCount, parityWarning } from './attendance';

const MEMBERS: BoardMember[] = [
  { userId: 'p', name: 'Claire Fontaine', category: 'enseignant', president: true },
  { userId: 'm1', name: 'Paul Martin', category: 'enseignant', president: false },
  { userId: 'm2', name: 'Nadia Roux', category: 'enseignant', president: false },
  { userId: 'm3', name: 'Éric Girard', category: 'professionnel_employeur', president: false },
  { userId: 'm4', name: 'Sophie Lefebvre', category: 'professionnel_salarie', president: false },
];

function recorded(entries: Record<string, AttendanceValue>): Map<string, AttendanceValue> {
  return new Map(Object.entries(entries));
}

describe('attendanceLines', () => {
  it('assumes every member present in their category until the president records it', () => {
    const lines = attendanceLines(
      MEMBERS,
      recorded({ m2: { present: false, category: 'enseignant' } }),
    );
    expect(lines.map((line) => [line.member.userId, line.present, line.recorded])).toEqual([
      ['p', true, false],
      ['m1', true, false],
      ['m2', false, true],
      ['m3', true, false],
      ['m4', true, false],
    ]);
  });
});

describe('parityWarning', () => {
  it('counts teachers against professionals, the president aside', () => {
    const lines = attendanceLines(MEMBERS, new Map());
    expect(parityCount(lines)).toEqual({ teachers: 2, professionals: 2 });
    expect(parityWarning(lines)).toBeNull();
  });

  it('warns when a professional is missing', () => {
    const lines = attendanceLines(
      MEMBERS,
      recorded({ m4: { present: false, category: 'professionnel_salarie' } }),
    );
    expect(parityWarning(lines)).toMatch(
      /^Parité non respectée : 2 enseignant·es pour 1 professionnel·le \(hors présidence\)/,
    );
    expect(parityWarning(lines)).toMatch(/article D643-31/);
  });

  it('follows a category corrected by the president', () => {
    const lines = attendanceLines(
      MEMBERS,
      recorded({ m1: { present: true, category: 'professionnel_employeur' } }),
    );
    expect(parityCount(lines)).toEqual({ teachers: 1, professionals: 3 });
    expect(parityWarning(lines)).not.toBeNull();
  });

  it('warns when nobody but the president is present', () => {
    const absent = Object.fromEntries(
      MEMBERS.filter((member) => !member.president).map((member) => [
        member.userId,
        { present: false, category: member.category },
      ]),
    );
    expect(parityWarning(attendanceLines(MEMBERS, recorded(absent)))).toMatch(/Aucun membre/);
  });
});
