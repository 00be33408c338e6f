import type { NewExamSession, RegulationChoice } from '@delib/protocol';
import { getRegulation } from '@delib/rules';
import { isIsoDay } from './calendar-day';

/** The form that creates an exam session, checked as the server checks it. */

export interface SessionFormValues {
  regulationId: string;
  year: string;
  centre: string;
  academie: string;
  /** From `<input type="date">`: `AAAA-MM-JJ` or empty. */
  startsOn: string;
  endsOn: string;
}

export type SessionFormErrors = Partial<Record<keyof SessionFormValues, string>>;

export type SessionFormOutcome =
  { ok: true; value: NewExamSession } | { ok: false; errors: SessionFormErrors };

export function checkSessionForm(values: SessionFormValues): SessionFormOutcome {
  const errors: SessionFormErrors = {};
  if (values.regulationId === '') errors.regulationId = 'Choisissez le règlement du diplôme.';
  const year = Number(values.year.trim());
  if (!/^\d{4}$/.test(values.year.trim()) || year < 2000 || year > 2100) {
    errors.year = 'Saisissez l’année de la session sur 4 chiffres, par exemple 2027.';
  }
  const centre = values.centre.trim();
  if (centre.length < 2 || centre.length > 200) {
    errors.centre = 'Saisissez le nom du centre d’examen (2 à 200 caractères).';
  }
  const academie = values.academie.trim();
  if (academie.length < 2 || academie.length > 100) {
    errors.academie = 'Saisissez l’académie (2 à 100 caractères).';
  }
  const startsOn = values.startsOn.trim();
  const endsOn = values.endsOn.trim();
  if (startsOn !== '' && !isIsoDay(startsOn)) errors.startsOn = 'Date de début invalide.';
  if (endsOn !== '' && !isIsoDay(endsOn)) errors.endsOn = 'Date de fin invalide.';
  if (!errors.startsOn && !errors.endsOn && startsOn !== '' && endsOn !== '' && endsOn < startsOn) {
    errors.endsOn = 'La fin de la session précède son début.';
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      regulationId: values.regulationId,
      year,
      centre,
      academie,
      startsOn: startsOn === '' ? null : startsOn,
      endsOn: endsOn === '' ? null : endsOn,
    },
  };
}

/** The text a regulation follows, first clause (`Arrêté du 15 octobre 2018`), or null. */
function referenceOf(regulation: { id: string; reference?: string }): string | null {
  let reference = regulation.reference;
  if (reference === undefined) {
    try {
      reference = getRegulation(regulation.id).reference;
    } catch {
      return null;
    }
  }
  return reference.split(';')[0]?.trim() || null;
}

/**
 * `BTS Management commercial opérationnel – Arrêté du 15 octobre 2018`; an uploaded one says
 * so: `BTS Essai – Arrêté fictif (déposé)`.
 */
export function regulationChoiceLabel(
  regulation: Pick<RegulationChoice, 'id' | 'label'> &
    Partial<Pick<RegulationChoice, 'reference' | 'uploaded'>>,
): string {
  const uploaded = regulation.uploaded ? ' (déposé)' : '';
  return `${regulation.label} – ${referenceOf(regulation) ?? regulation.id}${uploaded}`;
}

/** `BTS MCO – session 2027`; `specialty` for a regulation the package does not ship. */
export function sessionTitle(
  session: { regulationId: string; year: number; regulation?: { specialty: string } },
  specialty: string | null = session.regulation?.specialty ?? null,
): string {
  let name = specialty;
  if (name === null) {
    try {
      name = getRegulation(session.regulationId).specialty;
    } catch {
      name = null;
    }
  }
  return `BTS ${name ?? session.regulationId} – session ${session.year}`;
}
