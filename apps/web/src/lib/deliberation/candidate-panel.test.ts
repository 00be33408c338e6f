import type { UnitLine } from '@delib/rules';
import { BTS_MCO } from '@delib/rules';
import { describe, expect, it } from 'vitest';
import { entryPlace, notesOnCandidate, takenUnits, unitPoints } from './candidate-panel';

const codes = (units: readonly { code: string }[]) => units.map((unit) => unit.code);

describe('takenUnits', () => {
  it('lists the mandatory units, the options chosen and any optional unit with an entry', () => {
    const mandatory = ['U1', 'U21', 'U22', 'U3', 'U41', 'U42', 'U5', 'U6'];
    expect(codes(takenUnits(BTS_MCO, { options: [] }, {}))).toEqual(mandatory);
    expect(codes(takenUnits(BTS_MCO, { options: ['UF2'] }, { UF3: { mark: 12 } }))).toEqual([
      ...mandatory,
      'UF2',
      'UF3',
    ]);
    expect(codes(takenUnits(BTS_MCO, { options: [] }, { UF1: null }))).toEqual(mandatory);
  });
});

describe('entryPlace', () => {
  const candidate = { commissionByUnit: { U41: 7 } };
  const rooms = [{ id: 7, name: 'Commission E41/E42' }];

  it('names the oral room of a mark or an absence', () => {
    expect(entryPlace(BTS_MCO, candidate, rooms, 'U41', { mark: 14 })).toBe('Commission E41/E42');
    expect(entryPlace(BTS_MCO, candidate, rooms, 'U41', { absent: 'justified' })).toBe(
      'Commission E41/E42',
    );
    expect(entryPlace(BTS_MCO, candidate, [], 'U41', { mark: 14 })).toBeNull();
  });

  it('says a written mark was imported, and nothing for an oral unit without a room', () => {
    expect(entryPlace(BTS_MCO, candidate, rooms, 'U1', { mark: 12 })).toBe('écrit importé');
    expect(entryPlace(BTS_MCO, candidate, rooms, 'U22', { mark: 12 })).toBeNull();
  });

  it('says nothing of a bénéfice, a dispense or a missing entry', () => {
    expect(entryPlace(BTS_MCO, candidate, rooms, 'U1', { kept: { mark: 12, session: 2024 } })).toBe(
      null,
    );
    expect(entryPlace(BTS_MCO, candidate, rooms, 'U1', { exempt: true })).toBeNull();
    expect(entryPlace(BTS_MCO, candidate, rooms, 'U1', null)).toBeNull();
  });
});

describe('unitPoints', () => {
  const line = (over: Partial<UnitLine>): UnitLine =>
    ({ optional: false, mark: 12, points: 36, ...over }) as UnitLine;

  it('writes the points of a unit, the bonus of an optional one, a dash without a mark', () => {
    expect(unitPoints(line({}))).toBe('36');
    expect(unitPoints(line({ optional: true, points: 1.5 }))).toBe('+1,5 (bonus)');
    expect(unitPoints(line({ optional: true, points: 0 }))).toBe('0');
    expect(unitPoints(line({ mark: null }))).toBe('—');
    expect(unitPoints(undefined)).toBe('—');
  });
});

describe('notesOnCandidate', () => {
  it('keeps the notes on this candidate, by author', () => {
    const notes: [string, { text: string }][] = [
      ['12:p', { text: 'Très bon oral' }],
      ['12:m', { text: 'Livret à revoir' }],
      ['120:m', { text: 'Un autre candidat' }],
    ];
    expect(notesOnCandidate(12, notes)).toEqual({
      p: { text: 'Très bon oral' },
      m: { text: 'Livret à revoir' },
    });
  });
});
