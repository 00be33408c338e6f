import { describe, expect, it } from 'vitest';
import { candidate, units } from './candidate.fixtures.js';
import { computeResult } from './compute-result.js';
import { formatAverage } from './format-average.js';
import { loadRegulation } from './load-regulation.js';
import { getRegulation } from './regulation-registry.js';
import { BTS_MCO } from './regulations/bts-mco.js';
import type { RulesErrorCode } from './rules-error.js';
import { RULES_ERROR_CODES, RulesError, isRulesError } from './rules-error.js';
import { parseMark, validateAdjustment, validateEntry } from './validate-entry.js';

/** The band candidate of the contrôle (first group: controle). */
const BAND = candidate(0, { U1: 8, U21: 8, U22: 9, U3: 9, U41: 10, U42: 10, U5: 10, U6: 10 });

interface ErrorRow {
  code: RulesErrorCode;
  what: string;
  act: () => unknown;
  /** Fragments the French message must contain (the unit, the value…). */
  message: (string | RegExp)[];
}

const compute = (input: unknown) => () => computeResult(BTS_MCO, input as never);

const rows: ErrorRow[] = [
  {
    code: 'INVALID_REGULATION',
    what: 'a regulation with a negative coefficient',
    act: () =>
      loadRegulation({
        ...BTS_MCO,
        units: BTS_MCO.units.map((unit, index) =>
          index === 0 ? { ...unit, coefficient: -3 } : unit,
        ),
      }),
    message: ['$.units[0].coefficient', '-3'],
  },
  {
    code: 'UNKNOWN_REGULATION',
    what: 'an unknown regulation id',
    act: () => getRegulation('bts-ndrc-2018'),
    message: ['bts-ndrc-2018', 'bts-mco-2018'],
  },
  {
    code: 'INVALID_CANDIDATE',
    what: 'a misspelt key (adjustment for adjustments)',
    act: compute({ units: units(10), adjustment: {} }),
    message: ['adjustment'],
  },
  {
    code: 'INVALID_CANDIDATE',
    what: 'units that are not an object',
    act: compute({ units: [] }),
    message: ['units'],
  },
  {
    code: 'INVALID_CANDIDATE',
    what: 'no candidate at all',
    act: compute(null),
    message: ['null'],
  },
  {
    code: 'INVALID_SESSION',
    what: 'a session that is not a year',
    act: compute({ session: 25, units: {} }),
    message: ['25'],
  },
  {
    code: 'MISSING_SESSION',
    what: 'a bénéfice without the current session',
    act: compute({ units: { U3: { kept: { mark: 12, session: 2023 } } } }),
    message: ['U3', '2023'],
  },
  {
    code: 'UNKNOWN_UNIT',
    what: 'a unit the regulation does not have',
    act: compute({ units: { U7: { mark: 12 } } }),
    message: ['U7'],
  },
  {
    code: 'UNKNOWN_UNIT',
    what: 'an adjustment at an unknown unit',
    act: compute({ ...candidate(10), adjustments: { U7: { mark: 12, reason: 'x' } } }),
    message: ['U7'],
  },
  {
    code: 'INVALID_ENTRY',
    what: 'an entry that is both a mark and an absence',
    act: compute({ units: { U41: { mark: 12, absent: 'justified' } } }),
    message: ['U41', '"mark":12'],
  },
  {
    code: 'INVALID_ENTRY',
    what: 'an absence of an unknown kind',
    act: compute({ units: { U41: { absent: 'maybe' } } }),
    message: ['U41', 'maybe'],
  },
  {
    code: 'INVALID_ENTRY',
    what: 'a bare string',
    act: compute({ units: { U22: 'ABS' } }),
    message: ['U22', 'ABS'],
  },
  {
    code: 'INVALID_MARK',
    what: 'a mark off the 0.5 step',
    act: compute({ units: { U41: { mark: 12.3 } } }),
    message: ['U41', '12,3', 'pas de 0,5'],
  },
  {
    code: 'INVALID_MARK',
    what: 'a mark above 20',
    act: compute({ units: { U5: { mark: 20.5 } } }),
    message: ['U5', '20,5'],
  },
  {
    code: 'INVALID_MARK',
    what: 'a negative mark',
    act: compute({ units: { U5: { mark: -1 } } }),
    message: ['U5', '-1'],
  },
  {
    code: 'INVALID_MARK',
    what: 'NaN',
    act: compute({ units: { U6: { mark: Number.NaN } } }),
    message: ['U6', 'NaN'],
  },
  {
    code: 'INVALID_MARK',
    what: 'a mark given as text',
    act: compute({ units: { U6: { mark: '12' } } }),
    message: ['U6', '« 12 »'],
  },
  {
    code: 'INVALID_MARK',
    what: 'an adjusted mark off the step',
    act: compute({ ...candidate(10), adjustments: { U1: { mark: 10.25, reason: 'x' } } }),
    message: ['U1', '10,25', 'ajustée'],
  },
  {
    code: 'INVALID_MARK',
    what: 'a contrôle mark off the step',
    act: compute({ ...BAND, control: { U1: 12.1 } }),
    message: ['U1', '12,1', 'contrôle'],
  },
  {
    code: 'NOT_EXEMPTABLE',
    what: 'a dispense at a professional unit',
    act: compute({ units: { U41: { exempt: true } } }),
    message: ['U41'],
  },
  {
    code: 'NOT_EXEMPTABLE',
    what: 'a dispense at an optional unit',
    act: compute({ units: { UF1: { exempt: true } } }),
    message: ['UF1', 'facultative'],
  },
  {
    code: 'TOO_MANY_OPTIONS',
    what: 'three optional units (an absence counts as taken)',
    act: compute({
      units: { ...units(10), UF1: { mark: 12 }, UF2: { mark: 12 }, UF3: { absent: 'justified' } },
    }),
    message: ['UF1, UF2, UF3', '2'],
  },
  {
    code: 'INVALID_KEPT_MARK',
    what: 'a bénéfice below 10',
    act: compute({ session: 2025, units: { U3: { kept: { mark: 9.5, session: 2023 } } } }),
    message: ['U3', '9,5', '10'],
  },
  {
    code: 'INVALID_KEPT_MARK',
    what: 'a bénéfice of the current session',
    act: compute({ session: 2025, units: { U3: { kept: { mark: 12, session: 2025 } } } }),
    message: ['U3', '2025'],
  },
  {
    code: 'EXPIRED_KEPT_MARK',
    what: 'a bénéfice of 2022 in 2028',
    act: compute({ session: 2028, units: { U1: { kept: { mark: 12, session: 2022 } } } }),
    message: ['U1', '12', '2022', '2027', '2028'],
  },
  {
    code: 'KEPT_MARK_NOT_ALLOWED',
    what: 'a bénéfice at an optional unit',
    act: compute({ session: 2025, units: { UF2: { kept: { mark: 15, session: 2024 } } } }),
    message: ['UF2'],
  },
  {
    code: 'INVALID_ADJUSTMENT',
    what: 'an adjustment given as a bare number',
    act: compute({ ...candidate(10), adjustments: { U41: 11 } }),
    message: ['U41', '11'],
  },
  {
    code: 'MISSING_REASON',
    what: 'an adjustment with a blank reason',
    act: compute({ ...candidate(10), adjustments: { U41: { mark: 11, reason: '  ' } } }),
    message: ['U41', '11'],
  },
  {
    code: 'MISSING_REASON',
    what: 'an adjustment without reason',
    act: compute({ ...candidate(10), adjustments: { U41: { mark: 11 } } }),
    message: ['U41', '11'],
  },
  {
    code: 'ADJUSTMENT_WITHOUT_MARK',
    what: 'an adjustment at a dispensé unit',
    act: compute({
      ...candidate(10, { U1: { exempt: true } }),
      adjustments: { U1: { mark: 11, reason: 'x' } },
    }),
    message: ['U1', '11', 'dispense'],
  },
  {
    code: 'ADJUSTMENT_WITHOUT_MARK',
    what: 'an adjustment at an unjustified absence',
    act: compute({
      ...candidate(10, { U42: { absent: 'unjustified' } }),
      adjustments: { U42: { mark: 10, reason: 'x' } },
    }),
    message: ['U42', '10', 'non justifiée'],
  },
  {
    code: 'ADJUSTMENT_WITHOUT_MARK',
    what: 'an adjustment at a unit without entry',
    act: compute({
      ...candidate(10, { U5: null }),
      adjustments: { U5: { mark: 10, reason: 'x' } },
    }),
    message: ['U5', '10'],
  },
  {
    code: 'NOT_ELIGIBLE_FOR_CONTROL',
    what: 'contrôle marks for an admitted candidate',
    act: compute({ ...candidate(12), control: { U1: 12 } }),
    message: ['Admis', '12,00'],
  },
  {
    code: 'TOO_MANY_CONTROL_CHOICES',
    what: 'three contrôle choices',
    act: compute({ ...BAND, control: { U1: 12, LV1: 12, U3: 12 } }),
    message: ['U1, LV1, U3', '2'],
  },
  {
    code: 'UNKNOWN_CONTROL_CHOICE',
    what: 'a contrôle choice of the professional domain',
    act: compute({ ...BAND, control: { U5: 12 } }),
    message: ['U5', 'U1, LV1, U3'],
  },
  {
    code: 'CONTROL_ON_EXEMPT_UNIT',
    what: 'a contrôle replacing a dispensé unit',
    act: compute({
      ...candidate(0, {
        U1: { exempt: true },
        U21: 8,
        U22: 9,
        U3: 8,
        U41: 10,
        U42: 10,
        U5: 10,
        U6: 10,
      }),
      control: { U1: 12 },
    }),
    message: ['U1'],
  },
  {
    code: 'INVALID_NUMBER',
    what: 'an average that is not a number',
    act: () => formatAverage(Number.NaN),
    message: ['NaN'],
  },
  {
    code: 'INVALID_MARK',
    what: 'typed text that is not a mark',
    act: () => parseMark('douze'),
    message: ['douze', '12,5'],
  },
  {
    code: 'NOT_EXEMPTABLE',
    what: 'validateEntry of one dispense',
    act: () => validateEntry(BTS_MCO, 'U6', { exempt: true }),
    message: ['U6'],
  },
  {
    code: 'MISSING_REASON',
    what: 'validateAdjustment without reason',
    act: () => validateAdjustment(BTS_MCO, 'U6', { mark: 12, reason: '' }),
    message: ['U6', '12'],
  },
];

