import { formatClockTime } from '@delib/protocol';

/**
 * A scheduled time `HH:MM` in French writing, as every page and PDF writes times
 * (`@delib/protocol`'s formatter): `08:30` → `8 h 30`, `14:00` → `14 h 00`.
 */
export function passageTime(time: string | null): string {
  return time === null ? '' : formatClockTime(time);
}
