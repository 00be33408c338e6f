import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hundredthsFromText, isMarkOnStep, toHundredths } from './exact-mark.js';

describe('toHundredths', () => {
  it.each([
    [0, 0],
    [-0, 0],
    [12, 1200],
    [12.5, 1250],
    [12.3, 1230],
    [0.01, 1],
    [9.97, 997],
    [20, 2000],
    [1.15, 115],
    [4.35, 435],
    [-1, -100],
  ])('%s → %s hundredths (exact, from the decimal writing)', (value, expected) => {
    expect(toHundredths(value)).toBe(expected);
  });

  it.each([
    [12.345],
    [0.1 + 0.2],
    [1e-7],
    [1e21],
    [Number.NaN],
    [Number.POSITIVE_INFINITY],
    ['12'],
    [null],
    [undefined],
  ])('%s is not an exact count of hundredths', (value) => {
    expect(toHundredths(value)).toBeNull();
  });

  it('every two-decimal literal maps to its hundredths (where x * 100 in floats may not)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), (hundredths) => {
        const literal = Number(
          `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`,
        );
        expect(toHundredths(literal)).toBe(hundredths);
      }),
    );
    // The trap the string reading avoids: 4.35 * 100 is 434.99999999999994 in floats.
    expect(4.35 * 100).not.toBe(435);
  });
});

describe('toHundredths fast path', () => {
  it('agrees with the reading of the decimal text for any double', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.double({ noNaN: true, noDefaultInfinity: true }),
          fc.double({ min: -100, max: 100, noNaN: true }),
          fc.integer({ min: -1e7, max: 1e7 }).map((h) => h / 100),
          fc.integer({ min: -1e7, max: 1e7 }).map((h) => h / 1000),
          fc.integer({ min: 0, max: 2000 }).map((h) => h * 0.01),
        ),
        (value) => {
          expect(toHundredths(value)).toBe(hundredthsFromText(value));
        },
      ),
      { numRuns: 5000 },
    );
  });
});

describe('isMarkOnStep', () => {
  it.each([
    [1250, 50, true],
    [1230, 50, false],
    [1230, 1, true],
    [0, 50, true],
    [2000, 50, true],
    [2050, 50, false],
    [-50, 50, false],
    [1225, 25, true],
  ])('%s hundredths on a step of %s: %s', (hundredths, step, expected) => {
    expect(isMarkOnStep(hundredths, step)).toBe(expected);
  });
});
