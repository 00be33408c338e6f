import { describe, expect, it } from 'vitest';
import { frenchDateTime } from './date-time';

describe('frenchDateTime', () => {
  it('writes a date and time in Paris', () => {
    expect(frenchDateTime('2027-06-12T12:03:00.000Z')).toBe('12 juin 2027 à 14:03');
    expect(frenchDateTime('')).toBeNull();
    expect(frenchDateTime('n’importe quoi')).toBeNull();
  });
});
