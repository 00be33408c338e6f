import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatAverage } from './format-average.js';
import { fraction, fractionToNumber } from './fraction.js';
import { RulesError } from './rules-error.js';

describe('formatAverage', () => {
  it.each([
    [9.996, '9,99'],
    [9.999999, '9,99'],
    [10, '10,00'],
    [10.004, '10,00'],
    [12.5, '12,50'],
    [12.345, '12,34'],
    [0, '0,00'],
    [-0, '0,00'],
    [20.95238, '20,95'],
    [1e-7, '0,00'],
    [208.5 / 21, '9,92'],
    [null, '—'],
  ])('%s → %s (truncated, French)', (value, expected) => {
    expect(formatAverage(value)).toBe(expected);
  });

  it.each([
    [{ numerator: 2099, denominator: 210 }, '9,99'],
    [{ numerator: 10, denominator: 1 }, '10,00'],
    [{ numerator: 433, denominator: 42 }, '10,30'],
    [{ numerator: 1, denominator: 3 }, '0,33'],
    [{ numerator: 2, denominator: 3 }, '0,66'],
    [{ numerator: -1, denominator: 3 }, '-0,33'],
  ])('the exact fraction %o → %s', (value, expected) => {
    expect(formatAverage(value)).toBe(expected);
  });

  it.each([[Number.NaN], [Number.POSITIVE_INFINITY], [{ numerator: 1, denominator: 0 }]])(
    'refuses %s',
    (value) => {
      expect(() => formatAverage(value)).toThrow(RulesError);
    },
  );

  it('the number and the exact fraction always show the same text', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 20 * 2100 * 100 }),
        fc.integer({ min: 1, max: 2100 * 100 }),
        (numerator, denominator) => {
          const exact = fraction(numerator, denominator);
          expect(formatAverage(fractionToNumber(exact))).toBe(formatAverage(exact));
        },
      ),
    );
  });

  it('never shows 10,00 for an exact average just below 10', () => {
    fc.assert(
      // From a denominator of 100 on, 10 − 1/denominator is at least 9.99.
      fc.property(fc.integer({ min: 100, max: 2100 * 100 }), (denominator) => {
        const justUnder = fraction(10 * denominator - 1, denominator);
        expect(formatAverage(justUnder)).toBe('9,99');
        expect(formatAverage(fractionToNumber(justUnder))).toBe('9,99');
      }),
    );
  });
});
