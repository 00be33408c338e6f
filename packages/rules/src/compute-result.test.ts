import { describe, expect, it } from 'vitest';
import { candidate, units } from './candidate.fixtures.js';
import type { CandidateInput, CandidateResult } from './compute-result.js';
import { computeResult } from './compute-result.js';
import { loadRegulation } from './load-regulation.js';
import { BTS_MCO } from './regulations/bts-mco.js';

/** One row of the domain reference, as an input and what the result must contain. */
interface Row {
  rule: string;
  input: CandidateInput;
  expected: Partial<CandidateResult> & Record<string, unknown>;
}

describe('computeResult — what a unit can hold', () => {
  const rows: Row[] = [
    {
      rule: 'a mark counts coefficient × mark',
      input: candidate(12, { U1: 14 }),
      expected: {
        total: 258,
        divisor: 21,
        bonus: 0,
        averageExact: { numerator: 86, denominator: 7 },
        average: 258 / 21,
        professionalAverage: 12,
        decision: 'admis',
        missing: [],
        warnings: [],
      },
    },
    {
      rule: 'a justified absence counts as 0 and the average is computed',
      input: candidate(12, { U1: { absent: 'justified' } }),
      expected: { total: 216, divisor: 21, average: 216 / 21, decision: 'admis', warnings: [] },
    },
    {
      rule: 'an unjustified absence gives absent whatever the average (shown for information)',
      input: candidate(20, { U6: { absent: 'unjustified' } }),
      expected: { total: 360, average: 360 / 21, professionalAverage: 15, decision: 'absent' },
    },
    {
      rule: 'an unjustified absence gives absent even while other marks are missing',
      input: candidate(12, { U6: { absent: 'unjustified' }, U1: null }),
      expected: { total: null, average: null, decision: 'absent', missing: ['U1'] },
    },
    {
      rule: 'a dispensé unit leaves both the total and the divisor',
      input: candidate(12, { U1: { exempt: true } }),
      expected: { total: 216, divisor: 18, average: 12, decision: 'admis' },
    },
    {
      rule: 'both LV1 units dispensé leave 3 coefficients out',
      input: candidate(9, { U21: { exempt: true }, U22: { exempt: true }, U41: 12 }),
      expected: {
        total: 171,
        divisor: 18,
        average: 9.5,
        professionalAverage: 9.75,
        decision: 'refuse',
      },
    },
    {
      rule: 'a bénéfice counts like a mark',
      input: candidate(9, { U3: { kept: { mark: 16, session: 2022 } } }),
      expected: { total: 9 * 18 + 48, average: 210 / 21, decision: 'admis', warnings: [] },
    },
    {
      rule: 'a bénéfice of 2022 still counts in 2027 (its last session: a warning)',
      input: { ...candidate(10, { U1: { kept: { mark: 12, session: 2022 } } }), session: 2027 },
      expected: {
        total: 216,
        decision: 'admis',
        warnings: ['Bénéfice de l’unité U1 (12, session 2022) : dernière session de validité.'],
      },
    },
    {
      rule: 'nothing yet at a unit: incomplet, no total, no average',
      input: candidate(12, { U41: null }),
      expected: {
        total: null,
        divisor: null,
        average: null,
        averageExact: null,
        professionalAverage: null,
        decision: 'incomplet',
        missing: ['U41'],
      },
    },
    {
      rule: 'a null entry means nothing yet',
      input: { session: 2025, units: { ...units(12), U1: null, U3: null } },
      expected: { decision: 'incomplet', missing: ['U1', 'U3'], professionalAverage: 12 },
    },
    {
      rule: 'no entry at all',
      input: { units: {} },
      expected: {
        decision: 'incomplet',
        missing: ['U1', 'U21', 'U22', 'U3', 'U41', 'U42', 'U5', 'U6'],
        bonus: 0,
      },
    },
  ];

  it.each(rows)('$rule', ({ input, expected }) => {
    expect(computeResult(BTS_MCO, input)).toMatchObject(expected);
  });
});

