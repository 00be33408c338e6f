import type { Fraction } from './fraction.js';
import { isRecord } from './describe-value.js';
import { RulesError } from './rules-error.js';

const PLAIN_DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/** Shown for an average that cannot be computed (`null`). */
export const NO_AVERAGE = '—';

/**
 * An average in French, truncated (never rounded) to two decimals: 9.996 → `9,99`, 10 →
 * `10,00`, null → `—`. Takes the number of `computeResult` (`average`) or, better, the exact
 * fraction (`averageExact`), which is truncated with integers.
 */
export function formatAverage(value: number | Fraction | null): string {
  if (value === null) return NO_AVERAGE;
  if (typeof value === 'number') return truncateNumber(value);
  return truncateFraction(value);
}

function invalid(value: unknown): RulesError {
  return new RulesError('INVALID_NUMBER', `Moyenne impossible à afficher : ${String(value)}.`, {
    value,
  });
}

function truncateNumber(value: number): string {
  if (!Number.isFinite(value)) throw invalid(value);
  // The shortest decimal that round-trips is the decimal the number stands for (total/divisor
  // correctly rounded): truncating its digits never turns 9.996 into 10.
  const match = PLAIN_DECIMAL.exec(String(value));
  if (!match) {
    // Exponent notation: below 1e-6 (shown as 0,00) or at least 1e21.
    if (Math.abs(value) < 1) return '0,00';
    return `${BigInt(value).toString()},00`;
  }
  const [, sign = '', whole = '', fraction = ''] = match;
  const cents = fraction.padEnd(2, '0').slice(0, 2);
  const isZero = /^0+$/.test(whole) && cents === '00';
  return `${isZero ? '' : sign}${whole},${cents}`;
}

function truncateFraction(value: Fraction): string {
  if (
    !isRecord(value) ||
    !Number.isSafeInteger(value.numerator) ||
    !Number.isSafeInteger(value.denominator) ||
    value.denominator <= 0
  ) {
    throw invalid(JSON.stringify(value));
  }
  const numerator = BigInt(value.numerator);
  const negative = numerator < 0n;
  const hundredths = ((negative ? -numerator : numerator) * 100n) / BigInt(value.denominator);
  const cents = (hundredths % 100n).toString().padStart(2, '0');
  return `${negative && hundredths !== 0n ? '-' : ''}${hundredths / 100n},${cents}`;
}
