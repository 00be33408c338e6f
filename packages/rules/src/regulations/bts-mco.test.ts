import { describe, expect, it } from 'vitest';
import { candidate } from '../candidate.fixtures.js';
import { computeResult } from '../compute-result.js';
import { BTS_MCO } from './bts-mco.js';
import { BTS_MCO_2024 } from './bts-mco-2024.js';

describe('BTS MCO regulations (the domain reference, as data)', () => {
  it('lists the units of the 2018 referential with their coefficients', () => {
    expect(BTS_MCO.units.map((unit) => [unit.code, unit.epreuve, unit.coefficient])).toEqual([
      ['U1', 'E1', 3],
      ['U21', 'E21', 1.5],
      ['U22', 'E22', 1.5],
      ['U3', 'E3', 3],
      ['U41', 'E41', 3],
      ['U42', 'E42', 3],
      ['U5', 'E5', 3],
      ['U6', 'E6', 3],
      ['UF1', 'EF1', null],
      ['UF2', 'EF2', null],
      ['UF3', 'EF3', null],
    ]);
  });

  it('mandatory coefficients sum to 21 (E2 = 3, E4 = 6)', () => {
    const sum = BTS_MCO.units.reduce((total, unit) => total + (unit.coefficient ?? 0), 0);
    expect(sum).toBe(21);
  });

  it('marks the oral units U22, U41, U42, UF1–UF3 and the professional domain', () => {
    const oral = BTS_MCO.units.filter((unit) => unit.form === 'oral').map((unit) => unit.code);
    expect(oral).toEqual(['U22', 'U41', 'U42', 'UF1', 'UF2', 'UF3']);
    const professional = BTS_MCO.units
      .filter((unit) => unit.domain === 'professional')
      .map((unit) => unit.code);
    expect(professional).toEqual(['U41', 'U42', 'U5', 'U6']);
  });

  it('only the general units are exemptable', () => {
    const exemptable = BTS_MCO.units.filter((unit) => unit.exemptable).map((unit) => unit.code);
    expect(exemptable).toEqual(['U1', 'U21', 'U22', 'U3']);
  });

  it('holds the default settings of the domain reference', () => {
    expect(BTS_MCO.settings).toEqual({
      markStep: 0.5,
      passMark: 10,
      optionalMultiplier: 1,
      optionalThreshold: 10,
      maxOptionalUnits: 2,
      optionalKeptMarks: false,
      keptMarkMinimum: 10,
      keptMarkValidity: 5,
      keptMarkExpiryWarning: 1,
      control: {
        enabled: true,
        minAverage: 8,
        minProfessionalAverage: 10,
        maxChoices: 2,
        choices: { U1: ['U1'], LV1: ['U21', 'U22'], U3: ['U3'] },
      },
    });
  });

  it('the 2024 numbering renumbers épreuves and units E1–E8, U1–U8', () => {
    expect(BTS_MCO_2024.units.map((unit) => `${unit.code}=${unit.epreuve}`)).toEqual([
      'U1=E1',
      'U2=E2',
      'U3=E3',
      'U4=E4',
      'U5=E5',
      'U6=E6',
      'U7=E7',
      'U8=E8',
      'UF1=EF1',
      'UF2=EF2',
      'UF3=EF3',
    ]);
    const withoutNumbers = (units: typeof BTS_MCO.units) =>
      units.map(({ epreuve: _epreuve, code: _code, ...rest }) => rest);
    expect(withoutNumbers(BTS_MCO_2024.units)).toEqual(withoutNumbers(BTS_MCO.units));
    expect(BTS_MCO_2024.settings.control.choices).toEqual({
      U1: ['U1'],
      LV1: ['U2', 'U3'],
      U4: ['U4'],
    });
    expect(BTS_MCO_2024.id).not.toBe(BTS_MCO.id);
  });

  it('both numberings give the same result for the same marks under their own codes', () => {
    const input = candidate(9, { U41: 12, U5: 11, U22: { absent: 'justified' } });
    const renamed: Record<string, string> = {
      U1: 'U1',
      U21: 'U2',
      U22: 'U3',
      U3: 'U4',
      U41: 'U5',
      U42: 'U6',
      U5: 'U7',
      U6: 'U8',
    };
    const input2024 = {
      ...input,
      units: Object.fromEntries(
        Object.entries(input.units).map(([code, entry]) => [renamed[code] ?? code, entry]),
      ),
    };
    const result2018 = computeResult(BTS_MCO, input);
    const result2024 = computeResult(BTS_MCO_2024, input2024);
    expect(result2024.averageExact).toEqual(result2018.averageExact);
    expect(result2024.professionalAverageExact).toEqual(result2018.professionalAverageExact);
    expect(result2024.decision).toBe(result2018.decision);
  });

  it('is frozen: no page can change the shared regulation', () => {
    expect(() => {
      (BTS_MCO.settings as { passMark: number }).passMark = 8;
    }).toThrow(TypeError);
    expect(() => {
      (BTS_MCO.units as unknown[]).push({});
    }).toThrow(TypeError);
    expect(BTS_MCO.settings.passMark).toBe(10);
  });
});
