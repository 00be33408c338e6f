import { describe, expect, it } from 'vitest';
import { formatVerificationCode, parseVerificationCode } from './verification-code.js';

describe('verification codes', () => {
  it('reads the code of a QR code’s address, or as printed, or typed loosely', () => {
    const url = new URL('https://delib.lycee.example/verifier?code=3f2a9b1c0d4e');
    expect(parseVerificationCode(url.searchParams.get('code'))).toBe('3f2a9b1c0d4e');
    expect(parseVerificationCode('3f2a 9b1c 0d4e')).toBe('3f2a9b1c0d4e');
    expect(parseVerificationCode(' 3F2A-9B1C-0D4E ')).toBe('3f2a9b1c0d4e');
  });

  it('refuses what is not a code', () => {
    expect(parseVerificationCode(null)).toBeNull();
    expect(parseVerificationCode('')).toBeNull();
    expect(parseVerificationCode('3f2a 9b1c 0d4')).toBeNull();
    expect(parseVerificationCode('3f2a 9b1c 0d4ez')).toBeNull();
    expect(parseVerificationCode('../../api/keys')).toBeNull();
  });

  it('prints it by four, from the code or the whole SHA-256', () => {
    expect(formatVerificationCode('3f2a9b1c0d4e')).toBe('3f2a 9b1c 0d4e');
    expect(formatVerificationCode('3f2a9b1c0d4e'.padEnd(64, '0'))).toBe('3f2a 9b1c 0d4e');
  });
});
