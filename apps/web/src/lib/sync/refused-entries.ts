import { parseCellKey, parseOralEntry, type OralEntry } from '@delib/protocol';
import { formatMark } from '@delib/rules';

/**
 * Which of an examiner's entries the server refused. When the server closes after a lock
 * (4409) or a refusal (4422, 4413), the page must drop its local copy (architecture.md); before
 * it does, it notes what the examiner had written and not yet seen acknowledged, then compares
 * those cells with the server's copy: the ones that differ were refused. Pure: no I/O.
 */

/** What the examiner last wrote in a cell: an entry, or null when they cleared it. */
export interface WrittenEntry {
  cell: string;
  entry: OralEntry | null;
}

/** A written entry that the server's copy does not hold. */
export interface RefusedEntry extends WrittenEntry {
  candidateId: number;
  unit: string;
}

/** What the examiner is told, kept until they dismiss it (and across reloads). */
export interface RefusalNotice {
  /** At least one refusal came from the lock of the jury. */
  locked: boolean;
  /** The server's French reason for the latest refusal. */
  reason: string;
  /** Entries noted at a refusal and not yet compared with the server's copy. */
  awaiting: WrittenEntry[];
  /** Entries the server's copy does not hold, in the order they were noted. */
  refused: RefusedEntry[];
}

function sameEntry(a: OralEntry | null, b: OralEntry | null): boolean {
  if (a === null || b === null) return a === b;
  if ('mark' in a) return 'mark' in b && a.mark === b.mark;
  return 'absent' in b && a.absent === b.absent;
}

/** Later writes of a cell replace earlier ones; the first position of each cell is kept. */
function mergeWritten<T extends WrittenEntry>(earlier: readonly T[], later: readonly T[]): T[] {
  const merged = new Map<string, T>();
  for (const written of [...earlier, ...later]) merged.set(written.cell, written);
  return [...merged.values()];
}

/**
 * The written entries that the server's copy does not hold: a mark or an absence it has not
 * got (or holds with another value), or a clearing while it still holds an entry.
 */
export function refusedEntries(
  written: readonly WrittenEntry[],
  server: ReadonlyMap<string, OralEntry>,
): RefusedEntry[] {
  const refused: RefusedEntry[] = [];
  for (const { cell, entry } of written) {
    const parsed = parseCellKey(cell);
    if (!parsed) continue;
    if (!sameEntry(entry, server.get(cell) ?? null)) refused.push({ cell, entry, ...parsed });
  }
  return refused;
}

/** Adds the entries pending at a new refusal to the notice (a new one if there was none). */
export function noteRefusal(
  notice: RefusalNotice | null,
  refusal: { locked: boolean; reason: string; written: readonly WrittenEntry[] },
): RefusalNotice | null {
  if (refusal.written.length === 0) return notice;
  return {
    locked: (notice?.locked ?? false) || refusal.locked,
    reason: refusal.reason,
    awaiting: mergeWritten(notice?.awaiting ?? [], refusal.written),
    refused: notice?.refused ?? [],
  };
}

/**
 * Compares the awaiting entries with the server's copy: the ones it does not hold join the
 * refused list. Null when nothing was refused at all (there is nothing to tell).
 */
export function settleRefusal(
  notice: RefusalNotice,
  server: ReadonlyMap<string, OralEntry>,
): RefusalNotice | null {
  const awaitingCells = new Set(notice.awaiting.map((written) => written.cell));
  const refused = mergeWritten(
    // A cell noted again was rewritten since: only its latest comparison counts.
    notice.refused.filter((entry) => !awaitingCells.has(entry.cell)),
    refusedEntries(notice.awaiting, server),
  );
  if (refused.length === 0) return null;
  return { ...notice, awaiting: [], refused };
}

/** "Saisies refusées (jury verrouillé)", or with the server's reason. */
export function refusalTitle(notice: RefusalNotice): string {
  if (notice.locked) return 'Saisies refusées (jury verrouillé)';
  const reason = notice.reason.trim().replace(/[.\s]+$/, '');
  return reason === '' ? 'Saisies refusées' : `Saisies refusées (${reason})`;
}

/** `14,5`, `absent justifié`, `absent non justifié`, or `effacement` for a cleared cell. */
export function writtenValueLabel(entry: OralEntry | null): string {
  if (entry === null) return 'effacement';
  if ('mark' in entry) return formatMark(entry.mark);
  return entry.absent === 'justified' ? 'absent justifié' : 'absent non justifié';
}

/** `ARNAUD Léa – U41 : 14,5`; `nameOf` gives `ARNAUD Léa` for a candidate of the room. */
export function refusedEntryLabel(
  entry: RefusedEntry,
  nameOf: (candidateId: number) => string | null,
): string {
  const name = nameOf(entry.candidateId) ?? `Candidat n° ${entry.candidateId}`;
  return `${name} – ${entry.unit} : ${writtenValueLabel(entry.entry)}`;
}

function parseWritten(value: unknown): WrittenEntry | null {
  if (typeof value !== 'object' || value === null) return null;
  const { cell, entry } = value as { cell?: unknown; entry?: unknown };
  if (typeof cell !== 'string' || !parseCellKey(cell)) return null;
  if (entry === null) return { cell, entry: null };
  const parsed = parseOralEntry(entry);
  return parsed ? { cell, entry: parsed } : null;
}

function parseWrittenList(value: unknown): WrittenEntry[] {
  if (!Array.isArray(value)) return [];
  return value.map(parseWritten).filter((written) => written !== null);
}

/** Reads a notice kept in the browser (JSON); null when absent or unreadable. */
export function parseRefusalNotice(stored: string | null): RefusalNotice | null {
  if (stored === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(stored);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const record = value as Record<string, unknown>;
  const awaiting = parseWrittenList(record.awaiting);
  const refused = parseWrittenList(record.refused).map((written) => ({
    ...written,
    ...(parseCellKey(written.cell) as { candidateId: number; unit: string }),
  }));
  if (awaiting.length === 0 && refused.length === 0) return null;
  return {
    locked: record.locked === true,
    reason: typeof record.reason === 'string' ? record.reason : '',
    awaiting,
    refused,
  };
}
