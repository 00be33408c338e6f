import { describe, expect, it } from 'vitest';
import { frenchDateTime } from './date-time';

describe('frenchDateTime', () => {
  it('writes a date and time in Paris, as the PV does', () => {
    expect(frenchDateTime('2027-06-12T12:03:00.000Z')).toBe('12 juin 2027 à 14 h 03');
    expect(frenchDateTime('2027-06-12T01:03:07.000Z', { seconds: true })).toBe(
      '12 juin 2027 à 3 h 03 min 07 s',
    );
    expect(frenchDateTime('')).toBeNull();
    expect(frenchDateTime('n’importe quoi')).toBeNull();
  });
});
