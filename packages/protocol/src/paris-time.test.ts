import { describe, expect, it } from 'vitest';
import {
  formatClockTime,
  formatParisDate,
  formatParisDateTime,
  formatParisTime,
} from './paris-time.js';

describe('dates of the minute, at the time of Paris', () => {
  it('adds two hours in summer and one in winter', () => {
    expect(formatParisDateTime('2027-06-04T16:32:00.000Z')).toBe('4 juin 2027 à 18 h 32');
    expect(formatParisDateTime('2027-01-15T08:05:00.000Z')).toBe('15 janvier 2027 à 9 h 05');
  });

  it('changes at 01:00 UTC on the last Sundays of March and October', () => {
    // 2027: 28 March and 31 October.
    expect(formatParisDateTime('2027-03-28T00:59:00.000Z')).toBe('28 mars 2027 à 1 h 59');
    expect(formatParisDateTime('2027-03-28T01:00:00.000Z')).toBe('28 mars 2027 à 3 h 00');
    expect(formatParisDateTime('2027-10-31T00:59:00.000Z')).toBe('31 octobre 2027 à 2 h 59');
    expect(formatParisDateTime('2027-10-31T01:00:00.000Z')).toBe('31 octobre 2027 à 2 h 00');
  });

  it('writes the first of the month as 1er and crosses midnight', () => {
    expect(formatParisDate('2027-06-30T22:30:00.000Z')).toBe('1er juillet 2027');
    expect(formatParisDate('2027-12-31T23:30:00.000Z')).toBe('1er janvier 2028');
  });

  it('writes every time as « 14 h 03 », with seconds when asked, and schedule times alike', () => {
    expect(formatParisTime('2027-06-12T12:03:09.000Z')).toBe('14 h 03');
    expect(formatParisDateTime('2027-06-12T12:03:09.000Z', { seconds: true })).toBe(
      '12 juin 2027 à 14 h 03 min 09 s',
    );
    expect(formatClockTime('08:30')).toBe('8 h 30');
    expect(formatClockTime('14:00')).toBe('14 h 00');
    expect(formatClockTime('demain')).toBe('demain');
  });
});
