import { describe, expect, it } from 'vitest';
import { passageTime } from './passage-time';

describe('passageTime', () => {
  it('writes times the French way', () => {
    expect(passageTime('08:30')).toBe('8 h 30');
    expect(passageTime('14:00')).toBe('14 h 00');
    expect(passageTime(null)).toBe('');
    expect(passageTime('midi')).toBe('midi');
  });
});