function thrown(act: () => unknown): unknown {
  try {
    act();
  } catch (error) {
    return error;
  }
  throw new Error('nothing was thrown');
}

describe('RulesError — every code, with a French message naming the unit and the value', () => {
  it.each(rows)('$code: $what', ({ code, act, message }) => {
    const error = thrown(act);
    expect(error).toBeInstanceOf(RulesError);
    expect(error).toMatchObject({ name: 'RulesError', code });
    for (const fragment of message) expect((error as RulesError).message).toMatch(fragment);
  });

  it('the table covers every error code', () => {
    expect(new Set(rows.map((row) => row.code))).toEqual(new Set(RULES_ERROR_CODES));
  });

  it('names the unit in the details', () => {
    const error = thrown(compute({ units: { U41: { mark: 12.3 } } })) as RulesError;
    expect(error.details).toEqual({ unit: 'U41', value: 12.3 });
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      code: 'INVALID_MARK',
      message: 'Note refusée pour l’unité U41 : 12,3. Une note va de 0 à 20 par pas de 0,5.',
      details: { unit: 'U41', value: 12.3 },
    });
  });

  it('reports the first error in the order of the regulation, whatever the key order', () => {
    const forward = thrown(compute({ units: { U1: { mark: 30 }, U6: { mark: 40 } } }));
    const backward = thrown(compute({ units: { U6: { mark: 40 }, U1: { mark: 30 } } }));
    expect(forward).toMatchObject({ details: { unit: 'U1' } });
    expect(backward).toMatchObject({ details: { unit: 'U1' } });
  });

  it('isRulesError recognises a copy of the class from another bundle, and nothing else', () => {
    const foreign = Object.assign(new Error('x'), { name: 'RulesError', code: 'INVALID_MARK' });
    expect(isRulesError(new RulesError('INVALID_MARK', 'x'))).toBe(true);
    expect(isRulesError(foreign)).toBe(true);
    expect(isRulesError(Object.assign(new Error('x'), { name: 'RulesError', code: 'NOPE' }))).toBe(
      false,
    );
    expect(isRulesError(new Error('x'))).toBe(false);
    expect(isRulesError(null)).toBe(false);
  });
});
