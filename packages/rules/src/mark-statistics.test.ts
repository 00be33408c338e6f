import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatAverage } from './format-average.js';
import { fractionToNumber } from './fraction.js';
import { MARK_BANDS, exceedsGap, markStatistics, meanDifference } from './mark-statistics.js';

const hundredths = fc.integer({ min: 0, max: 2000 });
const halfPoints = fc.integer({ min: 0, max: 40 }).map((half) => half * 50);

describe('markStatistics', () => {
  it('describes a small set of half-point marks exactly', () => {
    const stats = markStatistics([1200, 1450, 800, 2000, 1050]);
    expect(stats.count).toBe(5);
    expect(stats.sumHundredths).toBe(6500);
    expect(formatAverage(stats.mean)).toBe('13,00');
    expect(formatAverage(stats.median)).toBe('12,00');
    expect(stats.minHundredths).toBe(800);
    expect(stats.maxHundredths).toBe(2000);
    // Population deviation: √(((−1)² + 1,5² + (−5)² + 7² + (−2,5)²)/5) = √16,7 = 4,0865…
    expect(stats.standardDeviationHundredths).toBe(408);
    expect(stats.bands).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 0, 1]);
  });

  it('takes the half-sum of the two middle marks for an even count', () => {
    expect(markStatistics([1000, 1250, 1300, 2000]).median).toEqual({
      numerator: 51,
      denominator: 4,
    });
  });

  it('truncates a mean it cannot show whole: 10, 10, 9,99 → 9,99', () => {
    const stats = markStatistics([1000, 1000, 999]);
    expect(formatAverage(stats.mean)).toBe('9,99');
  });

  it('has no mean, median nor deviation without marks', () => {
    const stats = markStatistics([]);
    expect(stats).toMatchObject({ count: 0, mean: null, median: null });
    expect(stats.standardDeviationHundredths).toBeNull();
    expect(stats.bands.every((count) => count === 0)).toBe(true);
  });

  it('puts 20 in the last band and 2 in the second', () => {
    expect(markStatistics([2000]).bands[9]).toBe(1);
    expect(markStatistics([200]).bands[1]).toBe(1);
    expect(markStatistics([199]).bands[0]).toBe(1);
    expect(MARK_BANDS.map((band) => band.label)[9]).toBe('18–20');
  });

  it('refuses what is not a mark in hundredths', () => {
    expect(() => markStatistics([12.5])).toThrow(RangeError);
    expect(() => markStatistics([2001])).toThrow(RangeError);
    expect(() => markStatistics([-1])).toThrow(RangeError);
  });

  it('agrees with a float computation within its truncation (property)', () => {
    fc.assert(
      fc.property(fc.array(hundredths, { minLength: 1, maxLength: 300 }), (marks) => {
        const stats = markStatistics(marks);
        const points = marks.map((mark) => mark / 100);
        const mean = points.reduce((a, b) => a + b, 0) / points.length;
        expect(Math.abs(fractionToNumber(stats.mean as never) - mean)).toBeLessThan(1e-9);
        const variance = points.reduce((a, b) => a + (b - mean) ** 2, 0) / points.length;
        const deviation = Math.sqrt(variance) * 100;
        const truncated = stats.standardDeviationHundredths as number;
        expect(truncated).toBeLessThanOrEqual(deviation + 1e-6);
        expect(truncated + 1).toBeGreaterThan(deviation - 1e-6);
        expect(stats.bands.reduce((a, b) => a + b, 0)).toBe(marks.length);
        expect(stats.minHundredths).toBe(Math.min(...marks));
        expect(stats.maxHundredths).toBe(Math.max(...marks));
      }),
    );
  });

  it('does not depend on the order of the marks (property)', () => {
    fc.assert(
      fc.property(fc.array(halfPoints, { minLength: 1, maxLength: 60 }), (marks) => {
        expect(markStatistics([...marks].reverse())).toEqual(markStatistics(marks));
      }),
    );
  });

  it('keeps the median between min and max, and equal to a mark for an odd count (property)', () => {
    fc.assert(
      fc.property(fc.array(halfPoints, { minLength: 1, maxLength: 61 }), (marks) => {
        const stats = markStatistics(marks);
        const median = fractionToNumber(stats.median as never) * 100;
        expect(median).toBeGreaterThanOrEqual(stats.minHundredths as number);
        expect(median).toBeLessThanOrEqual(stats.maxHundredths as number);
        if (marks.length % 2 === 1) expect(marks).toContain(Math.round(median));
      }),
    );
  });
});

describe('meanDifference and exceedsGap', () => {
  it('decide a gap of exactly 2 points as not beyond 2', () => {
    const room = markStatistics([1400, 1400]);
    const cohort = markStatistics([1200, 1200]);
    const difference = meanDifference(room, cohort);
    expect(difference).toEqual({ numerator: 2, denominator: 1 });
    expect(exceedsGap(difference as never, 200)).toBe(false);
    expect(exceedsGap(difference as never, 199)).toBe(true);
  });

  it('compare a negative difference by its size', () => {
    const difference = meanDifference(markStatistics([800]), markStatistics([1001]));
    expect(exceedsGap(difference as never, 200)).toBe(true);
    expect(exceedsGap(difference as never, 201)).toBe(false);
  });

  it('agree with integer arithmetic on thirds that floats would round (property)', () => {
    fc.assert(
      fc.property(
        fc.array(hundredths, { minLength: 1, maxLength: 40 }),
        fc.array(hundredths, { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 2000 }),
        (a, b, gap) => {
          const difference = meanDifference(markStatistics(a), markStatistics(b));
          const sumA = a.reduce((x, y) => x + y, 0);
          const sumB = b.reduce((x, y) => x + y, 0);
          // |sumA/nA − sumB/nB| > gap ⇔ |sumA·nB − sumB·nA| > gap·nA·nB (hundredths)
          const expected = Math.abs(sumA * b.length - sumB * a.length) > gap * a.length * b.length;
          expect(exceedsGap(difference as never, gap)).toBe(expected);
        },
      ),
    );
  });
});
