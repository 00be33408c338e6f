/** Calendar days (`AAAA-MM-JJ`) as the centre counts them: in Paris, written the French way. */

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `text` is a real day written `AAAA-MM-JJ` (no 31 June). */
export function isIsoDay(text: string): boolean {
  const match = ISO_DAY.exec(text);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === text;
}

/** `2027-05-18` → `18/05/2027`; anything else is returned as is. */
export function frenchDay(iso: string | null): string {
  if (iso === null) return '';
  const match = ISO_DAY.exec(iso);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : iso;
}

const longDay = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'full', timeZone: 'UTC' });

/** `2027-06-04` → `vendredi 4 juin 2027`. */
export function longFrenchDay(iso: string): string {
  return isIsoDay(iso) ? longDay.format(new Date(`${iso}T00:00:00Z`)) : iso;
}

/** `du 18/05/2027 au 04/06/2027`, `à partir du …`, `jusqu’au …`, or empty. */
export function dayRange(startsOn: string | null, endsOn: string | null): string {
  if (startsOn && endsOn) return `du ${frenchDay(startsOn)} au ${frenchDay(endsOn)}`;
  if (startsOn) return `à partir du ${frenchDay(startsOn)}`;
  if (endsOn) return `jusqu’au ${frenchDay(endsOn)}`;
  return '';
}

/** Today in Paris, `AAAA-MM-JJ` (an invitation is valid until the end of its day there). */
export function todayInParis(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Paris',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

export function addDays(iso: string, days: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/**
 * The validity proposed for a new invitation: the last day of the session when it is still
 * to come, otherwise a week from today.
 */
export function proposedValidity(today: string, sessionEndsOn: string | null): string {
  if (sessionEndsOn !== null && isIsoDay(sessionEndsOn) && sessionEndsOn >= today) {
    return sessionEndsOn;
  }
  return addDays(today, 7);
}
