/**
 * A user's main role decides where they land after sign-in. Rights on a given jury or
 * commission come from memberships stored on the server, never from this field alone.
 */
export const ROLES = ['admin', 'president', 'member', 'examiner'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Administration',
  president: 'Président·e de jury',
  member: 'Membre du jury',
  examiner: 'Examinateur·rice',
};

/** Categories of jury members, recorded on the minute (parity warning). */
export const MEMBER_CATEGORIES = [
  'enseignant',
  'professionnel_employeur',
  'professionnel_salarie',
] as const;
export type MemberCategory = (typeof MEMBER_CATEGORIES)[number];

export const MEMBER_CATEGORY_LABELS: Record<MemberCategory, string> = {
  enseignant: 'Enseignant·e',
  professionnel_employeur: 'Professionnel·le (employeur)',
  professionnel_salarie: 'Professionnel·le (salarié)',
};

/** What a connection may do with one document. */
export type Access = 'write' | 'read' | 'none';