describe('computeResult — the computation', () => {
  const rows: Row[] = [
    {
      rule: 'bonus = Σ max(0, mark − 10) over the optional units taken; never in the divisor',
      input: { ...candidate(10), units: { ...units(10), UF1: { mark: 14 }, UF3: { mark: 12.5 } } },
      expected: {
        bonus: 6.5,
        total: 216.5,
        divisor: 21,
        averageExact: { numerator: 433, denominator: 42 },
      },
    },
    {
      rule: 'an optional mark below 10 adds nothing (it never subtracts)',
      input: { ...candidate(10), units: { ...units(10), UF1: { mark: 6 } } },
      expected: { bonus: 0, total: 210, average: 10, decision: 'admis' },
    },
    {
      rule: 'an absence at an optional unit adds nothing and only warns',
      input: { ...candidate(12), units: { ...units(12), UF2: { absent: 'justified' } } },
      expected: {
        bonus: 0,
        total: 252,
        decision: 'admis',
        warnings: [
          'Absence justifiée à l’unité facultative UF2 : elle n’ajoute aucun point et ne bloque rien.',
        ],
      },
    },
    {
      rule: 'an optional unit without entry is simply not taken',
      input: candidate(12),
      expected: { missing: [], decision: 'admis' },
    },
    {
      rule: 'the professional average is the weighted mean of U41, U42, U5, U6',
      input: candidate(4, { U41: 12, U42: 14, U5: 8, U6: 10 }),
      expected: {
        professionalAverage: 11,
        professionalAverageExact: { numerator: 11, denominator: 1 },
      },
    },
    {
      rule: 'the professional average ignores the bonus',
      input: { ...candidate(9), units: { ...units(9), UF1: { mark: 20 } } },
      expected: { professionalAverage: 9, bonus: 10, total: 199 },
    },
    {
      rule: 'a jury adjustment replaces the mark in the computation',
      input: candidate(
        10,
        { U41: 9 },
        { adjustments: { U41: { mark: 10, reason: 'Erreur de report' } } },
      ),
      expected: { total: 210, average: 10, professionalAverage: 10, decision: 'admis' },
    },
    {
      rule: 'a jury adjustment may also lower a mark',
      input: candidate(10, {}, { adjustments: { U5: { mark: 8, reason: 'Barème mal appliqué' } } }),
      expected: { total: 204, professionalAverage: 9.5, decision: 'refuse' },
    },
    {
      rule: 'a jury adjustment applies to a bénéfice and to an optional unit',
      input: {
        ...candidate(10, { U3: { kept: { mark: 10, session: 2024 } } }),
        units: { ...units(10, { U3: { kept: { mark: 10, session: 2024 } } }), UF1: { mark: 11 } },
        adjustments: {
          U3: { mark: 11, reason: 'Relecture' },
          UF1: { mark: 12, reason: 'Relecture' },
        },
      },
      expected: { total: 215, bonus: 2 },
    },
  ];

  it.each(rows)('$rule', ({ input, expected }) => {
    expect(computeResult(BTS_MCO, input)).toMatchObject(expected);
  });

  it('keeps the examiner’s entry beside the adjustment and never mutates the input', () => {
    const input = candidate(
      10,
      { U41: 9 },
      { adjustments: { U41: { mark: 10, reason: ' Report ', by: 'p1' } } },
    );
    const snapshot = structuredClone(input);
    const result = computeResult(BTS_MCO, input);
    expect(input).toEqual(snapshot);
    expect(result.lines.find((line) => line.unit === 'U41')).toEqual({
      unit: 'U41',
      optional: false,
      coefficient: 3,
      entry: { mark: 9 },
      code: null,
      adjustment: { from: 9, to: 10, reason: 'Report', by: 'p1' },
      control: null,
      mark: 10,
      counted: true,
      points: 30,
    });
  });

  it('uses the optional multiplier and threshold of the regulation', () => {
    const doubled = loadRegulation({
      ...BTS_MCO,
      id: 'bts-mco-double',
      settings: { ...BTS_MCO.settings, optionalMultiplier: 2, optionalThreshold: 12 },
    });
    const input = { ...candidate(10), units: { ...units(10), UF1: { mark: 14.5 } } };
    expect(computeResult(doubled, input)).toMatchObject({ bonus: 5, total: 215 });
    expect(computeResult(BTS_MCO, input)).toMatchObject({ bonus: 4.5, total: 214.5 });
  });

  it('lists one line per unit, in the order of the regulation, with the origin codes', () => {
    const result = computeResult(
      BTS_MCO,
      candidate(10, {
        U1: { exempt: true },
        U21: { absent: 'justified' },
        U22: { absent: 'unjustified' },
        U3: { kept: { mark: 13, session: 2023 } },
      }),
    );
    expect(result.lines.map((line) => [line.unit, line.code, line.mark, line.counted])).toEqual([
      ['U1', 'D', null, false],
      ['U21', 'ABJ', 0, true],
      ['U22', 'ABS', 0, true],
      ['U3', 'B2023', 13, true],
      ['U41', null, 10, true],
      ['U42', null, 10, true],
      ['U5', null, 10, true],
      ['U6', null, 10, true],
      ['UF1', null, null, false],
      ['UF2', null, null, false],
      ['UF3', null, null, false],
    ]);
    expect(result.warnings).toEqual([
      'Absence non justifiée à l’unité U22 : le candidat ne peut pas être admis.',
    ]);
  });

  it('returns plain JSON (a JSON round trip changes nothing)', () => {
    const result = computeResult(BTS_MCO, {
      ...candidate(11),
      units: { ...units(11), UF2: { mark: 13 } },
    });
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });
});

