import { describe, expect, it } from 'vitest';
import {
  addDays,
  dayRange,
  frenchDay,
  isIsoDay,
  longFrenchDay,
  proposedValidity,
  todayInParis,
} from './calendar-day';

describe('calendar days', () => {
  it('checks and writes days the French way', () => {
    expect(isIsoDay('2027-06-04')).toBe(true);
    expect(isIsoDay('2027-06-31')).toBe(false);
    expect(isIsoDay('04/06/2027')).toBe(false);
    expect(frenchDay('2027-06-04')).toBe('04/06/2027');
    expect(longFrenchDay('2027-06-04')).toBe('vendredi 4 juin 2027');
    expect(dayRange('2027-05-18', '2027-06-04')).toBe('du 18/05/2027 au 04/06/2027');
    expect(dayRange(null, null)).toBe('');
  });

  it('counts today in Paris, not in UTC', () => {
    // 23:30 UTC on 31 December is already 1 January in Paris.
    expect(todayInParis(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
    expect(addDays('2027-02-26', 3)).toBe('2027-03-01');
  });

  it('proposes the end of the session, or a week when it is over', () => {
    expect(proposedValidity('2027-05-01', '2027-06-04')).toBe('2027-06-04');
    expect(proposedValidity('2027-07-01', '2027-06-04')).toBe('2027-07-08');
    expect(proposedValidity('2027-07-01', null)).toBe('2027-07-08');
  });
});
