import { describe, expect, it } from 'vitest';
import {
  canRevoke,
  invitationAddress,
  normalizeInvitationCode,
  printableCode,
} from './invitation-code';

describe('invitation codes', () => {
  it('reads a code however it is typed', () => {
    expect(normalizeInvitationCode('abcd-efgh')).toBe('ABCDEFGH');
    expect(normalizeInvitationCode(' ABCD EFGH ')).toBe('ABCDEFGH');
    expect(normalizeInvitationCode('ABCD-EFG')).toBeNull();
    // 0, O, 1 and I are never used: they are too easily confused.
    expect(normalizeInvitationCode('ABCD-EFG0')).toBeNull();
    expect(normalizeInvitationCode('ABCD-EFGI')).toBeNull();
  });

  it('prints a code in two groups and builds the address', () => {
    expect(printableCode('ABCDEFGH')).toBe('ABCD-EFGH');
    expect(invitationAddress('http://127.0.0.1:3000', '/invitation/ABCDEFGH')).toBe(
      'http://127.0.0.1:3000/invitation/ABCDEFGH',
    );
  });

  it('revokes active and used invitations only', () => {
    expect(canRevoke('active')).toBe(true);
    expect(canRevoke('used')).toBe(true);
    expect(canRevoke('revoked')).toBe(false);
    expect(canRevoke('expired')).toBe(false);
  });
});
