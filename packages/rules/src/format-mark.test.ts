import { describe, expect, it } from 'vitest';
import { formatMark } from './format-mark.js';
import { RulesError } from './rules-error.js';

describe('formatMark', () => {
  it.each([
    [12.5, '12,5'],
    [12, '12'],
    [0, '0'],
    [9.75, '9,75'],
    [251.25, '251,25'],
    [null, '—'],
  ])('%s → %s', (value, expected) => {
    expect(formatMark(value)).toBe(expected);
  });

  it.each([[Number.NaN], [Number.NEGATIVE_INFINITY], [1e-9]])('refuses %s', (value) => {
    expect(() => formatMark(value)).toThrow(RulesError);
  });
});
