import type * as Y from 'yjs';

/**
 * Layout of a commission document (`commission/<id>/g<generation>`): one root map, `marks`,
 * whose keys are cells `<candidateId>:<unitCode>` and whose values are plain JSON entries.
 * A plain value (not a nested Y type) makes each cell last-writer-wins, which is what two
 * examiners of one room expect, and keeps validation of an update cell by cell.
 */
export const MARKS_MAP = 'marks';

/** The root types a commission document may contain; anything else is refused. */
export const COMMISSION_ROOT_TYPES: readonly string[] = [MARKS_MAP];

/** What an examiner can enter for an oral unit. Bénéfices and dispenses come from the import. */
export type OralEntry = { mark: number } | { absent: 'justified' | 'unjustified' };

export interface Cell {
  candidateId: number;
  unit: string;
}

const CELL_KEY = /^([1-9][0-9]{0,9}):([A-Z][A-Z0-9]{0,9})$/;

export function cellKey(candidateId: number, unit: string): string {
  return `${candidateId}:${unit}`;
}

export function parseCellKey(key: string): Cell | null {
  const match = CELL_KEY.exec(key);
  if (!match) return null;
  return { candidateId: Number(match[1]), unit: match[2] as string };
}

/**
 * Checks the shape of a stored value (not its range: that is the regulation's job).
 * Returns null when the value is not an oral entry.
 */
export function parseOralEntry(value: unknown): OralEntry | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const keys = Object.keys(value);
  if (keys.length !== 1) return null;
  const record = value as Record<string, unknown>;
  if (keys[0] === 'mark') {
    return typeof record.mark === 'number' && Number.isFinite(record.mark)
      ? { mark: record.mark }
      : null;
  }
  if (keys[0] === 'absent') {
    return record.absent === 'justified' || record.absent === 'unjustified'
      ? { absent: record.absent }
      : null;
  }
  return null;
}

export function marksMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(MARKS_MAP);
}

export function readOralEntry(doc: Y.Doc, candidateId: number, unit: string): OralEntry | null {
  return parseOralEntry(marksMap(doc).get(cellKey(candidateId, unit)));
}

/** Writes (or, with null, clears) one cell. */
export function writeOralEntry(
  doc: Y.Doc,
  candidateId: number,
  unit: string,
  entry: OralEntry | null,
): void {
  const map = marksMap(doc);
  const key = cellKey(candidateId, unit);
  if (entry === null) map.delete(key);
  else map.set(key, { ...entry });
}

/** Every well-formed cell of the document; malformed values are skipped. */
export function readAllOralEntries(doc: Y.Doc): Map<string, OralEntry> {
  const entries = new Map<string, OralEntry>();
  marksMap(doc).forEach((value, key) => {
    const entry = parseOralEntry(value);
    if (entry && parseCellKey(key)) entries.set(key, entry);
  });
  return entries;
}
