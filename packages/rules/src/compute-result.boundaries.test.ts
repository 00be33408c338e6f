import { describe, expect, it } from 'vitest';
import { candidate, units } from './candidate.fixtures.js';
import type { CandidateInput } from './compute-result.js';
import { computeResult } from './compute-result.js';
import type { Decision } from './decision.js';
import { formatAverage } from './format-average.js';
import { loadRegulation } from './load-regulation.js';
import { BTS_MCO } from './regulations/bts-mco.js';

const PRO_10 = { U41: 10, U42: 10, U5: 10, U6: 10 };

interface Boundary {
  name: string;
  input: CandidateInput;
  average: string;
  professionalAverage: string;
  decision: Decision;
}

describe('computeResult — boundaries', () => {
  const rows: Boundary[] = [
    {
      name: 'average exactly 10: admis',
      input: candidate(10, { U1: 9.5, U3: 10.5 }),
      average: '10,00',
      professionalAverage: '10,00',
      decision: 'admis',
    },
    {
      name: 'average just under 10 (one half-point less): controle',
      input: candidate(10, { U1: 9.5 }),
      average: '9,92',
      professionalAverage: '10,00',
      decision: 'controle',
    },
    {
      name: 'average exactly 8 with professional average 10: controle',
      input: candidate(10, { U1: 5, U3: 5, U21: 6, U22: 6 }),
      average: '8,00',
      professionalAverage: '10,00',
      decision: 'controle',
    },
    {
      name: 'average just under 8: refuse',
      input: candidate(10, { U1: 5, U3: 5, U21: 6, U22: 5.5 }),
      average: '7,96',
      professionalAverage: '10,00',
      decision: 'refuse',
    },
    {
      name: 'professional average exactly 10 (9.5 and 10.5): controle',
      input: candidate(9, { ...PRO_10, U41: 9.5, U42: 10.5 }),
      average: '9,57',
      professionalAverage: '10,00',
      decision: 'controle',
    },
    {
      name: 'professional average just under 10: refuse',
      input: candidate(9, { ...PRO_10, U41: 9.5 }),
      average: '9,50',
      professionalAverage: '9,87',
      decision: 'refuse',
    },
    {
      name: 'without the bonus: controle',
      input: candidate(10, { U1: 8.5 }),
      average: '9,78',
      professionalAverage: '10,00',
      decision: 'controle',
    },
    {
      name: 'a bonus of 4.5 lifts the same candidate to exactly 10: admis',
      input: { session: 2025, units: { ...units(10, { U1: 8.5 }), UF1: { mark: 14.5 } } },
      average: '10,00',
      professionalAverage: '10,00',
      decision: 'admis',
    },
    {
      name: 'without the bonus: just under 8, refuse',
      input: candidate(10, { U1: 5, U3: 5, U21: 5.5, U22: 6 }),
      average: '7,96',
      professionalAverage: '10,00',
      decision: 'refuse',
    },
    {
      name: 'a bonus of 1 lifts the same candidate into the contrôle band',
      input: {
        session: 2025,
        units: { ...units(10, { U1: 5, U3: 5, U21: 5.5, U22: 6 }), UF2: { mark: 11 } },
      },
      average: '8,01',
      professionalAverage: '10,00',
      decision: 'controle',
    },
    {
      name: 'the bonus never lifts the professional average',
      input: { session: 2025, units: { ...units(9, { ...PRO_10, U5: 9 }), UF3: { mark: 20 } } },
      average: '9,90',
      professionalAverage: '9,75',
      decision: 'refuse',
    },
    {
      name: 'all marks 0: average 0, refuse',
      input: candidate(0),
      average: '0,00',
      professionalAverage: '0,00',
      decision: 'refuse',
    },
    {
      name: 'all marks 20 and two options at 20: average above 20 is possible',
      input: { session: 2025, units: { ...units(20), UF1: { mark: 20 }, UF2: { mark: 20 } } },
      average: '20,95',
      professionalAverage: '20,00',
      decision: 'admis',
    },
  ];

  it.each(rows)('$name', ({ input, average, professionalAverage, decision }) => {
    const result = computeResult(BTS_MCO, input);
    expect(formatAverage(result.averageExact)).toBe(average);
    expect(formatAverage(result.average)).toBe(average);
    expect(formatAverage(result.professionalAverageExact)).toBe(professionalAverage);
    expect(result.decision).toBe(decision);
  });
});

describe('computeResult — exactness (no floating point in a decision)', () => {
  const hundredths = loadRegulation({
    ...BTS_MCO,
    id: 'bts-mco-centiemes',
    settings: { ...BTS_MCO.settings, markStep: 0.01 },
  });
  // Found by search: these marks average exactly 10, but summing floats gives 9.999999999999998.
  const marks = {
    U1: 2.75,
    U21: 4.51,
    U22: 5.59,
    U3: 15.88,
    U41: 8.17,
    U42: 10.89,
    U5: 18.05,
    U6: 9.21,
  };

  it('the naive float computation of this case is below 10 (the trap is real)', () => {
    const coefficients = { U1: 3, U21: 1.5, U22: 1.5, U3: 3, U41: 3, U42: 3, U5: 3, U6: 3 };
    let total = 0;
    for (const [code, mark] of Object.entries(marks)) {
      total += coefficients[code as keyof typeof coefficients] * mark;
    }
    expect(total / 21).toBeLessThan(10);
  });

  it('with markStep 0.01, marks whose average is exactly 10 give admis', () => {
    const result = computeResult(hundredths, candidate(0, marks));
    expect(result.averageExact).toEqual({ numerator: 10, denominator: 1 });
    expect(result.average).toBe(10);
    expect(result.total).toBe(210);
    expect(result.decision).toBe('admis');
    expect(formatAverage(result.average)).toBe('10,00');
  });

  it('one hundredth less is no longer admis', () => {
    const result = computeResult(hundredths, candidate(0, { ...marks, U6: 9.2 }));
    expect(result.decision).not.toBe('admis');
    expect(result.average).toBeLessThan(10);
  });

  it('an average of 9.9957… is shown 9,99, never 10,00', () => {
    const result = computeResult(hundredths, candidate(10, { U1: 9.97 }));
    expect(result.total).toBe(209.91);
    expect(formatAverage(result.averageExact)).toBe('9,99');
    expect(formatAverage(result.average)).toBe('9,99');
    expect(result.decision).toBe('controle');
  });

  it('refuses a mark off the 0.5 step that 0.01 would accept', () => {
    expect(() => computeResult(BTS_MCO, candidate(10, { U1: 9.97 }))).toThrow(/pas de 0,5/);
    expect(computeResult(hundredths, candidate(10, { U1: 9.97 })).decision).toBe('controle');
  });
});
