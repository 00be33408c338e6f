import { describe, expect, it } from 'vitest';
import {
  canRevoke,
  invitationAddress,
  normalizeInvitationCode,
  printableCode,
} from './invitation-code';

describe('invitation codes', () => {
  it('reads a code however it is typed', () => {
    expect(normalizeInvitationCode('abcd-efgh-jklm')).toBe('ABCDEFGHJKLM');
    expect(normalizeInvitationCode(' ABCD EFGH JKLM ')).toBe('ABCDEFGHJKLM');
    expect(normalizeInvitationCode('ABCD-EFGH-JKL')).toBeNull();
    // 0, O, 1 and I are never used: they are too easily confused.
    expect(normalizeInvitationCode('ABCD-EFGH-JKL0')).toBeNull();
    expect(normalizeInvitationCode('ABCD-EFGH-JKLI')).toBeNull();
    // Codes printed before had 8 signs, and still count.
    expect(normalizeInvitationCode('abcd-efgh')).toBe('ABCDEFGH');
    expect(normalizeInvitationCode('ABCD-EFG')).toBeNull();
  });

  it('prints a code in groups of four and builds the address', () => {
    expect(printableCode('ABCDEFGHJKLM')).toBe('ABCD-EFGH-JKLM');
    expect(printableCode('ABCDEFGH')).toBe('ABCD-EFGH');
    expect(invitationAddress('http://127.0.0.1:3000', '/invitation/ABCDEFGHJKLM')).toBe(
      'http://127.0.0.1:3000/invitation/ABCDEFGHJKLM',
    );
  });

  it('revokes active and used invitations only', () => {
    expect(canRevoke('active')).toBe(true);
    expect(canRevoke('used')).toBe(true);
    expect(canRevoke('revoked')).toBe(false);
    expect(canRevoke('expired')).toBe(false);
  });
});
