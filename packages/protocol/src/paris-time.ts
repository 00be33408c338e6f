/**
 * Dates and times in French, at the time of Paris: the one formatter of the pages (apps/web,
 * lib/format) and of the signed PDFs (apps/server, minute/), so both write `14 h 03`, never
 * `14:03`. Computed without ICU data: the printed date is part of a signed, byte-for-byte
 * reproducible PDF, so it must not depend on the time-zone database or the locale data of the
 * machine (or the browser) that renders it. France follows the EU summer-time rule (UTC+2 from the last Sunday of March at 01:00
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
  second: number;
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
    second: local.getUTCSeconds(),
  };
}

/** `1er juin 2027`, `4 juin 2027`. */
export function formatParisDate(instant: string | Date): string {
  const t = parisTime(instant);
  return `${t.day === 1 ? '1er' : t.day} ${MONTHS[t.month - 1] ?? ''} ${t.year}`;
}

/** `18 h 05`, `9 h 00`: the French time of day (hours without a leading zero). */
export function formatFrenchTime(hour: number, minute: number): string {
  return `${hour} h ${String(minute).padStart(2, '0')}`;
}

/** `08:30` or `8:30` (a schedule's time) → `8 h 30`; any other text is returned as it is. */
export function formatClockTime(time: string): string {
  const match = /^(\d{1,2}):(\d{2})$/.exec(time);
  return match ? formatFrenchTime(Number(match[1]), Number(match[2])) : time;
}

/** `18 h 05`, or with seconds `18 h 05 min 12 s`, at the time of Paris. */
export function formatParisTime(
  instant: string | Date,
  options: { seconds?: boolean } = {},
): string {
  const t = parisTime(instant);
  const time = formatFrenchTime(t.hour, t.minute);
  return options.seconds ? `${time} min ${String(t.second).padStart(2, '0')} s` : time;
}

/** `4 juin 2027 à 18 h 05` (with seconds: `4 juin 2027 à 18 h 05 min 12 s`). */
export function formatParisDateTime(
  instant: string | Date,
  options: { seconds?: boolean } = {},
): string {
  return `${formatParisDate(instant)} à ${formatParisTime(instant, options)}`;
}
