import { describe, expect, it } from 'vitest';
import { KEPT_MARK_MAPPINGS, carryKeptUnit, keptMarkMappingInto } from './carry-kept-marks.js';
import { BTS_MCO } from './regulations/bts-mco.js';
import { BTS_MCO_2024 } from './regulations/bts-mco-2024.js';
import { validateEntry } from './validate-entry.js';
import { isRulesError } from './rules-error.js';

describe('bénéfices carried from the 2018 numbering into a 2024 session', () => {
  const mapping = keptMarkMappingInto(BTS_MCO_2024.id);

  it('maps every 2018 unit to a 2024 unit of the same épreuve, coefficient and form', () => {
    expect(mapping).not.toBeNull();
    const units = mapping?.units ?? {};
    expect(Object.keys(units).sort()).toEqual(BTS_MCO.units.map((unit) => unit.code).sort());
    for (const unit2018 of BTS_MCO.units) {
      const unit2024 = BTS_MCO_2024.units.find((unit) => unit.code === units[unit2018.code]);
      expect(unit2024, unit2018.code).toBeDefined();
      expect(unit2024?.label).toBe(unit2018.label);
      expect(unit2024?.coefficient).toBe(unit2018.coefficient);
      expect(unit2024?.form).toBe(unit2018.form);
    }
    expect(mapping?.note).toMatch(/Incertain/);
  });

  it('reads a bénéfice obtained before the 2024 numbering in the 2018 one', () => {
    expect(carryKeptUnit('bts-mco-2024', 'U41', 2023)).toEqual({ code: 'U5', carriedFrom: 'U41' });
    expect(carryKeptUnit('bts-mco-2024', 'U21', 2022)).toEqual({ code: 'U2', carriedFrom: 'U21' });
    // U3 was CEJM in 2018; in 2024 U3 is the LV1 oral: the 2018 bénéfice goes to U4 (CEJM).
    expect(carryKeptUnit('bts-mco-2024', 'U3', 2024)).toEqual({ code: 'U4', carriedFrom: 'U3' });
    expect(carryKeptUnit('bts-mco-2024', 'U6', 2025)).toEqual({ code: 'U8', carriedFrom: 'U6' });
  });

  it('keeps a bénéfice obtained under the 2024 numbering as written', () => {
    expect(carryKeptUnit('bts-mco-2024', 'U3', 2026)).toEqual({ code: 'U3', carriedFrom: null });
  });

  it('leaves other regulations alone', () => {
    expect(carryKeptUnit('bts-mco-2018', 'U41', 2023)).toEqual({ code: 'U41', carriedFrom: null });
    expect(carryKeptUnit('bts-autre', 'X9', 2020)).toEqual({ code: 'X9', carriedFrom: null });
  });

  it('refuses a code the table does not hold, in French, naming the accepted codes', () => {
    let caught: unknown;
    try {
      carryKeptUnit('bts-mco-2024', 'U8', 2023);
    } catch (error) {
      caught = error;
    }
    expect(isRulesError(caught) && caught.code).toBe('UNKNOWN_UNIT');
    expect(isRulesError(caught) && caught.message).toBe(
      'Bénéfice U8 de la session 2023 : obtenu avant 2026, il est lu dans la numérotation bts-mco-2018, où l’unité U8 n’a pas de correspondance dans bts-mco-2024. Codes acceptés : U1, U21, U22, U3, U41, U42, U5, U6, UF1, UF2, UF3.',
    );
  });

  it('a carried bénéfice is then checked by the 2024 regulation like any other', () => {
    const { code } = carryKeptUnit('bts-mco-2024', 'U41', 2023);
    expect(() =>
      validateEntry(BTS_MCO_2024, code, { kept: { mark: 12, session: 2023 } }, 2027),
    ).not.toThrow();
    expect(() =>
      validateEntry(BTS_MCO_2024, code, { kept: { mark: 9, session: 2023 } }, 2027),
    ).toThrow(/10/);
  });

  it('is frozen data', () => {
    expect(Object.isFrozen(KEPT_MARK_MAPPINGS[0]?.units)).toBe(true);
  });
});
