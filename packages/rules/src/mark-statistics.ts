import type { Fraction } from './fraction.js';
import { fraction } from './fraction.js';
import { MAX_MARK_HUNDREDTHS } from './exact-mark.js';

/**
 * Statistics of oral marks, for harmonisation: count, mean, median, standard deviation,
 * min/max and a distribution by mark bands. Exact: marks come in as integer hundredths, sums
 * stay integers, the mean and the median are fractions, the standard deviation is an integer
 * square root; nothing here is a sum of floats. Displayed truncated to the hundredth, as the
 * jury's averages are (`formatAverage`).
 */

/** A band of the distribution: marks from `from` (included) to `to` (excluded; 20 included). */
export interface MarkBand {
  fromHundredths: number;
  toHundredths: number;
  /** `0–2`, …, `18–20`. */
  label: string;
}

/** Ten bands of two points: equal widths, so that a histogram's bars compare honestly. */
export const MARK_BANDS: readonly MarkBand[] = Array.from({ length: 10 }, (_, index) => ({
  fromHundredths: index * 200,
  toHundredths: (index + 1) * 200,
  label: `${index * 2}–${(index + 1) * 2}`,
}));

export interface MarkStatistics {
  count: number;
  /** Sum of the marks, in hundredths of a point. */
  sumHundredths: number;
  /** Mean in points (null without marks). */
  mean: Fraction | null;
  /** Median in points: the middle mark, or the half-sum of the two middle ones. */
  median: Fraction | null;
  /**
   * Standard deviation of the marks themselves (population: divided by the count, not by
   * count − 1), in hundredths of a point, truncated.
   */
  standardDeviationHundredths: number | null;
  minHundredths: number | null;
  maxHundredths: number | null;
  /** How many marks fall in each of `MARK_BANDS`. */
  bands: number[];
}

function integerSquareRoot(value: bigint): bigint {
  if (value < 0n) throw new RangeError('racine d’un nombre négatif');
  if (value < 2n) return value;
  // Newton's method on integers: decreasing from above, stops at floor(√value).
  let x = value;
  let y = (x + 1n) / 2n;
  while (y < x) {
    x = y;
    y = (x + value / x) / 2n;
  }
  return x;
}

function bandOf(hundredths: number): number {
  return Math.min(MARK_BANDS.length - 1, Math.floor(hundredths / 200));
}

/** Checks that every mark is an integer number of hundredths from 0 to 20 points. */
function checkMarks(marks: readonly number[]): void {
  for (const mark of marks) {
    if (!Number.isInteger(mark) || mark < 0 || mark > MAX_MARK_HUNDREDTHS) {
      throw new RangeError(`note hors de 0 à 2000 centièmes : ${String(mark)}`);
    }
  }
}

/** Statistics of marks given in integer hundredths of a point (1250 for 12,5). */
export function markStatistics(marksHundredths: readonly number[]): MarkStatistics {
  checkMarks(marksHundredths);
  const count = marksHundredths.length;
  const bands = MARK_BANDS.map(() => 0);
  if (count === 0) {
    return {
      count,
      sumHundredths: 0,
      mean: null,
      median: null,
      standardDeviationHundredths: null,
      minHundredths: null,
      maxHundredths: null,
      bands,
    };
  }
  const sorted = [...marksHundredths].sort((a, b) => a - b);
  let sum = 0;
  let sumOfSquares = 0n;
  for (const mark of sorted) {
    sum += mark;
    sumOfSquares += BigInt(mark) * BigInt(mark);
    bands[bandOf(mark)] = (bands[bandOf(mark)] ?? 0) + 1;
  }
  const middle = Math.floor(count / 2);
  const medianHundredthsTwice =
    count % 2 === 1
      ? 2 * (sorted[middle] as number)
      : (sorted[middle - 1] as number) + (sorted[middle] as number);
  // Variance in hundredths² is (n·Σx² − (Σx)²) / n²; its square root, truncated, is
  // ⌊√(n·Σx² − (Σx)²)⌋ div n (⌊⌊r⌋ / n⌋ = ⌊r / n⌋ for a whole n).
  const n = BigInt(count);
  const spread = n * sumOfSquares - BigInt(sum) * BigInt(sum);
  return {
    count,
    sumHundredths: sum,
    mean: fraction(sum, 100 * count),
    median: fraction(medianHundredthsTwice, 200),
    standardDeviationHundredths: Number(integerSquareRoot(spread) / n),
    minHundredths: sorted[0] as number,
    maxHundredths: sorted[count - 1] as number,
    bands,
  };
}

/** `a.mean − b.mean` in points, exact; null when either has no mark. */
export function meanDifference(a: MarkStatistics, b: MarkStatistics): Fraction | null {
  if (a.count === 0 || b.count === 0) return null;
  // sumA/(100·nA) − sumB/(100·nB) = (sumA·nB − sumB·nA) / (100·nA·nB)
  return fraction(a.sumHundredths * b.count - b.sumHundredths * a.count, 100 * a.count * b.count);
}

/** True when `|difference|` is strictly greater than `gapHundredths` (hundredths of a point). */
export function exceedsGap(difference: Fraction, gapHundredths: number): boolean {
  const numerator = BigInt(difference.numerator);
  const absolute = numerator < 0n ? -numerator : numerator;
  // |num| / den > gap / 100  ⇔  100·|num| > gap·den
  return absolute * 100n > BigInt(gapHundredths) * BigInt(difference.denominator);
}
