import type { MemberCategory, NewJury, NewMember } from '@delib/protocol';
import { checkPerson, type PersonDraft, type PersonErrors } from './person-form';

/** The form that composes a jury: a name, the appointment, the president and the members. */

export interface MemberDraft {
  /** Stable key of the row in the form. */
  key: number;
  person: PersonDraft;
  category: MemberCategory | '';
}

export interface MemberRowErrors extends PersonErrors {
  category?: string;
}

export interface JuryFormErrors {
  name?: string;
  members?: string;
  rows: Record<number, MemberRowErrors>;
}

export type JuryFormOutcome = { ok: true; value: NewJury } | { ok: false; errors: JuryFormErrors };

export function checkMember(
  draft: MemberDraft,
  president: boolean,
): { ok: true; member: NewMember } | { ok: false; errors: MemberRowErrors } {
  const person = checkPerson(draft.person);
  const errors: MemberRowErrors = person.ok ? {} : { ...person.errors };
  if (draft.category === '') errors.category = 'Choisissez la catégorie.';
  if (!person.ok || draft.category === '') return { ok: false, errors };
  return { ok: true, member: { person: person.person, category: draft.category, president } };
}

export function checkJuryForm(form: {
  name: string;
  appointmentRef: string;
  members: readonly MemberDraft[];
  presidentKey: number | null;
}): JuryFormOutcome {
  const errors: JuryFormErrors = { rows: {} };
  const name = form.name.trim();
  if (name.length < 2 || name.length > 200) errors.name = 'Saisissez le nom du jury.';
  if (form.members.length === 0) errors.members = 'Un jury compte au moins sa présidence.';
  else if (!form.members.some((member) => member.key === form.presidentKey)) {
    errors.members = 'Désignez le président ou la présidente du jury.';
  }
  const members: NewMember[] = [];
  const chosen = new Set<string>();
  for (const draft of form.members) {
    const checked = checkMember(draft, draft.key === form.presidentKey);
    if (!checked.ok) {
      errors.rows[draft.key] = checked.errors;
      continue;
    }
    const identity =
      'userId' in checked.member.person
        ? `id:${checked.member.person.userId}`
        : `login:${checked.member.person.login}`;
    if (chosen.has(identity)) {
      errors.rows[draft.key] = { userId: 'Cette personne est déjà nommée dans ce jury.' };
      continue;
    }
    chosen.add(identity);
    members.push(checked.member);
  }
  if (errors.name || errors.members || Object.keys(errors.rows).length > 0) {
    return { ok: false, errors };
  }
  const appointmentRef = form.appointmentRef.trim();
  return {
    ok: true,
    value: { name, appointmentRef: appointmentRef === '' ? null : appointmentRef, members },
  };
}
