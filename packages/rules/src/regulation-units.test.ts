import { describe, expect, it } from 'vitest';
import { DEFAULT_REGULATION, REGULATIONS, getRegulation } from './regulation-registry.js';
import {
  controlChoices,
  findUnit,
  getUnit,
  mandatoryUnits,
  optionalUnits,
  oralUnits,
  professionalUnits,
  unitCodes,
  writtenUnits,
} from './regulation-units.js';
import { BTS_MCO } from './regulations/bts-mco.js';
import { BTS_MCO_2024 } from './regulations/bts-mco-2024.js';
import { loadRegulation } from './load-regulation.js';

const codes = (units: { code: string }[]) => units.map((unit) => unit.code);

describe('regulation lists', () => {
  it.each([
    [
      'unitCodes',
      unitCodes(BTS_MCO),
      ['U1', 'U21', 'U22', 'U3', 'U41', 'U42', 'U5', 'U6', 'UF1', 'UF2', 'UF3'],
    ],
    [
      'mandatoryUnits',
      codes(mandatoryUnits(BTS_MCO)),
      ['U1', 'U21', 'U22', 'U3', 'U41', 'U42', 'U5', 'U6'],
    ],
    ['optionalUnits', codes(optionalUnits(BTS_MCO)), ['UF1', 'UF2', 'UF3']],
    ['oralUnits', codes(oralUnits(BTS_MCO)), ['U22', 'U41', 'U42', 'UF1', 'UF2', 'UF3']],
    ['writtenUnits', codes(writtenUnits(BTS_MCO)), ['U1', 'U21', 'U3', 'U5', 'U6']],
    ['professionalUnits', codes(professionalUnits(BTS_MCO)), ['U41', 'U42', 'U5', 'U6']],
  ])('%s', (_name, actual, expected) => {
    expect(actual).toEqual(expected);
  });

  it('finds a unit, or says it is unknown', () => {
    expect(findUnit(BTS_MCO, 'U41')?.label).toBe(
      'Développement de la relation client et vente conseil',
    );
    expect(findUnit(BTS_MCO, 'U7')).toBeUndefined();
    expect(getUnit(BTS_MCO, 'UF3').optional).toBe(true);
    expect(() => getUnit(BTS_MCO, 'U7')).toThrow(
      expect.objectContaining({ code: 'UNKNOWN_UNIT' }) as Error,
    );
  });

  it('lists the épreuves de contrôle with French labels', () => {
    expect(controlChoices(BTS_MCO)).toEqual([
      { choice: 'U1', units: ['U1'], label: 'Culture générale et expression (U1)' },
      { choice: 'LV1', units: ['U21', 'U22'], label: 'LV1 (U21 + U22)' },
      { choice: 'U3', units: ['U3'], label: 'Culture économique, juridique et managériale (U3)' },
    ]);
  });

  it('lists no épreuve de contrôle when they are switched off', () => {
    const off = loadRegulation({
      ...BTS_MCO,
      settings: { ...BTS_MCO.settings, control: { ...BTS_MCO.settings.control, enabled: false } },
    });
    expect(controlChoices(off)).toEqual([]);
  });
});

describe('regulation registry', () => {
  it('ships both numberings by id, the 2018 one by default', () => {
    expect(Object.keys(REGULATIONS)).toEqual(['bts-mco-2018', 'bts-mco-2024']);
    expect(getRegulation('bts-mco-2024')).toBe(BTS_MCO_2024);
    expect(DEFAULT_REGULATION).toBe(BTS_MCO);
  });

  it('does not mistake an Object.prototype key for a regulation', () => {
    expect(() => getRegulation('toString')).toThrow(
      expect.objectContaining({ code: 'UNKNOWN_REGULATION' }) as Error,
    );
  });
});
