import { formatParisDateTime } from '@delib/protocol';

/**
 * `12 juin 2027 à 14 h 03` (Paris time), or null when `iso` is not a date: the formatter of
 * the signed PDFs (`@delib/protocol`), so a page and a PV never write the same time two ways.
 */
export function frenchDateTime(
  iso: string | null | undefined,
  options: { seconds?: boolean } = {},
): string | null {
  if (!iso) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : formatParisDateTime(date, options);
}
