import type { BoardCandidate, NoteValue } from '@delib/protocol';
import { formatMark, type Entry, type Regulation, type UnitLine } from '@delib/rules';

/**
 * What the candidate panel computes from a board row: the units it lists, where each entry
 * was made, the points of a unit, and the members' notes on this candidate.
 */

/** The units the candidate takes: every mandatory one, the options chosen, any with an entry. */
export function takenUnits(
  regulation: Regulation,
  candidate: Pick<BoardCandidate, 'options'>,
  entries: Readonly<Record<string, Entry | null | undefined>>,
): Regulation['units'] {
  return regulation.units.filter(
    (unit) =>
      !unit.optional ||
      candidate.options.includes(unit.code) ||
      (entries[unit.code] ?? null) !== null,
  );
}

/**
 * Where a mark or an absence was entered: the oral room's name, `écrit importé` for a written
 * unit, or null (a bénéfice, a dispense, nothing entered, an oral unit without a room).
 */
export function entryPlace(
  regulation: Regulation,
  candidate: Pick<BoardCandidate, 'commissionByUnit'>,
  commissions: readonly { id: number; name: string }[],
  unit: string,
  entry: Entry | null | undefined,
): string | null {
  if (!entry || !('mark' in entry || 'absent' in entry)) return null;
  const room = candidate.commissionByUnit[unit];
  if (room !== undefined) {
    return commissions.find((commission) => commission.id === room)?.name ?? null;
  }
  const oral = regulation.units.some((item) => item.code === unit && item.form === 'oral');
  return oral ? null : 'écrit importé';
}

/** The points a unit brings: `36`, `+1,5 (bonus)` for an optional unit, `—` without a mark. */
export function unitPoints(line: UnitLine | undefined): string {
  if (!line || line.mark === null) return '—';
  if (line.optional) return line.points > 0 ? `+${formatMark(line.points)} (bonus)` : '0';
  return formatMark(line.points);
}

/** The notes on one candidate, by author's user id, from the map keyed `<candidateId>:<userId>`. */
export function notesOnCandidate(
  candidateId: number,
  notes: Iterable<[string, NoteValue]>,
): Record<string, NoteValue> {
  const prefix = `${candidateId}:`;
  const byAuthor: Record<string, NoteValue> = {};
  for (const [noteId, note] of notes) {
    if (noteId.startsWith(prefix)) byAuthor[noteId.slice(prefix.length)] = note;
  }
  return byAuthor;
}
