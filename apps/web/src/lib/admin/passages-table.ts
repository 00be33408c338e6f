import type { PassageInput, PassageView } from '@delib/protocol';

/**
 * The order of passage of one room as an editable table: one row per candidate, in order;
 * the position is the row's place, the time is optional. Saving replaces the room's whole
 * schedule (`PUT /api/admin/commissions/:id/passages`).
 */

export interface PassageRow {
  number: string;
  /** `DURAND Camille`. */
  name: string;
  /** As typed: `08:30`, `8h30`, `14h` or empty. */
  time: string;
}

export interface SchedulableCandidate {
  number: string;
  lastName: string;
  firstName: string;
}

const TIME = /^(\d{1,2})\s*[:hH.]\s*(\d{2})?$/;

/** `8h30` → `08:30`, `14h` → `14:00`, empty → null; undefined when it is not a time. */
export function normalizeTime(text: string): string | null | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const match = TIME.exec(trimmed);
  if (!match) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2] ?? '0');
  if (hours > 23 || minutes > 59) return undefined;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

export function nameOf(candidate: { lastName: string; firstName: string }): string {
  return `${candidate.lastName.toLocaleUpperCase('fr')} ${candidate.firstName}`.trim();
}

export function rowsOfPassages(passages: readonly PassageView[]): PassageRow[] {
  return [...passages]
    .sort((a, b) => a.position - b.position)
    .map((passage) => ({
      number: passage.number,
      name: nameOf(passage),
      time: passage.time ?? '',
    }));
}

export function rowOfCandidate(candidate: SchedulableCandidate): PassageRow {
  return { number: candidate.number, name: nameOf(candidate), time: '' };
}

/** The rows with row `index` moved by `delta` (−1 up, +1 down); unchanged at the edges. */
export function moveRow<T>(rows: readonly T[], index: number, delta: number): T[] {
  const target = index + delta;
  if (index < 0 || index >= rows.length || target < 0 || target >= rows.length) return [...rows];
  const moved = [...rows];
  const [row] = moved.splice(index, 1);
  moved.splice(target, 0, row as T);
  return moved;
}

export type PassageRowsOutcome =
  { ok: true; passages: PassageInput[] } | { ok: false; errors: Record<number, string> };

/** The body of the save, or the French problem of each faulty row (by index). */
export function checkPassageRows(rows: readonly PassageRow[]): PassageRowsOutcome {
  const errors: Record<number, string> = {};
  const seen = new Set<string>();
  const passages: PassageInput[] = [];
  rows.forEach((row, index) => {
    const time = normalizeTime(row.time);
    if (time === undefined) {
      errors[index] = `Heure « ${row.time} » illisible : écrivez par exemple 08:30 ou 14h.`;
    } else if (seen.has(row.number)) {
      errors[index] = `Le candidat ${row.number} figure deux fois dans cette salle.`;
    } else {
      passages.push({ number: row.number, position: index + 1, time });
    }
    seen.add(row.number);
  });
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, passages };
}

/** Times every `minutes` from `start` (`08:00`), in row order. */
export function spreadTimes(
  rows: readonly PassageRow[],
  start: string,
  minutes: number,
): PassageRow[] | null {
  const first = normalizeTime(start);
  if (!first || !Number.isInteger(minutes) || minutes < 1 || minutes > 240) return null;
  const [hours, mins] = first.split(':').map(Number) as [number, number];
  return rows.map((row, index) => {
    const total = hours * 60 + mins + index * minutes;
    if (total >= 24 * 60) return { ...row, time: '' };
    const time = `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
    return { ...row, time };
  });
}

/**
 * Candidates who pass in none of the rooms given (their jury's rooms): the ones to schedule
 * in a new room. Sorted by number.
 */
export function unscheduled<T extends SchedulableCandidate>(
  candidates: readonly T[],
  rooms: readonly { passages: readonly { number: string }[] }[],
): T[] {
  const scheduled = new Set(
    rooms.flatMap((room) => room.passages.map((passage) => passage.number)),
  );
  return candidates
    .filter((candidate) => !scheduled.has(candidate.number))
    .sort((a, b) => a.number.localeCompare(b.number));
}

/** Who may pass in a jury's rooms: its own candidates, then the session's without a jury. */
export function schedulablePool(
  juryCandidates: readonly SchedulableCandidate[],
  sessionCandidates: readonly (SchedulableCandidate & { juryId: number | null })[],
): SchedulableCandidate[] {
  return [...juryCandidates, ...sessionCandidates.filter((candidate) => candidate.juryId === null)];
}
