import type { Entry } from '@delib/rules';

/**
 * Where a unit's entry comes from, in French, for the candidate panel and as the minute
 * prints it: `Session 2027`, `Bénéfice (session 2024)`, `Dispensé`, `Absent justifié`,
 * `Absent non justifié`, or `Non saisie`. `where` adds the room of an oral unit.
 */
export function entryOrigin(
  entry: Entry | null | undefined,
  session: number,
  where: string | null = null,
): string {
  if (!entry) return 'Non saisie';
  if ('kept' in entry) return `Bénéfice (session ${entry.kept.session})`;
  if ('exempt' in entry) return 'Dispensé';
  const suffix = where ? ` · ${where}` : '';
  if ('absent' in entry) {
    return `${entry.absent === 'justified' ? 'Absent justifié' : 'Absent non justifié'}${suffix}`;
  }
  return `Session ${session}${suffix}`;
}
