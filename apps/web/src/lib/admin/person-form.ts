import {
  MEMBER_CATEGORIES,
  MEMBER_CATEGORY_LABELS,
  type AdminUser,
  type MemberCategory,
  type PersonInput,
} from '@delib/protocol';

/**
 * A person named in a jury or a room: an existing account picked from the list, or a new
 * account the admin creates (login, name, password), checked as the server checks it.
 */

export interface PersonDraft {
  mode: 'existing' | 'new';
  userId: string;
  login: string;
  name: string;
  password: string;
}

export type PersonErrors = Partial<Record<'userId' | 'login' | 'name' | 'password', string>>;

export type PersonOutcome = { ok: true; person: PersonInput } | { ok: false; errors: PersonErrors };

/** The server's rule for logins: lower case, 3 to 50 signs. */
export const LOGIN_PATTERN = /^[a-z0-9][a-z0-9._-]{2,49}$/;
export const MIN_PASSWORD_LENGTH = 8;

export function emptyPerson(mode: PersonDraft['mode'] = 'existing'): PersonDraft {
  return { mode, userId: '', login: '', name: '', password: '' };
}

export function checkPerson(draft: PersonDraft): PersonOutcome {
  if (draft.mode === 'existing') {
    return draft.userId === ''
      ? { ok: false, errors: { userId: 'Choisissez une personne dans la liste.' } }
      : { ok: true, person: { userId: draft.userId } };
  }
  const errors: PersonErrors = {};
  const login = draft.login.trim().toLowerCase();
  const name = draft.name.trim();
  if (!LOGIN_PATTERN.test(login)) {
    errors.login =
      'Identifiant de 3 à 50 caractères : lettres minuscules sans accent, chiffres, point, tiret (par exemple claire.fontaine).';
  }
  if (name.length < 2 || name.length > 100) errors.name = 'Saisissez le prénom et le nom.';
  if (draft.password.length < MIN_PASSWORD_LENGTH) {
    errors.password = `Mot de passe de ${MIN_PASSWORD_LENGTH} caractères au moins.`;
  } else if (draft.password.length > 200) {
    errors.password = 'Mot de passe trop long (200 caractères au plus).';
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, person: { login, name, password: draft.password } };
}

/** `Claire Fontaine` → `claire.fontaine`: a login to propose for a new account. */
export function suggestLogin(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.+|\.+$/g, '')
    .slice(0, 50);
}

/** `Claire Fontaine (presidente)`, as a choice in a list. */
export function userChoiceLabel(user: Pick<AdminUser, 'name' | 'login'>): string {
  return `${user.name} (${user.login})`;
}

/** The categories of a jury member, in the order of the minute. */
export const CATEGORY_CHOICES: { value: MemberCategory; label: string }[] = MEMBER_CATEGORIES.map(
  (value) => ({ value, label: MEMBER_CATEGORY_LABELS[value] }),
);
