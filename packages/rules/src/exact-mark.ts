/**
 * Exact decimals. Marks, coefficients and settings are held as integer hundredths: a JS number
 * such as 12.3 is read as the decimal it was written as (`"12.3"` → 1230), so the check "is
 * this a multiple of the step" is done on integers and never on binary fractions.
 */

/** Every mark lies between 0 and this, in every BTS. */
export const MAX_MARK = 20;
export const MAX_MARK_HUNDREDTHS = MAX_MARK * 100;

const PLAIN_DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * The exact number of hundredths of `value`, or null when `value` is not a finite number
 * with at most two decimals (`12.345`, `0.1 + 0.2`, `NaN`, `1e-7`…).
 */
export function toHundredths(value: unknown): number | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  // Fast path: `value` is the double of the decimal h / 100 (one correctly rounded division
  // gives it back). Below 1e9 two multiples of 0.01 never share a double, so h is the one.
  if (Math.abs(value) <= 1e9) {
    const hundredths = Math.round(value * 100);
    if (hundredths / 100 === value) return hundredths + 0; // + 0 turns -0 into 0
  }
  return hundredthsFromText(value);
}

/**
 * The reference reading of `toHundredths`, through the shortest decimal writing of the number
 * that round-trips: 12.3 → "12.3", 0.1 + 0.2 → "0.30000000000000004".
 */
export function hundredthsFromText(value: number): number | null {
  const match = PLAIN_DECIMAL.exec(String(value));
  if (!match) return null; // exponent notation: far too small or too large to be a mark
  const [, sign, whole = '', fraction = ''] = match;
  if (fraction.length > 2) return null;
  const hundredths = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  if (!Number.isSafeInteger(hundredths)) return null;
  return sign === '-' && hundredths !== 0 ? -hundredths : hundredths;
}

/** True when `hundredths` is a mark of 0 to 20 on a step of `stepHundredths`. */
export function isMarkOnStep(hundredths: number, stepHundredths: number): boolean {
  return (
    Number.isInteger(hundredths) &&
    hundredths >= 0 &&
    hundredths <= MAX_MARK_HUNDREDTHS &&
    hundredths % stepHundredths === 0
  );
}

/** The JS number for a count of hundredths: the same double as the decimal literal. */
export function fromHundredths(hundredths: number): number {
  return hundredths / 100;
}

/** French decimal writing of a number, without rounding: 12.5 → `12,5`, 12 → `12`. */
export function frenchDecimal(value: number): string {
  return String(value).replace('.', ',');
}
