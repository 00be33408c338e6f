import type { InvitationStatus, RedeemOutcome } from '@delib/protocol';

/**
 * Invitation codes as people write them: 12 signs of an alphabet without 0, O, 1 nor I,
 * printed `ABCD-EFGH-JKLM` (codes printed before were 8 signs, `ABCD-EFGH`, and still
 * count). The same rule as the server's (apps/server/src/setup/invitations.ts), so a
 * mistyped code is caught before it costs an attempt.
 */
export const INVITATION_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const INVITATION_CODE_LENGTH = 12;
const LEGACY_INVITATION_CODE_LENGTH = 8;

/** `abcd-efgh-jklm`, ` ABCD EFGH JKLM ` → `ABCDEFGHJKLM`; null when it cannot be a code. */
export function normalizeInvitationCode(text: string): string | null {
  const code = text.toUpperCase().replace(/[\s-]/g, '');
  if (code.length !== INVITATION_CODE_LENGTH && code.length !== LEGACY_INVITATION_CODE_LENGTH) {
    return null;
  }
  for (const sign of code) if (!INVITATION_ALPHABET.includes(sign)) return null;
  return code;
}

/** `ABCDEFGHJKLM` → `ABCD-EFGH-JKLM`: groups of four, as printed. */
export function printableCode(code: string): string {
  return code.match(/.{1,4}/g)?.join('-') ?? code;
}

export const INVITATION_STATUS_LABELS: Record<InvitationStatus, string> = {
  active: 'Active',
  used: 'Utilisée',
  revoked: 'Révoquée',
  expired: 'Expirée',
};

export const ATTEMPT_OUTCOME_LABELS: Record<RedeemOutcome, string> = {
  accepted: 'Acceptée',
  malformed: 'Code mal formé',
  unknown: 'Code inconnu',
  revoked: 'Invitation révoquée',
  expired: 'Invitation expirée',
  used: 'Déjà utilisée',
  full: 'Salle complète',
  locked: 'Jury verrouillé',
  'rate-limited': 'Trop de tentatives',
};

/** Revoking is possible while the invitation is active, and after use (it shuts the person out). */
export function canRevoke(status: InvitationStatus): boolean {
  return status === 'active' || status === 'used';
}

/** The full address to give: `https://centre.example/invitation/ABCDEFGHJKLM`. */
export function invitationAddress(origin: string, link: string): string {
  return new URL(link, origin).href;
}
