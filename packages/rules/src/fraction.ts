/** Exact rationals for averages: `numerator / denominator`, reduced, denominator positive. */

export interface Fraction {
  numerator: number;
  denominator: number;
}

function gcd(a: number, b: number): number {
  let x = Math.abs(a);
  let y = Math.abs(b);
  while (y !== 0) {
    [x, y] = [y, x % y];
  }
  return x;
}

/** `numerator / denominator` in lowest terms. Both must be safe integers, `denominator` > 0. */
export function fraction(numerator: number, denominator: number): Fraction {
  const divisor = gcd(numerator, denominator) || 1;
  return { numerator: numerator / divisor + 0, denominator: denominator / divisor };
}

/** The double nearest to the fraction (one correctly rounded division). */
export function fractionToNumber(value: Fraction): number {
  return value.numerator / value.denominator;
}
