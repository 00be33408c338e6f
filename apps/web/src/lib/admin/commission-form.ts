import type { NewCommission, PersonInput } from '@delib/protocol';
import { checkPerson, type PersonDraft, type PersonErrors } from './person-form';

/** The form that opens an oral room (commission) in a jury. */

export const MAX_EXAMINERS = 2;

export interface CommissionFormErrors {
  name?: string;
  room?: string;
  units?: string;
  examiners: PersonErrors[];
}

export type CommissionFormOutcome =
  { ok: true; value: NewCommission } | { ok: false; errors: CommissionFormErrors };

export function checkCommissionForm(form: {
  name: string;
  room: string;
  units: readonly string[];
  examiners: readonly PersonDraft[];
  /** The oral units of the regulation, in its order. */
  oralUnits: readonly string[];
}): CommissionFormOutcome {
  const errors: CommissionFormErrors = { examiners: [] };
  const name = form.name.trim();
  const room = form.room.trim();
  if (name.length < 2 || name.length > 200) {
    errors.name = 'Saisissez le nom de la commission, par exemple « Commission E41/E42 ».';
  }
  if (room.length < 1 || room.length > 100) errors.room = 'Saisissez la salle, par exemple B204.';
  const units = form.oralUnits.filter((unit) => form.units.includes(unit));
  if (units.length === 0) errors.units = 'Cochez au moins une unité orale entendue dans la salle.';
  const examiners: PersonInput[] = [];
  let invalidExaminer = false;
  if (form.examiners.length > MAX_EXAMINERS) {
    errors.room ??= `Une commission compte au plus ${MAX_EXAMINERS} examinateurs.`;
  }
  form.examiners.slice(0, MAX_EXAMINERS).forEach((draft, index) => {
    const checked = checkPerson(draft);
    if (checked.ok) {
      examiners.push(checked.person);
      errors.examiners[index] = {};
    } else {
      invalidExaminer = true;
      errors.examiners[index] = checked.errors;
    }
  });
  if (errors.name || errors.room || errors.units || invalidExaminer) return { ok: false, errors };
  return { ok: true, value: { name, room, units, examiners } };
}
