/**
 * Dates of the minute in French, at the time of Paris, computed without the ICU data of the
 * running Node: the printed date is part of a signed, byte-for-byte reproducible PDF, so it
 * must not depend on the time-zone database or the locale data of the machine that renders
 * it. France follows the EU summer-time rule (UTC+2 from the last Sunday of March at 01:00
 * UTC to the last Sunday of October at 01:00 UTC, UTC+1 otherwise) since 1996.
 */
const MONTHS = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
];

export interface ParisTime {
  year: number;
  /** 1 to 12. */
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/** The last Sunday of a month (0-based), at 01:00 UTC, in milliseconds. */
function lastSundayAtOneUtc(year: number, month: number): number {
  const lastDay = new Date(Date.UTC(year, month + 1, 0));
  const sunday = lastDay.getUTCDate() - lastDay.getUTCDay();
  return Date.UTC(year, month, sunday, 1);
}

export function parisTime(instant: string | Date): ParisTime {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  const ms = date.getTime();
  if (!Number.isFinite(ms)) throw new Error(`date invalide : ${String(instant)}`);
  const year = date.getUTCFullYear();
  const summer = ms >= lastSundayAtOneUtc(year, 2) && ms < lastSundayAtOneUtc(year, 9);
  const local = new Date(ms + (summer ? 2 : 1) * 3_600_000);
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
  };
}

/** `1er juin 2027`, `4 juin 2027`. */
export function formatParisDate(instant: string | Date): string {
  const t = parisTime(instant);
  return `${t.day === 1 ? '1er' : t.day} ${MONTHS[t.month - 1] ?? ''} ${t.year}`;
}

/** `4 juin 2027 à 18 h 05`. */
export function formatParisDateTime(instant: string | Date): string {
  const t = parisTime(instant);
  return `${formatParisDate(instant)} à ${t.hour} h ${String(t.minute).padStart(2, '0')}`;
}
