import type { MemberCategory } from './roles.js';

/**
 * Parity of a BTS jury: besides its president, teachers and professionals (employers or
 * employees) sit in equal numbers (Code de l'éducation, article D643-31). One rule for the
 * admin's jury form, the server's jury composition and the deliberation board.
 */
export interface ParityMember {
  /** '' while a form has no category chosen yet: not counted. */
  category: MemberCategory | '';
  president: boolean;
  /** Absent members are not counted (attendance on the day); present by default. */
  present?: boolean;
}

export interface Parity {
  teachers: number;
  professionals: number;
  /** French warning for a person, or null when the jury is balanced. */
  warning: string | null;
}

/** The rule itself, as a person reads it: what the law requires, not an anecdote. */
export const PARITY_RULE =
  'Le Code de l’éducation (article D643-31) prévoit qu’outre sa présidence, le jury comprend ' +
  'des enseignants et des professionnels en nombre égal.';

function count(n: number, one: string, many: string): string {
  return `${n} ${n > 1 ? many : one}`;
}

export function juryParity(members: readonly ParityMember[]): Parity {
  const counted = members.filter((m) => !m.president && m.present !== false && m.category !== '');
  const teachers = counted.filter((m) => m.category === 'enseignant').length;
  const professionals = counted.length - teachers;
  let warning: string | null = null;
  if (counted.length === 0) {
    warning =
      'Aucun membre en dehors de la présidence : le jury ne peut pas délibérer valablement.';
  } else if (teachers !== professionals) {
    warning =
      `Parité non respectée : ${count(teachers, 'enseignant·e', 'enseignant·es')} pour ` +
      `${count(professionals, 'professionnel·le', 'professionnel·les')} (hors présidence). ` +
      PARITY_RULE;
  }
  return { teachers, professionals, warning };
}
