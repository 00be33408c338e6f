import type * as Y from 'yjs';

/**
 * Layout of a commission document (`commission/<id>/g<generation>`): one root map, `marks`,
 * whose keys are cells `<candidateId>:<unitCode>` and whose values are plain JSON entries.
 * A plain value (not a nested Y type) makes each cell last-writer-wins, which is what two
 * examiners of one room expect, and keeps validation of an update cell by cell.
 */
export const MARKS_MAP = 'marks';
/**
 * Second root map, `grids`: under the same cell keys, the evaluation grid the examiner filled
 * for that unit, `{ <criterion id>: <level id> }`, beside the mark and never instead of it: the
 * result reads only `marks`. Each grid is one plain value, last-writer-wins like a mark.
 */
export const GRIDS_MAP = 'grids';

/** The root types a commission document may contain; anything else is refused. */
export const COMMISSION_ROOT_TYPES: readonly string[] = [MARKS_MAP, GRIDS_MAP];

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

/** A filled grid as stored: criterion id → level id (checked against the regulation's grid). */
export type FilledGrid = Readonly<Record<string, string>>;

/** Bounds of a stored grid's shape, whatever the regulation: a forged value is refused early. */
export const MAX_GRID_CRITERIA = 20;
const GRID_KEY = /^[a-z0-9][a-z0-9-]{0,31}$/;

/**
 * Checks the shape of a stored grid: a plain object of at most 20 criterion ids to level ids.
 * Returns null when the value is not a filled grid (the regulation's grid is checked apart).
 */
export function parseFilledGrid(value: unknown): FilledGrid | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  if (Object.getPrototypeOf(value) !== Object.prototype) return null;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > MAX_GRID_CRITERIA) return null;
  const grid: Record<string, string> = {};
  for (const [criterion, level] of entries) {
    if (!GRID_KEY.test(criterion) || typeof level !== 'string' || !GRID_KEY.test(level))
      return null;
    grid[criterion] = level;
  }
  return grid;
}

export function gridsMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(GRIDS_MAP);
}

export function readFilledGrid(doc: Y.Doc, candidateId: number, unit: string): FilledGrid | null {
  return parseFilledGrid(gridsMap(doc).get(cellKey(candidateId, unit)));
}

/** Writes (or, with null or an empty grid, clears) the grid of one cell. */
export function writeFilledGrid(
  doc: Y.Doc,
  candidateId: number,
  unit: string,
  grid: FilledGrid | null,
): void {
  const map = gridsMap(doc);
  const key = cellKey(candidateId, unit);
  if (grid === null || Object.keys(grid).length === 0) map.delete(key);
  else map.set(key, { ...grid });
}

/** Every well-formed grid of the document, by cell key; malformed values are skipped. */
export function readAllFilledGrids(doc: Y.Doc): Map<string, FilledGrid> {
  const grids = new Map<string, FilledGrid>();
  gridsMap(doc).forEach((value, key) => {
    const grid = parseFilledGrid(value);
    if (grid && parseCellKey(key)) grids.set(key, grid);
  });
  return grids;
}