describe('computeResult — the decision (first group)', () => {
  const band = candidate(9, { U41: 10, U42: 10, U5: 10, U6: 10 });
  const withoutControl = loadRegulation({
    ...BTS_MCO,
    id: 'bts-mco-sans-controle',
    settings: { ...BTS_MCO.settings, control: { ...BTS_MCO.settings.control, enabled: false } },
  });
  const rows: (Row & { regulation?: typeof BTS_MCO })[] = [
    { rule: 'average ≥ 10: admis', input: candidate(10), expected: { decision: 'admis' } },
    {
      rule: '8 ≤ average < 10 and professional average ≥ 10: controle',
      input: band,
      expected: { decision: 'controle', average: 201 / 21, professionalAverage: 10 },
    },
    {
      rule: 'in the band but professional average < 10: refuse',
      input: candidate(10, { U41: 9.5, U42: 9.5, U5: 9.5, U6: 9.5 }),
      expected: { decision: 'refuse', average: 204 / 21, professionalAverage: 9.5 },
    },
    {
      rule: 'average < 8: refuse even with a professional average ≥ 10',
      input: candidate(5, { U41: 10, U42: 10, U5: 10, U6: 10 }),
      expected: { decision: 'refuse', average: 165 / 21 },
    },
    {
      rule: 'épreuves de contrôle switched off: the band is refuse',
      regulation: withoutControl,
      input: band,
      expected: { decision: 'refuse' },
    },
    {
      rule: 'switched off, average ≥ 10 is still admis',
      regulation: withoutControl,
      input: candidate(10),
      expected: { decision: 'admis' },
    },
  ];

  it.each(rows)('$rule', ({ input, expected, regulation }) => {
    const result = computeResult(regulation ?? BTS_MCO, input);
    expect(result).toMatchObject(expected);
    expect(result.firstGroup.decision).toBe(result.decision);
    expect(result.control).toBeNull();
  });
});

describe('computeResult — the README example', () => {
  const example: CandidateInput = {
    session: 2025,
    units: {
      U1: { mark: 8 },
      U21: { mark: 8 },
      U22: { absent: 'justified' },
      U3: { kept: { mark: 12, session: 2020 } },
      U41: { mark: 11 },
      U42: { mark: 10.5 },
      U5: { mark: 9.5 },
      U6: { mark: 10 },
      UF1: { mark: 14 },
    },
  };

  it('gives the documented first group', () => {
    expect(computeResult(BTS_MCO, example)).toMatchObject({
      total: 199,
      divisor: 21,
      bonus: 4,
      average: 9.476190476190476,
      professionalAverage: 10.25,
      averageExact: { numerator: 199, denominator: 21 },
      decision: 'controle',
      warnings: ['Bénéfice de l’unité U3 (12, session 2020) : dernière session de validité.'],
    });
  });

  it('gives the documented second group', () => {
    const second = computeResult(BTS_MCO, { ...example, control: { U1: 13, LV1: 11 } });
    expect(second).toMatchObject({ decision: 'admis', total: 235 });
    expect(second.firstGroup.decision).toBe('controle');
  });
});
